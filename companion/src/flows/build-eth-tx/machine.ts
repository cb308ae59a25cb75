/**
 * Ethereum send flow (ETH or an added ERC-20): form → building → review (max fee) → show the
 * ur:eth-sign-request → scan the ur:eth-signature (request id and signer checked) → final look →
 * broadcasting → sent (then mined, or reverted). A pending request found at start resumes at "scan";
 * a refused answer keeps the user at "scan" with the error and a fresh scanner. Pure: no Preact, no
 * storage, no network; the flow component performs the effects and reports them as events.
 */
import type { AssembledTx } from '../../../../shared/ethereum/build-tx';
import type { EvmReceipt } from '../../net/types';
import type { PendingSend } from '../../state/app-state';
import { errorOf, sendTransition, type SendEvent, type SendState } from '../send-steps';

export type EthPending = Extract<PendingSend, { kind: 'eth' }>;

export type State =
  | SendState<EthPending>
  | { step: 'final'; p: EthPending; tx: AssembledTx; error?: unknown }
  | { step: 'broadcasting'; p: EthPending; tx: AssembledTx }
  /** receipt null: sent, not mined yet (or not within the polling window) */
  | { step: 'sent'; hash: string; receipt: EvmReceipt | null; error?: unknown };

export type Event =
  | SendEvent<EthPending>
  | { type: 'answer-final'; tx: AssembledTx }
  | { type: 'broadcast' }
  | { type: 'broadcasted'; hash: string }
  | { type: 'mined'; receipt: EvmReceipt | null };

export const initialState: State = { step: 'loading' };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'scan':
      if (e.type === 'answer-final') return { step: 'final', p: s.p, tx: e.tx };
      return sendTransition(s, e);
    case 'final':
      if (e.type === 'broadcast') return { step: 'broadcasting', p: s.p, tx: s.tx };
      if (e.type === 'cancel') return { step: 'form' };
      return s;
    case 'broadcasting':
      if (e.type === 'broadcasted') return { step: 'sent', hash: e.hash, receipt: null };
      if (e.type === 'failed') return { step: 'final', p: s.p, tx: s.tx, error: e.error };
      return s;
    case 'sent':
      if (e.type === 'mined') return { step: 'sent', hash: s.hash, receipt: e.receipt };
      if (e.type === 'failed') return { ...s, error: e.error };
      return s;
    default:
      return sendTransition(s, e);
  }
}

export { errorOf };

/** The heading of the sent step: waiting, mined, or mined but reverted. */
export function sentTitle(receipt: EvmReceipt | null): string {
  if (!receipt) return 'Sent — waiting for it to be mined…';
  return receipt.status === 'success' ? `Mined in block ${receipt.blockNumber}` : `Mined in block ${receipt.blockNumber}, but the transaction reverted`;
}
