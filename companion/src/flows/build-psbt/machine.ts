/**
 * Bitcoin send flow: form → building → review → show (animated unsigned PSBT) → scan the station's
 * answer (multisig: one answer per cosigner until M signatures) → final look → broadcasting → done.
 * A pending send found at start resumes at "scan". A refused answer keeps the user at "scan" with the
 * error and a fresh scanner (attempt + 1). Pure: no Preact, no storage, no network; the flow
 * component performs the effects and reports their outcome as events.
 */
import type { FinalTx } from '../../../../shared/bitcoin/build-psbt';
import type { PendingSend } from '../../state/app-state';

export type BtcPending = Extract<PendingSend, { kind: 'btc' }>;

export type State =
  | { step: 'loading' }
  | { step: 'form'; error?: unknown }
  | { step: 'building' }
  | { step: 'review'; p: BtcPending }
  | { step: 'show'; p: BtcPending }
  | { step: 'scan'; p: BtcPending; attempt: number; error?: unknown }
  | { step: 'final'; p: BtcPending; final: FinalTx; error?: unknown }
  | { step: 'broadcasting'; p: BtcPending; final: FinalTx }
  | { step: 'done'; txid: string };

export type Event =
  /** the stored pending send of this account (null: none) */
  | { type: 'loaded'; pending: BtcPending | null }
  | { type: 'submit' }
  | { type: 'built'; p: BtcPending }
  | { type: 'failed'; error: unknown }
  | { type: 'back' }
  /** the pending send was saved: show it to the station */
  | { type: 'show' }
  | { type: 'scan' }
  /** a multisig answer merged, signatures still missing (p carries the combined PSBT) */
  | { type: 'answer-partial'; p: BtcPending }
  /** the answer (or the last cosigner's) completes the transaction */
  | { type: 'answer-final'; p: BtcPending; final: FinalTx }
  | { type: 'answer-rejected'; error: unknown }
  | { type: 'broadcast' }
  | { type: 'broadcasted'; txid: string }
  /** the pending send was discarded */
  | { type: 'cancel' };

export const initialState: State = { step: 'loading' };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'loading':
      if (e.type !== 'loaded') return s;
      return e.pending ? { step: 'scan', p: e.pending, attempt: 0 } : { step: 'form' };
    case 'form':
      return e.type === 'submit' ? { step: 'building' } : s;
    case 'building':
      if (e.type === 'built') return { step: 'review', p: e.p };
      if (e.type === 'failed') return { step: 'form', error: e.error };
      return s;
    case 'review':
      if (e.type === 'show') return { step: 'show', p: s.p };
      if (e.type === 'back') return { step: 'form' };
      return s;
    case 'show':
      if (e.type === 'scan') return { step: 'scan', p: s.p, attempt: 0 };
      if (e.type === 'cancel') return { step: 'form' };
      return s;
    case 'scan':
      switch (e.type) {
        case 'answer-partial': return { step: 'scan', p: e.p, attempt: s.attempt + 1 };
        case 'answer-final': return { step: 'final', p: e.p, final: e.final };
        case 'answer-rejected': return { ...s, attempt: s.attempt + 1, error: e.error };
        case 'show': return { step: 'show', p: s.p };
        case 'cancel': return { step: 'form' };
        default: return s;
      }
    case 'final':
      if (e.type === 'broadcast') return { step: 'broadcasting', p: s.p, final: s.final };
      if (e.type === 'cancel') return { step: 'form' };
      return s;
    case 'broadcasting':
      if (e.type === 'broadcasted') return { step: 'done', txid: e.txid };
      if (e.type === 'failed') return { step: 'final', p: s.p, final: s.final, error: e.error };
      return s;
    default:
      return s;
  }
}

/** The error to show above the current step, if any. */
export function errorOf(s: State): unknown {
  return 'error' in s && s.error !== undefined ? s.error : null;
}

/** Amount of the payments (not change) of a pending send, sats. */
export function paymentSats(p: BtcPending): bigint {
  return p.outputs.filter((o) => o.role === 'payment').reduce((a, o) => a + o.amountSats, 0n);
}

/** Multisig progress of a pending send: the fewest signatures on any input, and who signed. */
export function multisigProgress(p: BtcPending): { signatures: number; signers: string[] } {
  return { signatures: Math.min(...(p.multisig?.signatures ?? [0])), signers: p.multisig?.signers ?? [] };
}
