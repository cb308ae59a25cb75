/**
 * Sign-ETH flow (issue 5): scanned EIP-4527 eth-sign-request → review (chain, from, to, value,
 * fees, max cost, decoded calldata / EIP-712 tree / message, loud warnings) → hold-to-confirm →
 * ur:eth-signature as an animated QR. A request for another key or path ends on a refusal screen;
 * nothing is signed before the explicit 'confirm' event. Pure: no Preact, no keyring.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { EthReview } from '../../../../shared/ethereum/review';

export interface KeyInfo {
  keyId: string;
  label: string;
  fingerprint: string;
}

export type State =
  | { step: 'empty' }
  | { step: 'reviewing' }
  | { step: 'review'; key: KeyInfo; review: EthReview }
  | { step: 'signing'; key: KeyInfo; review: EthReview }
  | { step: 'signed'; signatureCbor: Uint8Array; review: EthReview }
  | { step: 'refused'; code: ErrorCode; detail?: Record<string, string | number>; review?: EthReview; key?: KeyInfo }
  | { step: 'cancelled' };

export type Event =
  | { type: 'scanned' }
  | { type: 'reviewed'; key: KeyInfo; review: EthReview }
  | { type: 'review-failed'; code: ErrorCode; detail?: Record<string, string | number> }
  | { type: 'confirm' }
  | { type: 'signed'; signatureCbor: Uint8Array }
  | { type: 'sign-failed'; code: ErrorCode; detail?: Record<string, string | number> }
  | { type: 'cancel' };

export const initialState: State = { step: 'empty' };

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return s.step === 'signing' ? s : { step: 'cancelled' };
  switch (s.step) {
    case 'empty':
      return e.type === 'scanned' ? { step: 'reviewing' } : s;
    case 'reviewing':
      if (e.type === 'reviewed') {
        if (!e.review.canSign) return { step: 'refused', code: e.review.refusal?.code ?? 'eth/bad-request', review: e.review, key: e.key };
        return { step: 'review', key: e.key, review: e.review };
      }
      if (e.type === 'review-failed') return { step: 'refused', code: e.code, detail: e.detail };
      return s;
    case 'review':
      return e.type === 'confirm' ? { step: 'signing', key: s.key, review: s.review } : s;
    case 'signing':
      if (e.type === 'signed') return { step: 'signed', signatureCbor: e.signatureCbor, review: s.review };
      if (e.type === 'sign-failed') return { step: 'refused', code: e.code, detail: e.detail, review: s.review, key: s.key };
      return s;
    default:
      return s;
  }
}
