/**
 * Sign a reviewed PSBT: re-run the review, require it to equal the one the user approved, then sign
 * ONLY the inputs the review marked `ours` with `Transaction.signIdx` (never the catch-all `sign()`,
 * which silently signs whatever it can). Each input is signed with the exact keys the review proved to
 * be in its script (single-sig P2PKH/P2SH-P2WPKH/P2WPKH, BIP-86 P2TR key path, P2SH/P2WSH/P2SH-P2WSH
 * multisig cosigner keys).
 *
 * Specs: BIP-174/370 Signer role (partial signatures, v0 stays v0, v2 stays v2), BIP-143/341 sighash,
 * RFC 6979 deterministic ECDSA (BIP-174 signer vectors reproduce byte for byte), BIP-340 Schnorr.
 * Refuses: sighash other than ALL (or DEFAULT for taproot), a network mismatch, a changed review.
 * Deliberately does NOT: sign taproot script paths, or sign anything not shown in the review.
 */
import type { HDKey } from '@scure/bip32';
import { SigHash } from '@scure/btc-signer';
import { AppError } from '../errors';
import { parsePath } from '../keys/paths';
import { parsePsbt, serializePsbt } from './psbt';
import { createKeySource } from './key-source';
import { reviewFingerprint, reviewParsed, type PsbtReview, type ReviewContext } from './review';

export interface SignOptions {
  /** finalize every input that has enough signatures (BIP-174 Input Finalizer) */
  finalize?: boolean;
  /** sign only with keys at these paths (e.g. to act as one BIP-174 signer among several) */
  onlyPaths?: readonly string[];
}

export interface SignResult {
  /** the PSBT with our signatures, in the version that came in */
  psbt: Uint8Array;
  signedInputs: number[];
  finalizedInputs: number[];
  review: PsbtReview;
}

/**
 * Sign `psbtBytes` with `root` after checking it still matches `approved`.
 * Throws 'psbt/review-changed', 'psbt/network-mismatch', 'psbt/unsupported-sighash' {inputIndex},
 * 'psbt/no-inputs-ours', 'psbt/cannot-sign' {inputIndex}, plus the parse errors of parsePsbt.
 */
export function signPsbt(psbtBytes: Uint8Array, root: HDKey, approved: PsbtReview, ctx: Omit<ReviewContext, 'keys'> & SignOptions): SignResult {
  const parsed = parsePsbt(psbtBytes);
  const keys = createKeySource(root, ctx.network);
  try {
    const review = reviewParsed(parsed, keys, { ...ctx, keys: root });
    // The user approved one exact review; anything different (other PSBT, other wallets) is refused.
    if (reviewFingerprint(review) !== reviewFingerprint(approved)) throw new AppError('psbt/review-changed');
    if (review.warnings.some((w) => w.code === 'NETWORK_MISMATCH')) throw new AppError('psbt/network-mismatch');
    const odd = review.warnings.find((w) => w.code === 'UNUSUAL_SIGHASH');
    if (odd) throw new AppError('psbt/unsupported-sighash', { inputIndex: odd.detail.inputIndex });
    const only = ctx.onlyPaths ? new Set(ctx.onlyPaths.map((p) => parsePath(p).join('/'))) : undefined;
    const { tx } = parsed;
    const signed: number[] = [];
    for (const inp of review.inputs) {
      if (!inp.ours) continue;
      // refuse: anything but SIGHASH_ALL lets others alter the outputs or inputs after we sign
      const allowed = inp.scriptType === 'p2tr' ? [SigHash.DEFAULT, SigHash.ALL] : [SigHash.ALL];
      let any = false;
      for (const p of inp.signPaths) {
        const path = parsePath(p);
        if (only && !only.has(path.join('/'))) continue;
        const priv = keys.privAt(path);
        if (!priv) throw new AppError('psbt/cannot-sign', { inputIndex: inp.index });
        try {
          tx.signIdx(priv, inp.index, allowed);
        } catch (e) {
          throw new AppError('psbt/cannot-sign', { inputIndex: inp.index }, { cause: e });
        }
        any = true;
      }
      if (any) signed.push(inp.index);
    }
    if (!signed.length) throw new AppError('psbt/no-inputs-ours');
    const finalized: number[] = [];
    if (ctx.finalize) {
      for (let i = 0; i < tx.inputsLength; i++) {
        try {
          tx.finalizeIdx(i);
          finalized.push(i);
        } catch {
          // not enough signatures yet (multisig) or not ours to complete: leave the input as is
        }
      }
    }
    return { psbt: serializePsbt(parsed), signedInputs: signed, finalizedInputs: finalized, review };
  } finally {
    keys.wipe();
  }
}
