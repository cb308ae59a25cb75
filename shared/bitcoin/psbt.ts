/**
 * PSBT parsing: BIP-174 (v0) and BIP-370 (v2), with BIP-371 taproot fields, via @scure/btc-signer.
 *
 * Parses with scure's default, hardened `TxOpts` — no `allowUnknownInputs/Outputs`, no
 * `allowLegacyWitnessUtxo`, no `disableScriptCheck` — so scure itself checks that a non-witness UTXO
 * hashes to the input's prevout txid, that a witness UTXO equals that transaction's output, and that
 * redeem/witness scripts hash to the spent script. Unknown key-value records are stripped (scure's
 * default), so a signed PSBT we return carries no opaque data we could not review.
 * Deliberately does NOT: combine PSBTs, build transactions, or accept anything but bytes.
 */
import { RawTx, Transaction } from '@scure/btc-signer';
import { RawPSBTV0, RawPSBTV2 } from '@scure/btc-signer/psbt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../errors';
import { equalBytes } from '../bytes';

export interface ParsedPsbt {
  tx: Transaction;
  /** PSBT version that came in (0 or 2); the signed PSBT is written back in it. */
  version: 0 | 2;
}

/** Hard ceiling for one PSBT (bytes): bounds parse and review work per input. */
export const MAX_PSBT_BYTES = 16 * 1024 * 1024;

/** Parse PSBT bytes (v0 or v2). Throws 'psbt/unparseable', or 'psbt/utxo-mismatch' {inputIndex} for contradicting UTXO data. */
export function parsePsbt(bytes: Uint8Array): ParsedPsbt {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw new AppError('psbt/unparseable');
  if (bytes.length > MAX_PSBT_BYTES) throw new AppError('input/too-large');
  let tx: Transaction;
  try {
    // Default TxOpts on purpose (ARCHITECTURE 2.3): every loosening option would let an attacker
    // smuggle unreviewable scripts or a legacy input priced by a witness UTXO (fee lie).
    tx = Transaction.fromPSBT(bytes);
  } catch (e) {
    const bad = findUtxoContradiction(bytes);
    if (bad !== undefined) throw new AppError('psbt/utxo-mismatch', { inputIndex: bad }, { cause: e });
    throw new AppError('psbt/unparseable', undefined, { cause: e });
  }
  const v = tx.opts.PSBTVersion;
  if (v !== 0 && v !== 2) throw new AppError('psbt/unparseable');
  return { tx, version: v };
}

/** Serialize back to PSBT bytes in the version that came in. */
export function serializePsbt(p: ParsedPsbt): Uint8Array {
  try {
    return p.tx.toPSBT(p.version);
  } catch (e) {
    throw new AppError('psbt/unparseable', undefined, { cause: e });
  }
}

type RawIn = {
  nonWitnessUtxo?: { outputs: { amount: bigint; script: Uint8Array }[] };
  witnessUtxo?: { amount: bigint; script: Uint8Array };
  txid?: Uint8Array;
  index?: number;
};

/**
 * After scure refused the PSBT, tell "contradicting UTXO data" apart from plain garbage by decoding the
 * raw key-value maps (no validation): a witness UTXO unlike the full previous transaction's output, or a
 * previous transaction whose txid is not the one the input spends. Returns that input's index.
 */
function findUtxoContradiction(bytes: Uint8Array): number | undefined {
  let inputs: RawIn[];
  try {
    let parsed: { global: { unsignedTx?: { inputs: { txid: Uint8Array; index: number }[] } }; inputs: RawIn[] };
    try {
      parsed = RawPSBTV0.decode(bytes) as unknown as typeof parsed;
    } catch {
      parsed = RawPSBTV2.decode(bytes) as unknown as typeof parsed;
    }
    const unsigned = parsed.global.unsignedTx?.inputs;
    inputs = parsed.inputs.map((i, j) => ({ ...(unsigned?.[j] ?? {}), ...i }));
  } catch {
    return undefined;
  }
  for (let i = 0; i < inputs.length; i++) {
    const inp = inputs[i];
    const prev = inp.nonWitnessUtxo;
    if (!prev || inp.index === undefined) continue;
    const out = prev.outputs[inp.index];
    if (!out) return i;
    const w = inp.witnessUtxo;
    if (w && (w.amount !== out.amount || !equalBytes(w.script, out.script))) return i;
    if (inp.txid && !txidMatches(prev, inp.txid)) return i;
  }
  return undefined;
}

function txidMatches(prev: NonNullable<RawIn['nonWitnessUtxo']>, txid: Uint8Array): boolean {
  try {
    // txid = SHA256d of the legacy (no-witness) serialization, encoded by scure's RawTx coder.
    const raw = RawTx.encode({ ...(prev as Parameters<typeof RawTx.encode>[0]), segwitFlag: false, witnesses: undefined });
    const h = sha256(sha256(raw));
    // scure keeps txids in display order; accept the comparison in that order.
    return equalBytes(h.slice().reverse(), txid);
  } catch {
    return false;
  }
}

/** Stable digest of PSBT bytes (for audit/event ids; not a txid). */
export function psbtDigestHex(bytes: Uint8Array): string {
  return Array.from(sha256(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
