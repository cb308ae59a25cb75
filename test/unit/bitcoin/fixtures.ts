/**
 * Test fixtures: PSBTs built with an independent library (bitcoinjs-lib 7 + @bitcoinerlab/secp256k1 +
 * bip32), for every script type Airlock signs. Wallet: the BIP-39 "abandon … about" seed on testnet;
 * multisig: 2-of-3 sortedmulti (or multi) at m/48'/1'/0'/2' (P2WSH) / 1' (P2SH-P2WSH) / m/45' (P2SH)
 * with two other deterministic cosigners. Every previous transaction is a real serialized tx (so the
 * non-witness UTXO hashes to the prevout), with amounts chosen per test.
 */
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from '@bitcoinerlab/secp256k1';
import { BIP32Factory, type BIP32Interface } from 'bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { HDKey } from '@scure/bip32';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import type { MultisigWallet } from '../../../shared/bitcoin/multisig';

bitcoin.initEccLib(ecc);
const bip32 = BIP32Factory(ecc);
export const NET = NETWORKS.testnet;
const BNET = bitcoin.networks.testnet;

export const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export const SEED = mnemonicToSeedSync(MNEMONIC);
/** our root as the shared code sees it (scure HDKey, testnet versions) */
export const ourRoot = () => HDKey.fromMasterSeed(SEED, NET.bip32);
/** our root for bitcoinjs (independent BIP-32 implementation) */
export const jsRoot = bip32.fromSeed(SEED, BNET);
const other1 = bip32.fromSeed(new Uint8Array(32).fill(1), BNET);
const other2 = bip32.fromSeed(new Uint8Array(32).fill(2), BNET);

export type SingleType = 'p2pkh' | 'p2sh-p2wpkh' | 'p2wpkh' | 'p2tr';
export type MultiType = 'p2wsh' | 'p2sh-p2wsh' | 'p2sh';
const PURPOSE: Record<SingleType, number> = { p2pkh: 44, 'p2sh-p2wpkh': 49, p2wpkh: 84, p2tr: 86 };
const MS_PATH: Record<MultiType, string> = { p2wsh: "m/48'/1'/0'/2'", 'p2sh-p2wsh': "m/48'/1'/0'/1'", p2sh: "m/45'" };
const fp = (k: BIP32Interface) => k.fingerprint;

export function singlePath(type: SingleType, chain = 0, index = 0, account = 0, coin = 1): string {
  return `m/${PURPOSE[type]}'/${coin}'/${account}'/${chain}/${index}`;
}

function singlePayment(type: SingleType, pub: Uint8Array) {
  switch (type) {
    case 'p2pkh':
      return bitcoin.payments.p2pkh({ pubkey: pub, network: BNET });
    case 'p2wpkh':
      return bitcoin.payments.p2wpkh({ pubkey: pub, network: BNET });
    case 'p2sh-p2wpkh':
      return bitcoin.payments.p2sh({ redeem: bitcoin.payments.p2wpkh({ pubkey: pub, network: BNET }), network: BNET });
    case 'p2tr':
      return bitcoin.payments.p2tr({ internalPubkey: pub.subarray(1), network: BNET });
  }
}

let prevCounter = 0;
/** A previous transaction paying `value` to `script` at output `vout` (unique per call). */
export function prevTx(script: Uint8Array, value: bigint, vout = 0): bitcoin.Transaction {
  const t = new bitcoin.Transaction();
  t.version = 2;
  const h = new Uint8Array(32);
  new DataView(h.buffer).setUint32(0, ++prevCounter);
  t.addInput(h, 0);
  for (let i = 0; i < vout; i++) t.addOutput(bitcoin.payments.p2wpkh({ pubkey: other1.publicKey, network: BNET }).output!, 1000n);
  t.addOutput(script, value);
  return t;
}

export interface InputSpec {
  kind: 'single';
  type: SingleType;
  path?: string;
  value?: bigint;
  /** segwit: omit the full previous transaction (witness UTXO only) */
  witnessOnly?: boolean;
  sighashType?: number;
  /** no UTXO data at all */
  noUtxo?: boolean;
  /** derivation fingerprint/key owner (default: ours) */
  owner?: BIP32Interface;
}
export interface MultiInputSpec {
  kind: 'multi';
  wallet: JsMultisig;
  chain?: number;
  index?: number;
  value?: bigint;
  witnessOnly?: boolean;
}
export type OutputSpec =
  | { kind: 'address'; address: string; value: bigint }
  | { kind: 'change'; type: SingleType; path: string; value: bigint; payTo?: Uint8Array }
  | { kind: 'multi-change'; wallet: JsMultisig; chain: number; index: number; value: bigint; scriptFrom?: JsMultisig }
  | { kind: 'op-return'; data: Uint8Array };

export interface JsMultisig {
  type: MultiType;
  m: number;
  sorted: boolean;
  keys: { root: BIP32Interface; path: string }[];
}

/** The default 2-of-3 wallet with our key first. */
export function jsMultisig(type: MultiType, sorted = true): JsMultisig {
  const path = MS_PATH[type];
  return { type, m: 2, sorted, keys: [jsRoot, other1, other2].map((root) => ({ root, path })) };
}

/** The same wallet as shared/bitcoin/multisig sees it. */
export function toWallet(w: JsMultisig, name = 'test wallet'): MultisigWallet {
  return {
    name, threshold: w.m, scriptType: w.type, sorted: w.sorted,
    cosigners: w.keys.map((k) => ({ fingerprint: Buffer.from(fp(k.root)).toString('hex'), path: k.path, xpub: k.root.derivePath(k.path).neutered().toBase58() })),
  };
}

/** A BIP-383 descriptor for the wallet (what a coordinator would export). */
export function descriptorOf(w: JsMultisig): string {
  const keys = w.keys.map((k) => `[${Buffer.from(fp(k.root)).toString('hex')}${k.path.slice(1)}]${k.root.derivePath(k.path).neutered().toBase58()}/<0;1>/*`);
  const inner = `${w.sorted ? 'sortedmulti' : 'multi'}(${w.m},${keys.join(',')})`;
  return w.type === 'p2wsh' ? `wsh(${inner})` : w.type === 'p2sh' ? `sh(${inner})` : `sh(wsh(${inner}))`;
}

function msPayment(w: JsMultisig, chain: number, index: number) {
  let pubs = w.keys.map((k) => k.root.derivePath(`${k.path}/${chain}/${index}`).publicKey);
  if (w.sorted) pubs = [...pubs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const ms = bitcoin.payments.p2ms({ m: w.m, pubkeys: pubs, network: BNET });
  if (w.type === 'p2sh') return { pay: bitcoin.payments.p2sh({ redeem: ms, network: BNET }), redeem: ms.output!, witness: undefined };
  const wsh = bitcoin.payments.p2wsh({ redeem: ms, network: BNET });
  if (w.type === 'p2wsh') return { pay: wsh, redeem: undefined, witness: ms.output! };
  return { pay: bitcoin.payments.p2sh({ redeem: wsh, network: BNET }), redeem: wsh.output!, witness: ms.output! };
}

function msDerivations(w: JsMultisig, chain: number, index: number) {
  return w.keys.map((k) => ({ masterFingerprint: fp(k.root), path: `${k.path}/${chain}/${index}`, pubkey: k.root.derivePath(`${k.path}/${chain}/${index}`).publicKey }));
}

/** Build a PSBT with bitcoinjs-lib. */
export function buildPsbt(inputs: (InputSpec | MultiInputSpec)[], outputs: OutputSpec[], opts: { locktime?: number; sequence?: number } = {}): bitcoin.Psbt {
  const psbt = new bitcoin.Psbt({ network: BNET });
  if (opts.locktime !== undefined) psbt.setLocktime(opts.locktime);
  for (const spec of inputs) {
    const value = spec.value ?? 100_000n;
    if (spec.kind === 'single') {
      const owner = spec.owner ?? jsRoot;
      const path = spec.path ?? singlePath(spec.type);
      const node = owner.derivePath(path);
      const pay = singlePayment(spec.type, node.publicKey);
      const prev = prevTx(pay.output!, value, 1);
      const base = { hash: prev.getId(), index: 1, sequence: opts.sequence };
      const witnessUtxo = { script: pay.output!, value };
      const segwit = spec.type !== 'p2pkh';
      if (spec.type === 'p2tr') {
        psbt.addInput({ ...base, witnessUtxo, tapInternalKey: node.publicKey.subarray(1),
          tapBip32Derivation: [{ masterFingerprint: fp(owner), path, pubkey: node.publicKey.subarray(1), leafHashes: [] }],
          ...(spec.sighashType !== undefined ? { sighashType: spec.sighashType } : {}) });
        continue;
      }
      psbt.addInput({
        ...base,
        ...(spec.noUtxo ? {} : segwit && spec.witnessOnly ? { witnessUtxo } : { nonWitnessUtxo: prev.toBuffer() }),
        ...(spec.type === 'p2sh-p2wpkh' ? { redeemScript: pay.redeem!.output! } : {}),
        bip32Derivation: [{ masterFingerprint: fp(owner), path, pubkey: node.publicKey }],
        ...(spec.sighashType !== undefined ? { sighashType: spec.sighashType } : {}),
      });
    } else {
      const chain = spec.chain ?? 0;
      const index = spec.index ?? 0;
      const { pay, redeem, witness } = msPayment(spec.wallet, chain, index);
      const prev = prevTx(pay.output!, value, 0);
      psbt.addInput({
        hash: prev.getId(), index: 0, sequence: opts.sequence,
        ...(spec.witnessOnly ? { witnessUtxo: { script: pay.output!, value } } : { nonWitnessUtxo: prev.toBuffer() }),
        ...(redeem ? { redeemScript: redeem } : {}),
        ...(witness ? { witnessScript: witness } : {}),
        bip32Derivation: msDerivations(spec.wallet, chain, index),
      });
    }
  }
  for (const o of outputs) {
    if (o.kind === 'address') psbt.addOutput({ address: o.address, value: o.value });
    else if (o.kind === 'op-return') psbt.addOutput({ script: bitcoin.payments.embed({ data: [o.data] }).output!, value: 0n });
    else if (o.kind === 'change') {
      const node = jsRoot.derivePath(o.path);
      const script = o.payTo ?? singlePayment(o.type, node.publicKey).output!;
      if (o.type === 'p2tr') {
        psbt.addOutput({ script, value: o.value, tapInternalKey: node.publicKey.subarray(1),
          tapBip32Derivation: [{ masterFingerprint: fp(jsRoot), path: o.path, pubkey: node.publicKey.subarray(1), leafHashes: [] }] });
      } else psbt.addOutput({ script, value: o.value, bip32Derivation: [{ masterFingerprint: fp(jsRoot), path: o.path, pubkey: node.publicKey }] });
    } else {
      const { pay, redeem, witness } = msPayment(o.scriptFrom ?? o.wallet, o.chain, o.index);
      psbt.addOutput({ script: pay.output!, value: o.value, ...(redeem ? { redeemScript: redeem } : {}), ...(witness ? { witnessScript: witness } : {}),
        bip32Derivation: msDerivations(o.wallet, o.chain, o.index) });
    }
  }
  return psbt;
}

/** A foreign testnet address (someone else's P2WPKH). */
export const THEIR_ADDRESS = bitcoin.payments.p2wpkh({ pubkey: other2.derivePath('m/0/7').publicKey, network: BNET }).address!;
export { bitcoin, ecc, other1, other2, BNET };

/** bitcoinjs signature validator (ECDSA and Schnorr). */
export const validator = (pubkey: Uint8Array, msghash: Uint8Array, signature: Uint8Array): boolean =>
  pubkey.length === 32 ? ecc.verifySchnorr(msghash, pubkey, signature) : ecc.verify(msghash, pubkey, signature);
