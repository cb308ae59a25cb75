/**
 * PSBT construction for the watch-only companion (BIP-174 v0, BIP-371 taproot fields) with
 * @scure/btc-signer, and the checks on the signed PSBT that comes back from the station.
 *
 * Every input carries what the station needs to verify it without trusting us (ARCHITECTURE 2.1 #4):
 * BIP-32 derivation with the master fingerprint (tap_bip32_derivation + internal key for BIP-86),
 * the witness UTXO AND the full previous transaction (non_witness_utxo: closes the BIP-143 fee lie,
 * CVE-2020-14199), the redeem script for BIP-49. The change output carries its derivation so the
 * station can re-derive it and label it `change`. RBF is on (nSequence 0xfffffffd, BIP-125),
 * locktime 0, version 2.
 * `finalizeSignedPsbt` refuses a signed PSBT whose unsigned transaction differs from the one sent
 * (other outputs, other coins: a compromised station or a swapped QR), then finalizes and extracts.
 * Deliberately does NOT: fetch anything (coins and previous transactions are passed in), sign,
 * or build multisig PSBTs (build-multisig-psbt.ts; combine-psbt.ts merges cosigners' signatures).
 */
import { HDKey } from '@scure/bip32';
import { Address, OutScript, RawTx, Transaction } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { AppError } from '../errors';
import { equalBytes, toHex } from '../bytes';
import { formatPath, parsePath } from '../keys/paths';
import { parseExtendedKey } from '../keys/hd';
import { NETWORKS, type BtcNetwork, type NetworkName } from './networks';
import { singleSigOutput, type SingleSigOutput, type SingleSigScriptType } from './address';
import { selectCoins, type CoinCandidate } from './coin-select';

/** A watch-only single-sig account (what the station exported). */
export interface WatchAccount {
  network: NetworkName;
  scriptType: SingleSigScriptType;
  /** master fingerprint, 8 lower-hex */
  fingerprint: string;
  /** account path, e.g. m/84'/0'/0' */
  path: string;
  xpub: string;
}

export interface WalletUtxo {
  txid: string;
  vout: number;
  valueSats: bigint;
  confirmed: boolean;
  /** 0 receive, 1 change */
  chain: 0 | 1;
  index: number;
  /** the full previous transaction (raw bytes, as Esplora /tx/:txid/hex) */
  prevTx: Uint8Array;
}

export interface BuildPsbtRequest {
  account: WatchAccount;
  utxos: readonly WalletUtxo[];
  recipients: readonly { address: string; amountSats: bigint }[];
  /** send everything to the single recipient */
  max?: boolean;
  feeRateSatVb: number;
  /** index of the next unused change address (chain 1) */
  changeIndex: number;
}

export interface BuiltOutput {
  address: string;
  amountSats: bigint;
  role: 'payment' | 'change';
  /** for change: full path from the master */
  path?: string;
}

export interface BuiltPsbt {
  psbt: Uint8Array;
  /** txid of the unsigned transaction (= final txid for segwit-only spends) */
  txid: string;
  feeSats: bigint;
  /** estimated vsize once signed (signatures at max size) */
  vsize: number;
  inputs: { txid: string; vout: number; valueSats: bigint; path: string }[];
  outputs: BuiltOutput[];
}

/** nSequence signalling replace-by-fee (BIP-125), no relative locktime. */
export const RBF_SEQUENCE = 0xfffffffd;

const net = (n: BtcNetwork) => ({ bech32: n.bech32, pubKeyHash: n.pubKeyHash, scriptHash: n.scriptHash, wif: n.wif });
/** Fingerprint hex → uint32 as PSBT key origins store it. Throws 'keys/bad-xkey'. */
export const fpNumber = (fp: string): number => {
  if (!/^[0-9a-f]{8}$/i.test(fp)) throw new AppError('keys/bad-xkey', { expected: 'fingerprint of 8 hex digits' });
  return parseInt(fp, 16) >>> 0;
};

/** Account key of a watch-only account. Throws 'keys/bad-xkey', 'keys/wrong-network'. */
export function accountKey(account: WatchAccount): HDKey {
  const k = parseExtendedKey(account.xpub, NETWORKS[account.network]);
  if (k.privateKey) throw new AppError('wallet/secret-refused');
  return k;
}

/** Address/script at chain/index of an account (from an already parsed account key). */
export function deriveOutput(key: HDKey, account: WatchAccount, chain: 0 | 1, index: number): SingleSigOutput & { publicKey: Uint8Array; path: string } {
  const child = key.deriveChild(chain).deriveChild(index);
  const out = singleSigOutput(account.scriptType, child.publicKey!, NETWORKS[account.network]);
  return { ...out, publicKey: child.publicKey!, path: `${account.path}/${chain}/${index}` };
}

/** Output script of an address on `network`. Throws 'wallet/bad-address' {network}. */
export function addressScript(address: string, network: NetworkName): Uint8Array {
  try {
    return OutScript.encode(Address(net(NETWORKS[network])).decode(address.trim()));
  } catch (e) {
    throw new AppError('wallet/bad-address', { network }, { cause: e });
  }
}

/** txid (hex, display order) of a raw transaction. */
export function txidOfRaw(raw: Uint8Array): string {
  // txid = reversed double-SHA256 of the transaction without witness (BIP-141)
  const tx = RawTx.decode(raw);
  const stripped = RawTx.encode({ ...tx, segwitFlag: false, witnesses: undefined });
  return toHex(sha256(sha256(stripped)).reverse());
}

type OwnOutput = ReturnType<typeof deriveOutput>;

/** deriveOutput with per-build memo: a wallet's coins often share addresses, and derivation dominates. */
function outputCache(key: HDKey, account: WatchAccount): (chain: 0 | 1, index: number) => OwnOutput {
  const chains = new Map<number, HDKey>();
  const outs = new Map<string, OwnOutput>();
  const net = NETWORKS[account.network];
  return (chain, index) => {
    const id = `${chain}/${index}`;
    let o = outs.get(id);
    if (!o) {
      let ck = chains.get(chain);
      if (!ck) chains.set(chain, (ck = key.deriveChild(chain)));
      const pub = ck.deriveChild(index).publicKey!;
      o = { ...singleSigOutput(account.scriptType, pub, net), publicKey: pub, path: `${account.path}/${chain}/${index}` };
      outs.set(id, o);
    }
    return o;
  };
}

/** Input fields for one of our coins, checked against its previous transaction. */
function inputFor(u: WalletUtxo, own: OwnOutput, account: WatchAccount) {
  let prev: ReturnType<typeof RawTx.decode>;
  try {
    prev = RawTx.decode(u.prevTx);
  } catch (e) {
    throw new AppError('psbt/missing-utxo', { inputIndex: `${u.txid}:${u.vout}` }, { cause: e });
  }
  const out = prev.outputs[u.vout];
  // refuse: a server lying about a coin (wrong tx, amount or script) would make the fee or ownership wrong
  if (txidOfRaw(u.prevTx) !== u.txid.toLowerCase() || !out || out.amount !== u.valueSats || !equalBytes(out.script, own.script)) {
    throw new AppError('psbt/utxo-mismatch', { inputIndex: `${u.txid}:${u.vout}` });
  }
  const fingerprint = fpNumber(account.fingerprint);
  const path = [...parsePath(account.path), u.chain, u.index];
  const base = {
    txid: u.txid,
    index: u.vout,
    sequence: RBF_SEQUENCE,
    nonWitnessUtxo: u.prevTx,
  };
  switch (account.scriptType) {
    case 'p2pkh':
      return { ...base, bip32Derivation: [[own.publicKey, { fingerprint, path }]] as [Uint8Array, { fingerprint: number; path: number[] }][] };
    case 'p2wpkh':
      return { ...base, witnessUtxo: { script: own.script, amount: u.valueSats }, bip32Derivation: [[own.publicKey, { fingerprint, path }]] as [Uint8Array, { fingerprint: number; path: number[] }][] };
    case 'p2sh-p2wpkh': {
      const redeemScript = OutScript.encode({ type: 'wpkh', hash: hash160Of(own.publicKey) });
      return { ...base, witnessUtxo: { script: own.script, amount: u.valueSats }, redeemScript, bip32Derivation: [[own.publicKey, { fingerprint, path }]] as [Uint8Array, { fingerprint: number; path: number[] }][] };
    }
    case 'p2tr': {
      const xonly = own.publicKey.subarray(1);
      return {
        ...base,
        witnessUtxo: { script: own.script, amount: u.valueSats },
        tapInternalKey: xonly,
        tapBip32Derivation: [[xonly, { hashes: [], der: { fingerprint, path } }]] as [Uint8Array, { hashes: Uint8Array[]; der: { fingerprint: number; path: number[] } }][],
      };
    }
  }
}

function hash160Of(pub: Uint8Array): Uint8Array {
  return ripemd160(sha256(pub));
}

const VSIZE_TYPE: Record<SingleSigScriptType, CoinCandidate['type']> = { p2pkh: 'p2pkh', 'p2sh-p2wpkh': 'p2sh-p2wpkh', p2wpkh: 'p2wpkh', p2tr: 'p2tr' };

/**
 * Build the unsigned PSBT for a send. Throws 'wallet/bad-address', 'wallet/no-coins', 'wallet/insufficient-funds',
 * 'wallet/dust-amount', 'psbt/utxo-mismatch' (a coin disagrees with its previous transaction), 'keys/bad-xkey'.
 */
export function buildSendPsbt(req: BuildPsbtRequest): BuiltPsbt {
  const { account } = req;
  const key = accountKey(account);
  const payments = req.recipients.map((r) => ({ address: r.address.trim(), script: addressScript(r.address, account.network), amountSats: r.amountSats }));
  const derive = outputCache(key, account);
  const change = derive(1, req.changeIndex);
  const byId = new Map(req.utxos.map((u) => [`${u.txid}:${u.vout}`, u]));
  const sel = selectCoins({
    coins: req.utxos.map((u) => ({ id: `${u.txid}:${u.vout}`, valueSats: u.valueSats, type: VSIZE_TYPE[account.scriptType], confirmed: u.confirmed })),
    payments,
    changeScript: change.script,
    feeRateSatVb: req.feeRateSatVb,
    max: req.max,
  });
  const tx = new Transaction({ version: 2, lockTime: 0 });
  const inputs = sel.coins.map((c) => byId.get(c.id)!);
  for (const u of inputs) tx.addInput(inputFor(u, derive(u.chain, u.index), account));
  const outputs: BuiltOutput[] = [];
  payments.forEach((p, i) => {
    tx.addOutput({ script: p.script, amount: sel.paymentsSats[i] });
    outputs.push({ address: p.address, amountSats: sel.paymentsSats[i], role: 'payment' });
  });
  if (sel.changeSats > 0n) {
    const fingerprint = fpNumber(account.fingerprint);
    const path = [...parsePath(account.path), 1, req.changeIndex];
    const der = account.scriptType === 'p2tr'
      ? { tapInternalKey: change.publicKey.subarray(1), tapBip32Derivation: [[change.publicKey.subarray(1), { hashes: [], der: { fingerprint, path } }]] as [Uint8Array, { hashes: Uint8Array[]; der: { fingerprint: number; path: number[] } }][] }
      : { bip32Derivation: [[change.publicKey, { fingerprint, path }]] as [Uint8Array, { fingerprint: number; path: number[] }][] };
    const redeem = account.scriptType === 'p2sh-p2wpkh' ? { redeemScript: OutScript.encode({ type: 'wpkh', hash: hash160Of(change.publicKey) }) } : {};
    tx.addOutput({ script: change.script, amount: sel.changeSats, ...der, ...redeem });
    outputs.push({ address: change.address, amountSats: sel.changeSats, role: 'change', path: formatPath(path) });
  }
  return {
    psbt: tx.toPSBT(0),
    txid: tx.id,
    feeSats: sel.feeSats,
    vsize: sel.vsize,
    inputs: inputs.map((u) => ({ txid: u.txid, vout: u.vout, valueSats: u.valueSats, path: `${account.path}/${u.chain}/${u.index}` })),
    outputs,
  };
}

function parse(bytes: Uint8Array): Transaction {
  try {
    return Transaction.fromPSBT(bytes);
  } catch (e) {
    throw new AppError('psbt/unparseable', undefined, { cause: e });
  }
}

/** True when both PSBTs describe the same unsigned transaction (version, locktime, inputs with sequences, outputs). */
export function sameUnsignedTx(a: Uint8Array, b: Uint8Array): boolean {
  const x = parse(a);
  const y = parse(b);
  if (x.version !== y.version || x.lockTime !== y.lockTime || x.inputsLength !== y.inputsLength || x.outputsLength !== y.outputsLength) return false;
  for (let i = 0; i < x.inputsLength; i++) {
    const p = x.getInput(i);
    const q = y.getInput(i);
    if (!p.txid || !q.txid || !equalBytes(p.txid, q.txid) || p.index !== q.index || (p.sequence ?? 0xffffffff) !== (q.sequence ?? 0xffffffff)) return false;
  }
  for (let i = 0; i < x.outputsLength; i++) {
    const p = x.getOutput(i);
    const q = y.getOutput(i);
    if (!p.script || !q.script || !equalBytes(p.script, q.script) || p.amount !== q.amount) return false;
  }
  return true;
}

export interface FinalTx {
  /** raw signed transaction */
  tx: Uint8Array;
  hex: string;
  txid: string;
  feeSats: bigint;
  vsize: number;
  outputs: { address: string | null; amountSats: bigint }[];
}

/**
 * Check that `signed` is the transaction of `sent`, merge its signatures into ours, finalize and extract.
 * Throws 'wallet/signed-psbt-mismatch', 'wallet/not-fully-signed' {inputIndex}, 'psbt/unparseable'.
 */
export function finalizeSignedPsbt(sent: Uint8Array, signed: Uint8Array, network: NetworkName): FinalTx {
  if (!sameUnsignedTx(sent, signed)) throw new AppError('wallet/signed-psbt-mismatch');
  // Start from OUR PSBT (its UTXO data we fetched and checked) and take only the signatures from theirs.
  const ours = parse(sent);
  const theirs = parse(signed);
  for (let i = 0; i < ours.inputsLength; i++) {
    const t = theirs.getInput(i);
    const sigs: Record<string, unknown> = {};
    if (t.partialSig) sigs.partialSig = t.partialSig;
    if (t.tapKeySig) sigs.tapKeySig = t.tapKeySig;
    if (t.finalScriptSig) sigs.finalScriptSig = t.finalScriptSig;
    if (t.finalScriptWitness) sigs.finalScriptWitness = t.finalScriptWitness;
    try {
      ours.updateInput(i, sigs, true);
      if (!t.finalScriptSig && !t.finalScriptWitness) ours.finalizeIdx(i);
    } catch (e) {
      throw new AppError('wallet/not-fully-signed', { inputIndex: i }, { cause: e });
    }
  }
  return extractFinalTx(ours, network);
}

/** Extract a finalized transaction with its outputs, fee and vsize. Throws 'wallet/not-fully-signed'. */
export function extractFinalTx(ours: Transaction, network: NetworkName): FinalTx {
  let raw: Uint8Array;
  try {
    raw = ours.extract();
  } catch (e) {
    throw new AppError('wallet/not-fully-signed', { inputIndex: 0 }, { cause: e });
  }
  const n = net(NETWORKS[network]);
  const outputs = Array.from({ length: ours.outputsLength }, (_, i) => {
    const o = ours.getOutput(i);
    let address: string | null = null;
    try {
      address = Address(n).encode(OutScript.decode(o.script!));
    } catch {
      address = null; // OP_RETURN or non-standard
    }
    return { address, amountSats: o.amount! };
  });
  return { tx: raw, hex: toHex(raw), txid: ours.id, feeSats: ours.fee, vsize: ours.vsize, outputs };
}
