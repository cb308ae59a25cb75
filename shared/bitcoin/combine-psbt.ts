/**
 * Multisig signature collection (BIP-174 Combiner + Input Finalizer roles) for the companion:
 * one signed PSBT per cosigner, scanned one after another, merged into OUR unsigned PSBT.
 *
 * Each signed PSBT must describe exactly the unsigned transaction we built ('wallet/signed-psbt-mismatch'
 * otherwise). From it we take only partial signatures, and only after checking each one: its key is
 * one of the input's m-of-n keys, its sighash is SIGHASH_ALL, and the ECDSA signature verifies over
 * the BIP-143 sighash of our transaction ('wallet/bad-signature' otherwise: a signature from the wrong
 * key or over another transaction never enters the PSBT). Merging uses @scure/btc-signer's
 * updateInput; finalizing uses its finalizeIdx once every input holds M signatures.
 * Deliberately does NOT: trust any other field of the signed PSBT (UTXO data, scripts, derivations
 * stay ours), handle taproot or bare P2SH multisig, or broadcast.
 */
import { OutScript, SigHash, Transaction } from '@scure/btc-signer';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { AppError } from '../errors';
import { equalBytes, toHex } from '../bytes';
import type { NetworkName } from './networks';
import { extractFinalTx, sameUnsignedTx, type FinalTx } from './build-psbt';

export interface CombineStatus {
  /** our PSBT with every verified signature collected so far */
  psbt: Uint8Array;
  /** signatures required per input (the wallet's M) */
  threshold: number;
  /** valid signatures present, per input */
  signatures: number[];
  /** every input holds at least M signatures */
  complete: boolean;
  /** master fingerprints (8 hex) whose key signed every input, in the order first seen */
  signers: string[];
}

function parse(bytes: Uint8Array): Transaction {
  try {
    return Transaction.fromPSBT(bytes);
  } catch (e) {
    throw new AppError('psbt/unparseable', undefined, { cause: e });
  }
}

/** m-of-n keys of input i (from OUR witness script). Throws 'wallet/unsupported-account'. */
function multisigOf(tx: Transaction, i: number): { m: number; pubkeys: Uint8Array[]; witnessScript: Uint8Array; amount: bigint } {
  const inp = tx.getInput(i);
  if (!inp.witnessScript || !inp.witnessUtxo) throw new AppError('wallet/unsupported-account');
  const d = OutScript.decode(inp.witnessScript);
  if (d.type !== 'ms') throw new AppError('wallet/unsupported-account');
  return { m: d.m, pubkeys: d.pubkeys, witnessScript: inp.witnessScript, amount: inp.witnessUtxo.amount };
}

/** True when `sig` (DER + sighash byte) by `pub` is a SIGHASH_ALL signature of input i of `tx`. */
function verifies(tx: Transaction, i: number, pub: Uint8Array, sig: Uint8Array, ms: ReturnType<typeof multisigOf>): boolean {
  if (sig.length < 9 || sig[sig.length - 1] !== SigHash.ALL) return false;
  const hash = tx.preimageWitnessV0(i, ms.witnessScript, SigHash.ALL, ms.amount);
  try {
    return secp256k1.verify(sig.subarray(0, -1), hash, pub, { prehash: false, format: 'der' });
  } catch {
    return false;
  }
}

/** Progress of a (partially) signed multisig PSBT of ours. Throws 'psbt/unparseable', 'wallet/unsupported-account'. */
export function combineStatus(psbt: Uint8Array): CombineStatus {
  const tx = parse(psbt);
  let threshold = 0;
  const signatures: number[] = [];
  let signedEverywhere: Set<string> | undefined;
  const order: string[] = [];
  for (let i = 0; i < tx.inputsLength; i++) {
    const ms = multisigOf(tx, i);
    threshold = Math.max(threshold, ms.m);
    const inp = tx.getInput(i);
    const sigs = (inp.partialSig ?? []).filter(([pub]) => ms.pubkeys.some((k) => equalBytes(k, pub)));
    signatures.push(sigs.length);
    const fps = new Set<string>();
    for (const [pub] of sigs) {
      const der = (inp.bip32Derivation ?? []).find(([k]) => equalBytes(k, pub));
      const fp = der ? der[1].fingerprint.toString(16).padStart(8, '0') : toHex(pub).slice(0, 8);
      fps.add(fp);
      if (!order.includes(fp)) order.push(fp);
    }
    signedEverywhere = signedEverywhere ? new Set([...signedEverywhere].filter((f) => fps.has(f))) : fps;
  }
  const complete = tx.inputsLength > 0 && signatures.every((n) => n >= threshold);
  return { psbt, threshold, signatures, complete, signers: order.filter((f) => signedEverywhere?.has(f)) };
}

/**
 * Merge the verified signatures of `signed` (one cosigner's answer) into `current` (our PSBT so far).
 * Throws 'wallet/signed-psbt-mismatch' (another transaction), 'wallet/bad-signature' {inputIndex},
 * 'wallet/no-new-signature' (nothing new: the same answer scanned twice), 'psbt/unparseable'.
 */
export function combineSignedPsbt(current: Uint8Array, signed: Uint8Array): CombineStatus {
  if (!sameUnsignedTx(current, signed)) throw new AppError('wallet/signed-psbt-mismatch');
  const ours = parse(current);
  const theirs = parse(signed);
  let added = 0;
  const updates: [number, [Uint8Array, Uint8Array][]][] = [];
  for (let i = 0; i < ours.inputsLength; i++) {
    const ms = multisigOf(ours, i);
    const have = ours.getInput(i).partialSig ?? [];
    const fresh: [Uint8Array, Uint8Array][] = [];
    for (const [pub, sig] of theirs.getInput(i).partialSig ?? []) {
      // refuse: a key outside the script or a signature that doesn't verify would make the final tx invalid
      if (!ms.pubkeys.some((k) => equalBytes(k, pub)) || !verifies(ours, i, pub, sig, ms)) throw new AppError('wallet/bad-signature', { inputIndex: i });
      if (have.some(([k]) => equalBytes(k, pub))) continue;
      fresh.push([pub, sig]);
    }
    if (fresh.length) updates.push([i, fresh]);
    added += fresh.length;
  }
  if (!added) throw new AppError('wallet/no-new-signature');
  // all inputs checked first: a bad signature on input 2 leaves inputs 0–1 untouched too
  for (const [i, partialSig] of updates) ours.updateInput(i, { partialSig }, true);
  return combineStatus(ours.toPSBT(0));
}

/** Finalize every input of a PSBT holding M signatures each and extract the transaction. Throws 'wallet/not-fully-signed' {inputIndex}. */
export function finalizeMultisigPsbt(psbt: Uint8Array, network: NetworkName): FinalTx {
  const tx = parse(psbt);
  for (let i = 0; i < tx.inputsLength; i++) {
    try {
      tx.finalizeIdx(i);
    } catch (e) {
      throw new AppError('wallet/not-fully-signed', { inputIndex: i }, { cause: e });
    }
  }
  return extractFinalTx(tx, network);
}
