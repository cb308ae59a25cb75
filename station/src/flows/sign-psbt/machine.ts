/**
 * Sign-PSBT flow (issue 4): scanned PSBT → review (every output's role, fee, warnings) → explicit
 * hold-to-confirm → signed PSBT shown as an animated QR of the SAME UR type that came in.
 * Refusals (nothing of ours to sign, unusual sighash, network mismatch, contradicting UTXO data,
 * unparseable PSBT) end on a refusal screen and nothing is signed. Pure: no Preact, no keyring.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { PsbtReview } from '../../../../shared/bitcoin/review';
import type { NetworkName } from '../../../../shared/bitcoin/networks';

/** The UR type we answer with: the one that came in (a BBQr PSBT is answered as crypto-psbt). */
export type PsbtUrType = 'crypto-psbt' | 'psbt';

export interface KeyInfo {
  keyId: string;
  label: string;
  fingerprint: string;
}

export type RefusalReason = 'network-mismatch' | 'unusual-sighash' | 'no-inputs-ours' | 'missing-utxo' | 'bad-psbt' | 'device';

export type State =
  | { step: 'empty' }
  | { step: 'reviewing'; network: NetworkName; urType: PsbtUrType }
  | { step: 'review'; key: KeyInfo; review: PsbtReview; urType: PsbtUrType }
  | { step: 'signing'; key: KeyInfo; review: PsbtReview; urType: PsbtUrType }
  | { step: 'signed'; urType: PsbtUrType; psbt: Uint8Array; signedInputs: number[]; review: PsbtReview }
  | { step: 'refused'; reason: RefusalReason; code: ErrorCode; detail?: Record<string, string | number>; review?: PsbtReview; key?: KeyInfo }
  | { step: 'cancelled' };

export type Event =
  | { type: 'scanned'; network: NetworkName; urType: PsbtUrType }
  | { type: 'reviewed'; key: KeyInfo; review: PsbtReview }
  | { type: 'review-failed'; code: ErrorCode; detail?: Record<string, string | number> }
  | { type: 'confirm' }
  | { type: 'signed'; psbt: Uint8Array; signedInputs: number[] }
  | { type: 'sign-failed'; code: ErrorCode; detail?: Record<string, string | number> }
  | { type: 'cancel' };

export const initialState: State = { step: 'empty' };

/** Why this review cannot be signed, or null when it can. Order: the most fundamental reason first. */
export function refusalOf(r: PsbtReview): { reason: RefusalReason; code: ErrorCode; detail?: Record<string, string | number> } | null {
  const net = r.warnings.find((w) => w.code === 'NETWORK_MISMATCH');
  if (net) return { reason: 'network-mismatch', code: 'psbt/network-mismatch' };
  const sh = r.warnings.find((w) => w.code === 'UNUSUAL_SIGHASH');
  if (sh) return { reason: 'unusual-sighash', code: 'psbt/unsupported-sighash', detail: { inputIndex: sh.detail.inputIndex } };
  if (!r.inputs.some((i) => i.ours)) {
    const missing = r.inputs.find((i) => i.reason === 'missing-utxo');
    if (missing) return { reason: 'missing-utxo', code: 'psbt/missing-utxo', detail: { inputIndex: missing.index } };
    return { reason: 'no-inputs-ours', code: 'psbt/no-inputs-ours' };
  }
  return r.canSign ? null : { reason: 'no-inputs-ours', code: 'psbt/no-inputs-ours' };
}

const SIGN_REFUSALS: Partial<Record<ErrorCode, RefusalReason>> = {
  'psbt/network-mismatch': 'network-mismatch',
  'psbt/unsupported-sighash': 'unusual-sighash',
  'psbt/no-inputs-ours': 'no-inputs-ours',
};

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return s.step === 'signing' ? s : { step: 'cancelled' };
  switch (s.step) {
    case 'empty':
      return e.type === 'scanned' ? { step: 'reviewing', network: e.network, urType: e.urType } : s;
    case 'reviewing':
      if (e.type === 'reviewed') {
        const why = refusalOf(e.review);
        if (why) return { step: 'refused', ...why, review: e.review, key: e.key };
        return { step: 'review', key: e.key, review: e.review, urType: s.urType };
      }
      if (e.type === 'review-failed') return { step: 'refused', reason: 'bad-psbt', code: e.code, detail: e.detail };
      return s;
    case 'review':
      // Nothing is signed before this explicit event (the hold-to-confirm button).
      return e.type === 'confirm' ? { step: 'signing', key: s.key, review: s.review, urType: s.urType } : s;
    case 'signing':
      if (e.type === 'signed') return { step: 'signed', urType: s.urType, psbt: e.psbt, signedInputs: e.signedInputs, review: s.review };
      if (e.type === 'sign-failed') {
        return { step: 'refused', reason: SIGN_REFUSALS[e.code] ?? (e.code.startsWith('ledger/') ? 'device' : 'bad-psbt'), code: e.code, detail: e.detail, review: s.review, key: s.key };
      }
      return s;
    default:
      return s;
  }
}
