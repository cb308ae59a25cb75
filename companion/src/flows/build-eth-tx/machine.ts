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

export type EthPending = Extract<PendingSend, { kind: 'eth' }>;

export type State =
  | { step: 'loading' }
  | { step: 'form'; error?: unknown }
  | { step: 'building' }
  | { step: 'review'; p: EthPending }
  | { step: 'show'; p: EthPending }
  | { step: 'scan'; p: EthPending; attempt: number; error?: unknown }
  | { step: 'final'; p: EthPending; tx: AssembledTx; error?: unknown }
  | { step: 'broadcasting'; p: EthPending; tx: AssembledTx }
  /** receipt null: sent, not mined yet (or not within the polling window) */
  | { step: 'sent'; hash: string; receipt: EvmReceipt | null; error?: unknown };

export type Event =
  | { type: 'loaded'; pending: EthPending | null }
  | { type: 'submit' }
  | { type: 'built'; p: EthPending }
  | { type: 'failed'; error: unknown }
  | { type: 'back' }
  /** the pending request was saved: show it to the station */
  | { type: 'show' }
  | { type: 'scan' }
  | { type: 'answer-final'; tx: AssembledTx }
  | { type: 'answer-rejected'; error: unknown }
  | { type: 'broadcast' }
  | { type: 'broadcasted'; hash: string }
  | { type: 'mined'; receipt: EvmReceipt | null }
  /** the pending request was discarded */
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
        case 'answer-final': return { step: 'final', p: s.p, tx: e.tx };
        case 'answer-rejected': return { ...s, attempt: s.attempt + 1, error: e.error };
        case 'show': return { step: 'show', p: s.p };
        case 'cancel': return { step: 'form' };
        default: return s;
      }
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
      return s;
  }
}

/** The error to show above the current step, if any. */
export function errorOf(s: State): unknown {
  return 'error' in s && s.error !== undefined ? s.error : null;
}

/** The heading of the sent step: waiting, mined, or mined but reverted. */
export function sentTitle(receipt: EvmReceipt | null): string {
  if (!receipt) return 'Sent — waiting for it to be mined…';
  return receipt.status === 'success' ? `Mined in block ${receipt.blockNumber}` : `Mined in block ${receipt.blockNumber}, but the transaction reverted`;
}
