/**
 * Bitcoin send flow: form → building → review → show (animated unsigned PSBT) → scan the station's
 * answer (multisig: one answer per cosigner until M signatures) → final look → broadcasting → done.
 * A pending send found at start resumes at "scan". A refused answer keeps the user at "scan" with the
 * error and a fresh scanner (attempt + 1). Pure: no Preact, no storage, no network; the flow
 * component performs the effects and reports their outcome as events.
 */
import type { FinalTx } from '../../../../shared/bitcoin/build-psbt';
import type { PendingSend } from '../../state/app-state';
import { errorOf, sendTransition, type SendEvent, type SendState } from '../send-steps';

export type BtcPending = Extract<PendingSend, { kind: 'btc' }>;

export type State =
  | SendState<BtcPending>
  | { step: 'final'; p: BtcPending; final: FinalTx; error?: unknown }
  | { step: 'broadcasting'; p: BtcPending; final: FinalTx }
  | { step: 'done'; txid: string };

export type Event =
  | SendEvent<BtcPending>
  /** a multisig answer merged, signatures still missing (p carries the combined PSBT) */
  | { type: 'answer-partial'; p: BtcPending }
  /** the answer (or the last cosigner's) completes the transaction */
  | { type: 'answer-final'; p: BtcPending; final: FinalTx }
  | { type: 'broadcast' }
  | { type: 'broadcasted'; txid: string };

export const initialState: State = { step: 'loading' };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'scan':
      if (e.type === 'answer-partial') return { step: 'scan', p: e.p, attempt: s.attempt + 1 };
      if (e.type === 'answer-final') return { step: 'final', p: e.p, final: e.final };
      return sendTransition(s, e);
    case 'final':
      if (e.type === 'broadcast') return { step: 'broadcasting', p: s.p, final: s.final };
      if (e.type === 'cancel') return { step: 'form' };
      return s;
    case 'broadcasting':
      if (e.type === 'broadcasted') return { step: 'done', txid: e.txid };
      if (e.type === 'failed') return { step: 'final', p: s.p, final: s.final, error: e.error };
      return s;
    case 'done':
      return s;
    default:
      return sendTransition(s, e);
  }
}

export { errorOf };

/** Amount of the payments (not change) of a pending send, sats. */
export function paymentSats(p: BtcPending): bigint {
  return p.outputs.filter((o) => o.role === 'payment').reduce((a, o) => a + o.amountSats, 0n);
}

/** Multisig progress of a pending send: the fewest signatures on any input, and who signed. */
export function multisigProgress(p: BtcPending): { signatures: number; signers: string[] } {
  return { signatures: Math.min(...(p.multisig?.signatures ?? [0])), signers: p.multisig?.signers ?? [] };
}
