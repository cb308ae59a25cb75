/**
 * The Ledger Bitcoin app (≥ 2.1, app-bitcoin-new protocol v1, BIP-388 wallet policies) behind a small
 * interface that takes a Transport (WebUSB in the station, the hw-transport-mocker replayer in tests):
 * app/version check, master fingerprint, account xpubs (BIP-44/49/84/86/48), multisig policy
 * registration (device shows the policy, user approves, we keep the HMAC), and PSBT signing:
 * our PSBT (v0 or v2) → the PSBTv2 the app needs (BIP-370, change derivations kept so the device shows
 * change as change) → `AppClient.signPsbt` with the default policy (single-sig) or the registered
 * policy + HMAC (multisig) → partial signatures checked against the BIP-143/BIP-341 sighash and our
 * reviewed keys → merged into the PSBT with @scure/btc-signer, in the version that came in.
 *
 * Rule (as bitcoin/sign.ts): the PSBT is reviewed again from our own xpubs and must equal the review the
 * user approved; only inputs that review marked `ours` receive signatures.
 * Deliberately does NOT: open the transport (station/src/platform/ledger-webusb.ts does), verify legacy
 * (non-segwit) signatures (scure keeps the legacy sighash private; the device signed what it displayed),
 * or register single-sig policies (the app's default policies need no registration).
 */
import { Buffer } from 'buffer';
import type Transport from '@ledgerhq/hw-transport';
import { AppClient, DefaultWalletPolicy, WalletPolicy, type DefaultDescriptorTemplate } from '@ledgerhq/ledger-bitcoin';
import { HDKey } from '@scure/bip32';
import { OutScript, SigHash, type Transaction } from '@scure/btc-signer';
import { secp256k1, schnorr } from '@noble/curves/secp256k1.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../errors';
import { concatBytes, equalBytes, toHex } from '../bytes';
import type { BtcNetwork } from '../bitcoin/networks';
import { singleSigAddress, type SingleSigScriptType } from '../bitcoin/address';
import { singleSigDescriptor } from '../bitcoin/descriptor';
import { multisigScripts, walletDescriptor, type MultisigWallet } from '../bitcoin/multisig';
import { parsePsbt, serializePsbt } from '../bitcoin/psbt';
import { reviewFingerprint, reviewPsbt, type PsbtReview } from '../bitcoin/review';
import { STANDARD_SCRIPT_TYPES, type AccountXpub } from '../keys/accounts';
import { accountPath, parsePath, type ScriptType } from '../keys/paths';
import { compareVersions, deviceCall, type LedgerAppName } from './device-errors';

export type LedgerTransport = Transport;

/** First app version with the protocol (merkleized PSBTv2, wallet policies) this adapter speaks. */
export const BTC_APP_MIN_VERSION = '2.1.0';

/** A BIP-388 wallet policy as the app sees it. */
export interface LedgerPolicy {
  name: string;
  descriptorTemplate: string;
  keys: string[];
}

/** A multisig policy registered on the device (public data, stored in the hardware key entry). */
export interface RegisteredPolicy extends LedgerPolicy {
  /** our descriptor of the wallet (bitcoin/multisig walletDescriptor), to find it again */
  descriptor: string;
  walletId: string;
  /** 32-byte HMAC the device returned (hex); proves the user approved this policy on this device */
  hmac: string;
}

/** 'Bitcoin' on mainnet, 'Bitcoin Test' on test networks. */
export function btcAppName(network: BtcNetwork): LedgerAppName {
  return network.coinType === 0 ? 'Bitcoin' : 'Bitcoin Test';
}

/** Check the open app is the network's Bitcoin app ≥ 2.1. Throws 'ledger/wrong-app', 'ledger/app-too-old', device codes. */
export async function checkBtcApp(t: LedgerTransport, network: BtcNetwork): Promise<{ name: string; version: string }> {
  const app = btcAppName(network);
  const { name, version } = await deviceCall({ app }, () => new AppClient(t).getAppAndVersion());
  if (name !== app) throw new AppError('ledger/wrong-app', { app });
  if (compareVersions(version, BTC_APP_MIN_VERSION) < 0) throw new AppError('ledger/app-too-old', { app, min: BTC_APP_MIN_VERSION });
  return { name, version };
}

/** Master fingerprint (8 lower hex) from the device. */
export async function readMasterFingerprint(t: LedgerTransport, network: BtcNetwork): Promise<string> {
  const fp = await deviceCall({ app: btcAppName(network) }, () => new AppClient(t).getMasterFingerprint());
  if (!/^[0-9a-f]{8}$/i.test(fp)) throw new AppError('internal');
  return fp.toLowerCase();
}

/** Refuse a device holding another seed than the saved key. Throws 'ledger/wrong-device' {got, expected}. */
export async function assertDeviceFingerprint(t: LedgerTransport, network: BtcNetwork, expected: string): Promise<void> {
  const got = await readMasterFingerprint(t, network);
  if (got !== expected.toLowerCase()) throw new AppError('ledger/wrong-device', { got, expected });
}

/** Extended public key at `path` (silent: standard paths only). Throws 'keys/bad-xkey' when it is not a key of `network`. */
export async function readXpub(t: LedgerTransport, network: BtcNetwork, path: string): Promise<string> {
  const xpub = await deviceCall({ app: btcAppName(network) }, () => new AppClient(t).getExtendedPubkey(path, false));
  try {
    const k = HDKey.fromExtendedKey(xpub, network.bip32);
    if (k.depth !== parsePath(path).length) throw new Error('depth');
  } catch (e) {
    throw new AppError('keys/bad-xkey', { expected: network.name }, { cause: e });
  }
  return xpub;
}

/** Fingerprint and the standard account xpubs (BIP-44/49/84/86 + BIP-48 P2WSH), addresses derived here. */
export async function readBtcAccounts(t: LedgerTransport, network: BtcNetwork, account = 0): Promise<{ fingerprint: string; accounts: AccountXpub[] }> {
  const fingerprint = await readMasterFingerprint(t, network);
  const accounts: AccountXpub[] = [];
  for (const scriptType of STANDARD_SCRIPT_TYPES) {
    const path = accountPath(scriptType, network.coinType, account);
    accounts.push(accountFromXpub(fingerprint, path, await readXpub(t, network, path), scriptType, network));
  }
  return { fingerprint, accounts };
}

/** An AccountXpub (descriptor, first receive address) from a device xpub. */
export function accountFromXpub(fingerprint: string, path: string, xpub: string, scriptType: ScriptType, network: BtcNetwork): AccountXpub {
  if (scriptType === 'p2wsh-multi') return { fingerprint, path, xpub, scriptType, descriptor: null, firstReceiveAddress: null };
  const t = scriptType as SingleSigScriptType;
  const first = HDKey.fromExtendedKey(xpub, network.bip32).deriveChild(0).deriveChild(0);
  return { fingerprint, path, xpub, scriptType, descriptor: singleSigDescriptor(t, fingerprint, path, xpub), firstReceiveAddress: singleSigAddress(t, first.publicKey!, network) };
}

const keyExpr = (fingerprint: string, path: string, xpub: string) => `[${fingerprint}${path.replace(/^m/, '').replace(/[hH]/g, "'")}]${xpub}`;

const DEFAULT_TEMPLATES: Record<SingleSigScriptType, DefaultDescriptorTemplate> = {
  p2pkh: 'pkh(@0/**)', 'p2sh-p2wpkh': 'sh(wpkh(@0/**))', p2wpkh: 'wpkh(@0/**)', p2tr: 'tr(@0/**)',
};

/** The app's default (unregistered) single-sig policy for one of our accounts. */
export function singleSigPolicy(scriptType: SingleSigScriptType, fingerprint: string, path: string, xpub: string): LedgerPolicy {
  return { name: '', descriptorTemplate: DEFAULT_TEMPLATES[scriptType], keys: [keyExpr(fingerprint, path, xpub)] };
}

/** BIP-388 policy of a multisig wallet: wsh/sh-wsh/sh((sorted)multi(m,@0/**,…)), keys in wallet order. */
export function multisigPolicy(w: MultisigWallet): LedgerPolicy {
  const inner = `${w.sorted ? 'sortedmulti' : 'multi'}(${w.threshold},${w.cosigners.map((_, i) => `@${i}/**`).join(',')})`;
  const descriptorTemplate = w.scriptType === 'p2wsh' ? `wsh(${inner})` : w.scriptType === 'p2sh' ? `sh(${inner})` : `sh(wsh(${inner}))`;
  // the app shows the name and accepts 1–16 printable ASCII characters
  const name = (w.name.replace(/[^\x20-\x7e]/g, '').trim() || 'Multisig').slice(0, 16);
  return { name, descriptorTemplate, keys: w.cosigners.map((c) => keyExpr(c.fingerprint, c.path, c.xpub)) };
}

function policyObject(p: LedgerPolicy): WalletPolicy {
  return p.name === '' ? new DefaultWalletPolicy(p.descriptorTemplate as DefaultDescriptorTemplate, p.keys[0]) : new WalletPolicy(p.name, p.descriptorTemplate, p.keys);
}

/** BIP-388 wallet id (hex) of a policy, as the app computes it. */
export function policyId(p: LedgerPolicy): string {
  return toHex(policyObject(p).getId());
}

/**
 * Register a multisig policy: the device shows it and the user approves; returns id + HMAC.
 * Throws 'ledger/rejected', 'internal' when the device answers another policy's id, device codes.
 */
export async function registerPolicy(t: LedgerTransport, network: BtcNetwork, policy: LedgerPolicy, descriptor: string): Promise<RegisteredPolicy> {
  const obj = policyObject(policy);
  const [id, hmac] = await deviceCall({ app: btcAppName(network) }, () => new AppClient(t).registerWallet(obj));
  if (!equalBytes(id, obj.getId())) throw new AppError('internal');
  return { ...policy, descriptor, walletId: toHex(id), hmac: toHex(hmac) };
}

/** Registration record of a multisig wallet (our descriptor → policy). */
export function registeredFor(w: MultisigWallet, registered: readonly RegisteredPolicy[]): RegisteredPolicy | undefined {
  const d = walletDescriptor(w);
  return registered.find((r) => r.descriptor === d && r.walletId === policyId(r));
}

/**
 * The PSBTv2 bytes the app commits to: scure's v2 serialization (all input/output maps, BIP-32
 * derivations of change outputs included) without PSBT_GLOBAL_TX_MODIFIABLE, which scure adds and the
 * signer role does not need (absent = nothing modifiable). Throws 'psbt/unparseable'.
 */
export function toLedgerPsbtV2(psbtBytes: Uint8Array): Uint8Array {
  const v2 = parsePsbt(psbtBytes).tx.toPSBT(2);
  // Drop one global record in place (scure's RawPSBTV2 re-encoding would reorder the maps' keys).
  const varint = (at: number): [number, number] => {
    const b = v2[at];
    if (b < 0xfd) return [b, 1];
    if (b === 0xfd) return [v2[at + 1] | (v2[at + 2] << 8), 3];
    throw new AppError('psbt/unparseable');
  };
  let at = 5; // 'psbt' 0xff
  while (at < v2.length && v2[at] !== 0x00) {
    const [kl, kn] = varint(at);
    const keyAt = at + kn;
    const [vl, vn] = varint(keyAt + kl);
    const end = keyAt + kl + vn + vl;
    if (kl === 1 && v2[keyAt] === 0x06) return concatBytes(v2.subarray(0, at), v2.subarray(end));
    at = end;
  }
  return v2;
}

/** One signature from the device: input index, public key (33 bytes, or 32 x-only for taproot), signature, leaf hash. */
export interface LedgerPartialSig {
  inputIndex: number;
  pubkey: Uint8Array;
  signature: Uint8Array;
  tapleafHash?: Uint8Array;
}

/** Low level: run SIGN_PSBT on PSBTv2 bytes with a policy (+ HMAC for registered ones). Device codes; 'ledger/hmac-mismatch'. */
export async function runLedgerSignPsbt(t: LedgerTransport, network: BtcNetwork, psbtV2: Uint8Array, policy: LedgerPolicy, hmacHex: string | null, onSignature?: () => void): Promise<LedgerPartialSig[]> {
  const res = await deviceCall({ app: btcAppName(network), withHmac: hmacHex !== null }, () =>
    new AppClient(t).signPsbt(Buffer.from(psbtV2), policyObject(policy), hmacHex === null ? null : Buffer.from(hmacHex, 'hex'), onSignature));
  return res.map(([i, p]) => ({ inputIndex: i, pubkey: new Uint8Array(p.pubkey), signature: new Uint8Array(p.signature), ...(p.tapleafHash ? { tapleafHash: new Uint8Array(p.tapleafHash) } : {}) }));
}

function prevouts(tx: Transaction): { script: Uint8Array; amount: bigint }[] {
  const out: { script: Uint8Array; amount: bigint }[] = [];
  for (let i = 0; i < tx.inputsLength; i++) {
    const inp = tx.getInput(i);
    const p = inp.witnessUtxo ?? (inp.nonWitnessUtxo && inp.index !== undefined ? inp.nonWitnessUtxo.outputs[inp.index] : undefined);
    out.push(p ? { script: p.script, amount: p.amount } : { script: new Uint8Array(), amount: 0n });
  }
  return out;
}

const hash160 = (b: Uint8Array) => ripemd160(sha256(b));

/** Does `sig` verify for input `i` (segwit v0 / taproot)? Legacy inputs: null (not checkable here). */
function verifyInputSig(tx: Transaction, i: number, s: LedgerPartialSig): boolean | null {
  const inp = tx.getInput(i);
  const prev = prevouts(tx);
  const spk = prev[i].script;
  const decoded = (() => { try { return OutScript.decode(spk); } catch { return undefined; } })();
  const redeem = inp.redeemScript ? (() => { try { return OutScript.decode(inp.redeemScript!); } catch { return undefined; } })() : undefined;
  if (decoded?.type === 'tr') {
    const sig = s.signature.subarray(0, 64);
    const hashType = s.signature.length === 65 ? s.signature[64] : SigHash.DEFAULT;
    let leaf: { script: Uint8Array; ver: number } | undefined;
    if (s.tapleafHash) {
      for (const [, scriptVer] of inp.tapLeafScript ?? []) {
        const script = scriptVer.subarray(0, -1);
        const ver = scriptVer[scriptVer.length - 1];
        if (equalBytes(tapleafHash(script, ver), s.tapleafHash)) leaf = { script, ver };
      }
      if (!leaf) return false;
    }
    const msg = tx.preimageWitnessV1(i, prev.map((p) => p.script), hashType, prev.map((p) => p.amount), undefined, leaf?.script, leaf?.ver);
    return schnorr.verify(sig, msg, s.pubkey);
  }
  const segwit = decoded?.type === 'wpkh' || decoded?.type === 'wsh' || redeem?.type === 'wpkh' || redeem?.type === 'wsh';
  if (!segwit) return null;
  const scriptCode = inp.witnessScript ?? OutScript.encode({ type: 'pkh', hash: hash160(s.pubkey) });
  const hashType = s.signature[s.signature.length - 1];
  const msg = tx.preimageWitnessV0(i, scriptCode, hashType, prev[i].amount);
  return secp256k1.verify(s.signature.subarray(0, -1), msg, s.pubkey, { prehash: false, format: 'der', lowS: false });
}

function tapleafHash(script: Uint8Array, ver: number): Uint8Array {
  const tag = sha256(new TextEncoder().encode('TapLeaf'));
  const len = script.length < 0xfd ? Uint8Array.of(script.length) : Uint8Array.of(0xfd, script.length & 0xff, script.length >> 8);
  const body = new Uint8Array(tag.length * 2 + 1 + len.length + script.length);
  body.set(tag, 0);
  body.set(tag, 32);
  body[64] = ver;
  body.set(len, 65);
  body.set(script, 65 + len.length);
  return sha256(body);
}

/**
 * Merge device signatures into PSBT bytes (version kept) for `inputs` only; each must be by a key the
 * input's derivations name and verify against the input's sighash. Throws 'ledger/bad-signature'.
 */
export function mergeLedgerSignatures(psbtBytes: Uint8Array, sigs: readonly LedgerPartialSig[], inputs: readonly number[]): { psbt: Uint8Array; signedInputs: number[] } {
  const parsed = parsePsbt(psbtBytes);
  const { tx } = parsed;
  const signed = new Set<number>();
  for (const s of sigs) {
    if (!inputs.includes(s.inputIndex)) continue; // refuse: never add what the review did not show as ours
    const inp = tx.getInput(s.inputIndex);
    const named = [...(inp.bip32Derivation ?? []).map(([k]) => k), ...(inp.tapBip32Derivation ?? []).map(([k]) => k)];
    const keyKnown = named.some((k) => equalBytes(k, s.pubkey)) || (s.pubkey.length === 32 && !!inp.tapInternalKey && !s.tapleafHash);
    if (!keyKnown || verifyInputSig(tx, s.inputIndex, s) === false) throw new AppError('ledger/bad-signature', { inputIndex: s.inputIndex });
    try {
      if (s.pubkey.length === 33) tx.updateInput(s.inputIndex, { partialSig: [[s.pubkey, s.signature]] }, true);
      else if (s.tapleafHash) tx.updateInput(s.inputIndex, { tapScriptSig: [[{ pubKey: s.pubkey, leafHash: s.tapleafHash }, s.signature]] }, true);
      else tx.updateInput(s.inputIndex, { tapKeySig: s.signature }, true);
    } catch (e) {
      throw new AppError('ledger/bad-signature', { inputIndex: s.inputIndex }, { cause: e });
    }
    signed.add(s.inputIndex);
  }
  return { psbt: serializePsbt(parsed), signedInputs: [...signed].sort((a, b) => a - b) };
}

/** What the station knows about a hardware key for Bitcoin signing. */
export interface LedgerBtcKeys {
  fingerprint: string;
  accounts: readonly { path: string; xpub: string; scriptType: ScriptType }[];
  registered: readonly RegisteredPolicy[];
}

interface Plan { policy: LedgerPolicy; hmac: string | null; inputs: number[] }

/** Group the reviewed inputs by the policy that signs them. Throws 'ledger/unsupported' {reason}, 'ledger/not-registered' {wallet, descriptor}. */
export function planSigning(psbtBytes: Uint8Array, review: PsbtReview, keys: LedgerBtcKeys, wallets: readonly MultisigWallet[], network: BtcNetwork): Plan[] {
  const { tx } = parsePsbt(psbtBytes);
  const prev = prevouts(tx);
  const plans = new Map<string, Plan>();
  const add = (policy: LedgerPolicy, hmac: string | null, i: number) => {
    const id = policyId(policy);
    const p = plans.get(id) ?? { policy, hmac, inputs: [] };
    p.inputs.push(i);
    plans.set(id, p);
  };
  for (const inp of review.inputs) {
    if (!inp.ours || !inp.path) continue;
    const t = inp.scriptType;
    if (t === 'p2pkh' || t === 'p2sh-p2wpkh' || t === 'p2wpkh' || t === 'p2tr') {
      const acct = parsePath(inp.path).slice(0, 3);
      const a = keys.accounts.find((x) => x.scriptType === t && parsePath(x.path).join('/') === acct.join('/'));
      if (!a) throw new AppError('ledger/unsupported', { reason: `input ${inp.index} is in an account this Ledger key did not export` });
      add(singleSigPolicy(t, keys.fingerprint, a.path, a.xpub), null, inp.index);
      continue;
    }
    const idx = parsePath(inp.path);
    const [chain, index] = idx.slice(-2);
    const w = wallets.find((x) => {
      try {
        return equalBytes(multisigScripts(x, chain, index, network).script, prev[inp.index].script);
      } catch {
        return false;
      }
    });
    if (!w) throw new AppError('ledger/unsupported', { reason: `input ${inp.index} belongs to a multisig wallet this station does not know (register the wallet on the station and on the Ledger first)` });
    const reg = registeredFor(w, keys.registered);
    if (!reg) throw new AppError('ledger/not-registered', { wallet: w.name, descriptor: walletDescriptor(w) });
    add(reg, reg.hmac, inp.index);
  }
  return [...plans.values()];
}

/**
 * Sign an approved PSBT through the Ledger. Re-reviews from the key's xpubs (must equal `approved`),
 * then one SIGN_PSBT per policy, then merges. Throws 'psbt/review-changed', 'psbt/network-mismatch',
 * 'psbt/unsupported-sighash', 'psbt/no-inputs-ours', 'ledger/*' codes.
 */
export async function signPsbtOnLedger(t: LedgerTransport, psbtBytes: Uint8Array, approved: PsbtReview, keys: LedgerBtcKeys,
  ctx: { network: BtcNetwork; wallets?: readonly MultisigWallet[]; onSignature?: () => void }): Promise<{ psbt: Uint8Array; signedInputs: number[]; review: PsbtReview }> {
  const wallets = ctx.wallets ?? [];
  const review = reviewPsbt(psbtBytes, { network: ctx.network, keys: { fingerprint: keys.fingerprint, accounts: keys.accounts }, wallets });
  if (reviewFingerprint(review) !== reviewFingerprint(approved)) throw new AppError('psbt/review-changed');
  if (review.warnings.some((w) => w.code === 'NETWORK_MISMATCH')) throw new AppError('psbt/network-mismatch');
  const odd = review.warnings.find((w) => w.code === 'UNUSUAL_SIGHASH');
  if (odd) throw new AppError('psbt/unsupported-sighash', { inputIndex: odd.detail.inputIndex });
  const plans = planSigning(psbtBytes, review, keys, wallets, ctx.network);
  if (!plans.length) throw new AppError('psbt/no-inputs-ours');
  const v2 = toLedgerPsbtV2(psbtBytes);
  let current = psbtBytes;
  const signed = new Set<number>();
  for (const plan of plans) {
    const sigs = await runLedgerSignPsbt(t, ctx.network, v2, plan.policy, plan.hmac, ctx.onSignature).catch((e: unknown) => {
      // name the registration the device refused, so the station can offer to register it again
      const reg = plan.hmac === null ? undefined : keys.registered.find((r) => r.hmac === plan.hmac);
      if (e instanceof AppError && e.code === 'ledger/hmac-mismatch' && reg) throw new AppError('ledger/hmac-mismatch', { wallet: reg.name, descriptor: reg.descriptor }, { cause: e });
      throw e;
    });
    const merged = mergeLedgerSignatures(current, sigs, plan.inputs);
    current = merged.psbt;
    merged.signedInputs.forEach((i) => signed.add(i));
  }
  if (!signed.size) throw new AppError('ledger/bad-signature', { inputIndex: plans[0].inputs[0] });
  return { psbt: current, signedInputs: [...signed].sort((a, b) => a - b), review };
}

