/**
 * PSBT review: what a transaction really does, recomputed from data we verify (ARCHITECTURE 2.1 #4).
 *
 * Specs: BIP-174/370/371 fields; BIP-32 key origins; BIP-44/49/84/86 (purpose → script type),
 * BIP-48/67 multisig; BIP-143 fee lie (CVE-2020-14199); BIP-65/BIP-68/BIP-125 locktime and RBF.
 * - An input is `ours` when a key we derive (our fingerprint, our derivation) is in its script and
 *   we have UTXO data to sign it. Finalized inputs and inputs without UTXO data are not ours.
 * - An output is `change` only when re-derived: our fingerprint, a path in the same account as one of
 *   our single-sig inputs, chain 0/1, the script type the purpose implies, and the derived key producing
 *   exactly that script (SeedSigner rule); or a registered/declared multisig wallet whose keys at that
 *   chain/index produce exactly that script. Anything else claiming our fingerprint is a payment with
 *   CHANGE_NOT_VERIFIED.
 * - The fee uses the full previous transaction when present (scure has already checked its txid and
 *   that any witness UTXO agrees); segwit v0 amounts backed only by a witness UTXO are flagged.
 * Per-input work is bounded: at most MAX_OUR_DERIVATIONS derivations of at most MAX_PATH_DEPTH steps.
 * Deliberately does NOT: sign (sign.ts), judge policies beyond warnings, or trust any PSBT claim.
 */
import type { HDKey } from '@scure/bip32';
import { Address, OutScript, Script, p2tr } from '@scure/btc-signer';
import { AppError } from '../errors';
import { equalBytes, toHex } from '../bytes';
import { formatPath } from '../keys/paths';
import type { BtcNetwork, NetworkName } from './networks';
import { singleSigOutput, type SingleSigScriptType } from './address';
import { multisigScripts, type MultisigWallet } from './multisig';
import { parsePsbt, type ParsedPsbt } from './psbt';
import { createKeySource, type KeySource, type OurKeys } from './key-source';
import { estimateVsize } from './vsize';

export type InputScriptType = SingleSigScriptType | 'p2sh' | 'p2wsh' | 'p2sh-p2wsh' | 'unknown';
export type UtxoData = 'full' | 'witness-only' | 'missing';
export type WarningCode =
  | 'HIGH_FEE' | 'MISSING_UTXO' | 'SEGWIT_UTXO_UNVERIFIED' | 'UNUSUAL_SIGHASH' | 'FOREIGN_INPUTS'
  | 'CHANGE_NOT_VERIFIED' | 'NETWORK_MISMATCH' | 'OP_RETURN' | 'LOCKTIME' | 'RBF';

export interface ReviewWarning {
  code: WarningCode;
  /** plain-language explanation */
  message: string;
  detail: Record<string, string | number>;
}

export interface ReviewInput {
  index: number;
  txid: string;
  vout: number;
  /** amount of the coin spent (sats); null without UTXO data */
  valueSats: bigint | null;
  utxo: UtxoData;
  scriptType: InputScriptType;
  ours: boolean;
  /** first of our key paths in this input's script (null when not ours) */
  path: string | null;
  /** every path of ours whose key is in the script (multisig may hold several) */
  signPaths: string[];
  /** PSBT_IN_SIGHASH_TYPE when present */
  sighash: number | null;
  /** why an input with our key is not signable */
  reason?: 'missing-utxo' | 'finalized' | 'unsupported-script';
}

interface OutputBase { index: number; valueSats: bigint; address: string | null; path: string | null }
export type ReviewOutput =
  | (OutputBase & { role: 'payment'; address: string; changeNotVerified: boolean })
  | (OutputBase & { role: 'change'; address: string; path: string; wallet: string | null })
  | (OutputBase & { role: 'op-return'; address: null; dataHex: string })
  | (OutputBase & { role: 'unknown-script'; address: null; scriptHex: string });

export interface PsbtReview {
  network: NetworkName;
  psbtVersion: 0 | 2;
  /** id of the unsigned transaction: the final txid when no input needs a scriptSig (native segwit) */
  txid: string;
  inputs: ReviewInput[];
  outputs: ReviewOutput[];
  /** sum of inputs (sats); null when an input has no UTXO data */
  inputSats: bigint | null;
  /** sum of non-change outputs (sats) */
  sentSats: bigint;
  changeSats: bigint;
  feeSats: bigint | null;
  /** false when an amount rests on a segwit v0 witness UTXO only (CVE-2020-14199) */
  feeVerified: boolean;
  /** estimated virtual size of the signed transaction (vB) */
  vsize: number;
  feeRateSatVb: number | null;
  lockTime: number;
  warnings: ReviewWarning[];
  canSign: boolean;
}

export interface ReviewContext {
  network: BtcNetwork;
  /** our root key (never stored) or, watch-only, our fingerprint and account xpubs */
  keys: HDKey | OurKeys;
  /** registered or declared multisig wallets (for change verification) */
  wallets?: readonly MultisigWallet[];
}

/** HIGH_FEE thresholds (CLI.md). */
export const HIGH_FEE = { absoluteSats: 1_000_000n, percentOfSent: 5, percentMinSats: 10_000n, rateSatVb: 500 } as const;

const MAX_OUR_DERIVATIONS = 16;
const MAX_PATH_DEPTH = 8;
const H = 0x80000000;
const PURPOSE_TYPE: Record<number, SingleSigScriptType> = { 44: 'p2pkh', 49: 'p2sh-p2wpkh', 84: 'p2wpkh', 86: 'p2tr' };
const COIN_PURPOSES = new Set([44, 48, 49, 84, 86, 87]);

type Der = { pub: Uint8Array; fingerprint: number; path: number[] };

/** Review PSBT bytes. Throws 'psbt/unparseable', 'psbt/utxo-mismatch'. */
export function reviewPsbt(psbtBytes: Uint8Array, ctx: ReviewContext): PsbtReview {
  const parsed = parsePsbt(psbtBytes);
  const keys = createKeySource(ctx.keys, ctx.network);
  try {
    return reviewParsed(parsed, keys, ctx);
  } finally {
    keys.wipe();
  }
}

/** Review an already parsed PSBT with a key source (used by sign.ts, which reuses the derived keys). */
export function reviewParsed(parsed: ParsedPsbt, keys: KeySource, ctx: ReviewContext): PsbtReview {
  const { tx } = parsed;
  const net = ctx.network;
  const warnings: ReviewWarning[] = [];
  const warn = (code: WarningCode, message: string, detail: Record<string, string | number> = {}) =>
    warnings.push({ code, message, detail });
  const mismatches = new Set<string>();
  const checkPath = (path: number[]) => {
    if (path.length >= 2 && COIN_PURPOSES.has(path[0] - H) && (path[1] === H || path[1] === H + 1) && path[1] - H !== net.coinType)
      mismatches.add(formatPath(path.slice(0, 2)));
  };
  const ours = (ders: Der[]): Der[] => {
    const out: Der[] = [];
    for (const d of ders) {
      checkPath(d.path);
      if (d.fingerprint !== keys.fingerprint || d.path.length > MAX_PATH_DEPTH || out.length >= MAX_OUR_DERIVATIONS) continue;
      const pub = keys.pubAt(d.path);
      if (pub && equalBytes(d.pub.length === 32 ? pub.subarray(1) : pub, d.pub)) out.push({ ...d, pub });
    }
    return out;
  };

  // --- inputs
  const inputs: ReviewInput[] = [];
  const accounts = new Set<string>();
  let inputSats: bigint | null = 0n;
  let feeVerified = true;
  const vsizeParts: { type: InputScriptType; final?: { scriptSig?: Uint8Array; witness?: Uint8Array[] }; m?: number; n?: number; scriptLen?: number }[] = [];
  for (let i = 0; i < tx.inputsLength; i++) {
    const inp = tx.getInput(i);
    const txid = inp.txid ? toHex(inp.txid) : '';
    const vout = inp.index ?? 0;
    let prev: { amount: bigint; script: Uint8Array } | undefined;
    let utxo: UtxoData = 'missing';
    if (inp.nonWitnessUtxo && inp.index !== undefined) {
      prev = inp.nonWitnessUtxo.outputs[inp.index];
      utxo = 'full';
    } else if (inp.witnessUtxo) {
      prev = inp.witnessUtxo;
      utxo = 'witness-only';
    }
    const t = classifyInput(prev?.script, inp.redeemScript, inp.witnessScript);
    const ders = ours([
      ...(inp.bip32Derivation ?? []).map(([pub, d]) => ({ pub, fingerprint: d.fingerprint, path: d.path })),
      ...(inp.tapBip32Derivation ?? []).map(([pub, d]) => ({ pub, fingerprint: d.der.fingerprint, path: d.der.path })),
    ]);
    const sighash = inp.sighashType ?? null;
    let signers: Der[] = [];
    // sorted by path: a deterministic signing order (BIP-174 vectors sign key by key in path order)
    if (prev) signers = matchInputKeys(t, prev.script, ders, inp, net).sort((a, b) => comparePaths(a.path, b.path));
    const finalized = inp.finalScriptSig !== undefined || inp.finalScriptWitness !== undefined;
    let reason: ReviewInput['reason'];
    if (ders.length && !prev) reason = 'missing-utxo';
    else if (ders.length && finalized) reason = 'finalized';
    else if (ders.length && !signers.length) reason = 'unsupported-script';
    const isOurs = !!prev && !finalized && signers.length > 0;
    if (isOurs && (t.type === 'p2pkh' || t.type === 'p2sh-p2wpkh' || t.type === 'p2wpkh' || t.type === 'p2tr')) {
      const p = signers[0].path;
      if (p.length === 5 && PURPOSE_TYPE[p[0] - H] === t.type) accounts.add(formatPath(p.slice(0, 3)));
    }
    const signPaths = isOurs ? signers.map((s) => formatPath(s.path)) : [];
    inputs.push({ index: i, txid, vout, valueSats: prev ? prev.amount : null, utxo, scriptType: t.type, ours: isOurs,
      path: signPaths[0] ?? null, signPaths, sighash, ...(reason && !isOurs ? { reason } : {}) });
    if (!prev) {
      inputSats = null;
      warn('MISSING_UTXO', `Input ${i} carries no information about the coin it spends: its amount is unknown, so the fee cannot be checked, and it cannot be signed.`, { inputIndex: i });
    } else {
      if (inputSats !== null) inputSats += prev.amount;
      if (utxo === 'witness-only' && (t.type === 'p2wpkh' || t.type === 'p2sh-p2wpkh' || t.type === 'p2wsh' || t.type === 'p2sh-p2wsh')) {
        feeVerified = false;
        warn('SEGWIT_UTXO_UNVERIFIED', `Input ${i} is a segwit v0 coin whose full previous transaction is missing, so its amount (and the fee) could be lied about (CVE-2020-14199).`, { inputIndex: i });
      }
    }
    const okSighash = sighash === null || sighash === 1 || (sighash === 0 && t.type === 'p2tr');
    if (!okSighash) warn('UNUSUAL_SIGHASH', `Input ${i} asks for signature type 0x${sighash.toString(16)} instead of SIGHASH_ALL: such a signature may let others change the transaction. Airlock refuses to sign it.`, { inputIndex: i, sighash });
    vsizeParts.push({ type: t.type, m: t.m, n: t.n, scriptLen: t.scriptLen,
      final: finalized ? { scriptSig: inp.finalScriptSig, witness: inp.finalScriptWitness } : undefined });
  }
  const foreign = inputs.filter((x) => !x.ours).map((x) => x.index);
  if (foreign.length) warn('FOREIGN_INPUTS', `${foreign.length} of ${inputs.length} inputs are not signed by this key (inputs ${foreign.join(', ')}). Someone else must sign them.`, { count: foreign.length, inputs: foreign.join(',') });

  // --- outputs
  const wallets = (ctx.wallets ?? []).map((w) => ({ w, me: keys.cosignerIndex(w) })).filter((x) => x.me >= 0);
  for (const x of ctx.wallets ?? []) for (const c of x.cosigners) if (!c.xpub.startsWith(net.coinType === 0 ? 'xpub' : 'tpub')) mismatches.add(`wallet ${x.name}`);
  const outputs: ReviewOutput[] = [];
  let sentSats = 0n;
  let changeSats = 0n;
  const outScripts: Uint8Array[] = [];
  for (let o = 0; o < tx.outputsLength; o++) {
    const out = tx.getOutput(o);
    const script = out.script ?? new Uint8Array();
    const valueSats = out.amount ?? 0n;
    outScripts.push(script);
    const claims: Der[] = [
      ...(out.bip32Derivation ?? []).map(([pub, d]) => ({ pub, fingerprint: d.fingerprint, path: d.path })),
      ...(out.tapBip32Derivation ?? []).map(([pub, d]) => ({ pub, fingerprint: d.der.fingerprint, path: d.der.path })),
    ];
    for (const c of claims) checkPath(c.path);
    if (script[0] === 0x6a) {
      const dataHex = opReturnData(script);
      outputs.push({ index: o, role: 'op-return', valueSats, address: null, path: null, dataHex });
      sentSats += valueSats;
      warn('OP_RETURN', `Output ${o} is an OP_RETURN data output${valueSats > 0n ? ` that burns ${valueSats} sat` : ''}. Its data: ${describeData(dataHex)}.`, { outputIndex: o, data: dataHex });
      continue;
    }
    const address = addressOf(script, net);
    if (address === null) {
      outputs.push({ index: o, role: 'unknown-script', valueSats, address: null, path: null, scriptHex: toHex(script) });
      sentSats += valueSats;
      continue;
    }
    const mine = claims.filter((c) => c.fingerprint === keys.fingerprint);
    const proof = mine.length ? proveChange(script, mine, keys, accounts, wallets, net) : null;
    if (proof) {
      outputs.push({ index: o, role: 'change', valueSats, address, path: proof.path, wallet: proof.wallet });
      changeSats += valueSats;
    } else {
      outputs.push({ index: o, role: 'payment', valueSats, address, path: null, changeNotVerified: mine.length > 0 });
      sentSats += valueSats;
      if (mine.length) warn('CHANGE_NOT_VERIFIED', `Output ${o} (${address}) claims to belong to this wallet, but Airlock could not prove it: treat it as a payment to someone else.`, { outputIndex: o, address });
    }
  }

  // --- network
  // scure keeps PSBT_GLOBAL_XPUB in its (TS-private) global map; read-only access.
  const globalXpubs = (tx as unknown as { global: { xpub?: [{ version: number }, unknown][] } }).global.xpub;
  for (const x of globalXpubs ?? []) {
    const v = x[0].version;
    if (v !== net.bip32.public && v !== net.bip32.private) mismatches.add('global xpub');
  }
  if (mismatches.size) warn('NETWORK_MISMATCH', `This transaction refers to keys of another Bitcoin network than ${net.name} (${[...mismatches].join('; ')}). Airlock refuses to sign it.`, { network: net.name, found: [...mismatches].join('; ') });

  // --- fee
  // No inputs (an unfinished PSBT) has no fee yet; outputs above verified inputs is an invalid transaction.
  const feeSats = inputSats === null || inputs.length === 0 ? null : inputSats - sentSats - changeSats;
  if (feeSats !== null && feeSats < 0n) throw new AppError('psbt/unparseable', { reason: 'outputs exceed inputs' });
  const vsize = estimateVsize(vsizeParts, outScripts);
  const feeRateSatVb = feeSats === null || vsize === 0 ? null : Math.round((Number(feeSats) / vsize) * 100) / 100;
  if (feeSats !== null) {
    const pct = sentSats > 0n ? (feeSats * 100n) / sentSats : 0n;
    const high =
      feeSats > HIGH_FEE.absoluteSats ||
      (feeSats > HIGH_FEE.percentMinSats && feeSats * 100n > sentSats * BigInt(HIGH_FEE.percentOfSent)) ||
      (feeRateSatVb !== null && feeRateSatVb > HIGH_FEE.rateSatVb);
    if (high) warn('HIGH_FEE', `The fee is unusually high: ${feeSats} sat (${feeRateSatVb ?? '?'} sat/vB${sentSats > 0n ? `, about ${pct}% of the amount sent` : ''}).`, { feeSats: feeSats.toString(), feeRateSatVb: feeRateSatVb ?? 0 });
  }

  // --- locktime / RBF
  const seqs = inputs.map((_, i) => tx.getInput(i).sequence ?? 0xffffffff);
  const lockTime = tx.lockTime;
  if (lockTime !== 0 && seqs.some((s) => s < 0xffffffff)) {
    const when = lockTime < 500_000_000 ? `block height ${lockTime}` : `${new Date(lockTime * 1000).toISOString().replace('.000Z', ' UTC').replace('T', ' ')}`;
    warn('LOCKTIME', `This transaction cannot be confirmed before ${when} (nLockTime ${lockTime}).`, lockTime < 500_000_000 ? { height: lockTime } : { time: lockTime });
  }
  if (seqs.some((s) => s < 0xfffffffe)) warn('RBF', 'This transaction signals replace-by-fee: until it confirms it can be replaced by one paying a higher fee.', {});

  const blocked = warnings.some((w) => w.code === 'NETWORK_MISMATCH' || w.code === 'UNUSUAL_SIGHASH');
  return {
    network: net.name, psbtVersion: parsed.version, txid: tx.id, inputs, outputs, inputSats, sentSats, changeSats,
    feeSats, feeVerified, vsize, feeRateSatVb, lockTime, warnings, canSign: !blocked && inputs.some((x) => x.ours),
  };
}

interface InputClass { type: InputScriptType; ms?: { m: number; pubkeys: Uint8Array[] }; m?: number; n?: number; scriptLen?: number }

function decodeOut(script: Uint8Array | undefined) {
  if (!script) return undefined;
  try {
    return OutScript.decode(script);
  } catch {
    return undefined;
  }
}

function classifyInput(prevScript?: Uint8Array, redeem?: Uint8Array, witness?: Uint8Array): InputClass {
  const first = decodeOut(prevScript);
  const msOf = (s?: Uint8Array): InputClass | undefined => {
    const d = decodeOut(s);
    return d && d.type === 'ms' ? { type: 'unknown', ms: { m: d.m, pubkeys: d.pubkeys }, m: d.m, n: d.pubkeys.length, scriptLen: s!.length } : undefined;
  };
  if (!first) return { type: 'unknown' };
  if (first.type === 'pkh') return { type: 'p2pkh' };
  if (first.type === 'wpkh') return { type: 'p2wpkh' };
  if (first.type === 'tr') return { type: 'p2tr' };
  if (first.type === 'wsh') {
    const ms = msOf(witness);
    return ms ? { ...ms, type: 'p2wsh' } : { type: 'unknown' };
  }
  if (first.type === 'sh') {
    const r = decodeOut(redeem);
    if (r?.type === 'wpkh') return { type: 'p2sh-p2wpkh' };
    if (r?.type === 'wsh') {
      const ms = msOf(witness);
      return ms ? { ...ms, type: 'p2sh-p2wsh' } : { type: 'unknown' };
    }
    const ms = msOf(redeem);
    return ms ? { ...ms, type: 'p2sh' } : { type: 'unknown' };
  }
  return { type: 'unknown' };
}

/** Our derivations whose key really controls this input's script (scure checked the hashes at parse). */
function matchInputKeys(t: InputClass, prevScript: Uint8Array, ders: Der[], inp: { tapInternalKey?: Uint8Array; tapMerkleRoot?: Uint8Array; tapLeafScript?: unknown[] }, net: BtcNetwork): Der[] {
  switch (t.type) {
    case 'p2pkh':
    case 'p2wpkh':
    case 'p2sh-p2wpkh':
      return ders.filter((d) => d.pub.length === 33 && equalBytes(singleSigOutput(t.type as SingleSigScriptType, d.pub, net).script, prevScript)).slice(0, 1);
    case 'p2tr':
      // BIP-86 key path only: the internal key is ours and there is no script tree to sign for.
      if (!inp.tapInternalKey || inp.tapMerkleRoot || inp.tapLeafScript?.length) return [];
      return ders.filter((d) => equalBytes(d.pub.subarray(1), inp.tapInternalKey!) && equalBytes(p2tr(d.pub.subarray(1)).script, prevScript)).slice(0, 1);
    case 'p2sh':
    case 'p2wsh':
    case 'p2sh-p2wsh':
      return ders.filter((d) => t.ms!.pubkeys.some((k) => equalBytes(k, d.pub)));
    default:
      return [];
  }
}

function proveChange(script: Uint8Array, mine: Der[], keys: KeySource, accounts: Set<string>,
  wallets: { w: MultisigWallet; me: number }[], net: BtcNetwork): { path: string; wallet: string | null } | null {
  for (const d of mine.slice(0, MAX_OUR_DERIVATIONS)) {
    const p = d.path;
    if (p.length > MAX_PATH_DEPTH) continue;
    // single-sig: m/purpose'/coin'/account'/chain/index in the account of one of our inputs
    const type = PURPOSE_TYPE[p[0] - H];
    if (type && p.length === 5 && accounts.has(formatPath(p.slice(0, 3))) && (p[3] === 0 || p[3] === 1) && p[4] < H) {
      const pub = keys.pubAt(p);
      const claimed = d.pub.length === 32 ? pub?.subarray(1) : pub;
      if (pub && claimed && equalBytes(claimed, d.pub) && equalBytes(singleSigOutput(type, pub, net).script, script)) return { path: formatPath(p), wallet: null };
    }
    // multisig: our cosigner path + chain/index, and the whole wallet re-derives exactly this script
    for (const { w, me } of wallets) {
      const base = w.cosigners[me].path;
      const chainIdx = p.slice(-2);
      if (formatPath(p.slice(0, -2)) !== base || (chainIdx[0] !== 0 && chainIdx[0] !== 1) || chainIdx[1] >= H) continue;
      if (equalBytes(multisigScripts(w, chainIdx[0], chainIdx[1], net).script, script)) return { path: formatPath(p), wallet: w.name };
    }
  }
  return null;
}

function comparePaths(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function addressOf(script: Uint8Array, net: BtcNetwork): string | null {
  try {
    return Address(net).encode(OutScript.decode(script));
  } catch {
    return null;
  }
}

function opReturnData(script: Uint8Array): string {
  try {
    return Script.decode(script.subarray(1)).map((op) => (op instanceof Uint8Array ? toHex(op) : '')).join('');
  } catch {
    return toHex(script.subarray(1));
  }
}

function describeData(hex: string): string {
  if (!hex) return '(empty)';
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  const printable = bytes.every((b) => b >= 0x20 && b < 0x7f);
  return printable ? `"${String.fromCharCode(...bytes)}" (hex ${hex})` : `hex ${hex}`;
}

/** Canonical JSON of a review (bigints as strings) — what sign.ts compares. */
export function reviewFingerprint(r: PsbtReview): string {
  return JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
