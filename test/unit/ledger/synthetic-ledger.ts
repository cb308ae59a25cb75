/**
 * A SYNTHETIC Ledger for tests: an APDU responder built from a seed (the public speculos seed) that
 * speaks the Bitcoin app's protocol v1 (app-bitcoin-new ≥ 2.1, doc/bitcoin.md, doc/merkle.md,
 * doc/wallet.md) and the Ethereum app's GET_ADDRESS / SIGN. Nothing here is a recording: every answer
 * is computed — written from the protocol docs, not from Ledger's code, and using none of the
 * station's code — with @scure/bip32, @noble/curves, @noble/hashes and bitcoinjs-lib (sighash,
 * scripts):
 * - REGISTER_WALLET: reads the policy, checks one key is the seed's, "the user approves" (or rejects),
 *   answers id = SHA-256(serialized policy) and HMAC-SHA256(SLIP-21 "LEDGER-Wallet policy" key, id).
 * - GET_WALLET_ADDRESS, SIGN_PSBT: check the HMAC (0xb008 when wrong), read the policy and the PSBTv2
 *   maps THROUGH THE CLIENT (GET_PREIMAGE / GET_MERKLE_LEAF_PROOF / GET_MORE_ELEMENTS, every proof checked
 *   against the committed roots), sign each input whose script the policy derives for the seed's key
 *   (BIP-143 sighash by bitcoinjs-lib, RFC 6979 low-S ECDSA) and YIELD the signatures. What the device
 *   "showed" (outputs, which were recognised as change) is kept in `shown` for the tests.
 * Subset: wsh/sh-wsh/sh (sorted)multi and wpkh / sh(wpkh) default policies; no taproot, no miniscript.
 */
import * as bitcoin from 'bitcoinjs-lib';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const cat = (...a: (Uint8Array | number[])[]) => new Uint8Array(Buffer.concat(a.map((x) => Buffer.from(x))));
const eq = (a: Uint8Array, b: Uint8Array) => hex(a) === hex(b);
const TESTNET = { private: 0x04358394, public: 0x043587cf };

class DeviceStatus extends Error {
  constructor(readonly sw: string) {
    super(`status ${sw}`);
  }
}

function varint(n: number): number[] {
  if (n < 0xfd) return [n];
  if (n <= 0xffff) return [0xfd, n & 0xff, n >> 8];
  return [0xfe, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
}
function readVarint(b: Uint8Array, at: number): [number, number] {
  if (b[at] < 0xfd) return [b[at], 1];
  if (b[at] === 0xfd) return [b[at + 1] | (b[at + 2] << 8), 3];
  return [(b[at + 1] | (b[at + 2] << 8) | (b[at + 3] << 16)) + b[at + 4] * 2 ** 24, 5];
}

/** doc/merkle.md: leaves sha256(0x00‖x), nodes sha256(0x01‖l‖r), left subtree = largest power of 2 < n. */
export const leafHash = (x: Uint8Array) => sha256(cat([0], x));
const nodeHash = (l: Uint8Array, r: Uint8Array) => sha256(cat([1], l, r));
const leftSize = (n: number) => {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
};
/** Merkle root of already-hashed leaves (test side, e.g. for policy ids). */
export function merkleRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(32);
  if (leaves.length === 1) return leaves[0];
  const k = leftSize(leaves.length);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}
function rootFromProof(leaf: Uint8Array, size: number, index: number, proof: Uint8Array[]): Uint8Array {
  const right: boolean[] = [];
  for (let n = size, i = index; n > 1;) {
    const k = leftSize(n);
    if (i < k) { right.push(false); n = k; } else { right.push(true); i -= k; n -= k; }
  }
  if (right.length !== proof.length) throw new DeviceStatus('6a80');
  let h = leaf;
  proof.forEach((p, j) => (h = right[right.length - 1 - j] ? nodeHash(p, h) : nodeHash(h, p)));
  return h;
}

/** SLIP-21 key for a label path from a BIP-39 seed. */
export function slip21(seed: Uint8Array, labels: string[]): Uint8Array {
  let node = hmac(sha512, new TextEncoder().encode('Symmetric key seed'), seed);
  for (const l of labels) node = hmac(sha512, node.subarray(0, 32), cat([0], new TextEncoder().encode(l)));
  return node.subarray(32, 64);
}

interface Policy { name: string; template: string; keys: string[] }
interface Commitment { size: number; keysRoot: Uint8Array; valuesRoot: Uint8Array }
export interface ShownOutput { script: string; amount: bigint; change: boolean }

export interface SyntheticLedgerOptions {
  mnemonic: string;
  /** which app is open */
  app?: 'Bitcoin Test' | 'Ethereum';
  appVersion?: string;
  /** what the user does on the device */
  user?: 'approve' | 'reject';
  /** SYNTHETIC "another device with the same seed reset": HMACs are keyed with another label */
  hmacLabel?: string;
}

export class SyntheticLedger {
  readonly root: HDKey;
  readonly seed: Uint8Array;
  readonly fingerprint: string;
  /** what SIGN_PSBT displayed, last call */
  shown: { wallet: string; outputs: ShownOutput[] } | null = null;
  /** instructions received (hex INS), for assertions */
  readonly log: string[] = [];
  private reply: ((h: string) => void) | null = null;
  private resume: ((d: Uint8Array) => void) | null = null;

  constructor(public opts: SyntheticLedgerOptions) {
    this.seed = mnemonicToSeedSync(opts.mnemonic);
    this.root = HDKey.fromMasterSeed(this.seed, TESTNET);
    this.fingerprint = (this.root.fingerprint >>> 0).toString(16).padStart(8, '0');
  }

  /** HMAC-SHA256(SLIP-21 key, wallet id) — what this device answers for a registration. */
  policyHmac(id: Uint8Array): Uint8Array {
    return hmac(sha256, slip21(this.seed, [this.opts.hmacLabel ?? 'LEDGER-Wallet policy']), id);
  }

  /** One APDU (hex) → the answer (hex, data ‖ status word). */
  respond = (apduHex: string): Promise<string> => {
    const b = unhex(apduHex);
    const data = b.subarray(5, 5 + b[4]);
    return new Promise<string>((reply) => {
      this.reply = reply;
      if (b[0] === 0xf8 && b[1] === 0x01) {
        const r = this.resume;
        this.resume = null;
        if (r) r(data);
        else this.finish('6d00');
        return;
      }
      this.log.push(hex(b.subarray(0, 2)));
      this.run(b[0], b[1], b[2], b[3], data).then((out) => this.finish(hex(out) + '9000'), (e) => this.finish(e instanceof DeviceStatus ? e.sw : '6f00'));
    });
  };

  private finish(h: string) {
    const r = this.reply;
    this.reply = null;
    r?.(h);
  }

  /** Interrupt with a client command; resolves with the client's CONTINUE data. */
  private ask(cmd: Uint8Array): Promise<Uint8Array> {
    return new Promise((ok) => {
      this.resume = ok;
      this.finish(hex(cmd) + 'e000');
    });
  }

  private async run(cla: number, ins: number, p1: number, p2: number, data: Uint8Array): Promise<Uint8Array> {
    const app = this.opts.app ?? 'Bitcoin Test';
    if (cla === 0xb0 && ins === 0x01) {
      const ver = this.opts.appVersion ?? (app === 'Ethereum' ? '1.13.1' : '2.1.0');
      return cat([1, app.length], new TextEncoder().encode(app), [ver.length], new TextEncoder().encode(ver), [1, 0]);
    }
    if (app === 'Ethereum') {
      if (cla !== 0xe0) throw new DeviceStatus('6e00');
      if (ins === 0x02) return this.ethAddress(data, p2 === 1);
      if (ins === 0x04) return this.ethSign(data, p1);
      throw new DeviceStatus('6d00');
    }
    if (cla !== 0xe1) throw new DeviceStatus('6e00');
    switch (ins) {
      case 0x05: return unhex(this.fingerprint);
      case 0x00: return new TextEncoder().encode(this.root.derive(pathText(parsePathBytes(data.subarray(1)))).publicExtendedKey);
      case 0x02: return await this.register(data);
      case 0x03: return await this.walletAddress(data);
      case 0x04: return await this.signPsbt(data);
      default: throw new DeviceStatus('6d00');
    }
  }

  // --- client commands (doc/bitcoin.md "Client commands")
  private async preimage(hash: Uint8Array): Promise<Uint8Array> {
    const r = await this.ask(cat([0x40, 0x00], hash));
    const [len, n] = readVarint(r, 0);
    const out = [...r.subarray(n + 1, n + 1 + r[n])];
    while (out.length < len) {
      const m = await this.ask(Uint8Array.of(0xa0));
      if (m[1] !== 1) throw new DeviceStatus('6a80');
      out.push(...m.subarray(2, 2 + m[0]));
    }
    const pre = Uint8Array.from(out);
    if (!eq(sha256(pre), hash)) throw new DeviceStatus('6a80');
    return pre;
  }
  private async element(root: Uint8Array, size: number, index: number): Promise<Uint8Array> {
    const r = await this.ask(cat([0x41], root, varint(size), varint(index)));
    const leaf = r.subarray(0, 32);
    const proof: Uint8Array[] = [];
    for (let i = 0; i < r[33]; i++) proof.push(r.subarray(34 + 32 * i, 66 + 32 * i));
    while (proof.length < r[32]) {
      const m = await this.ask(Uint8Array.of(0xa0));
      if (m[1] !== 32) throw new DeviceStatus('6a80');
      for (let i = 0; i < m[0]; i++) proof.push(m.subarray(2 + 32 * i, 34 + 32 * i));
    }
    if (!eq(rootFromProof(leaf, size, index, proof), root)) throw new DeviceStatus('6a80'); // the client lied
    const pre = await this.preimage(leaf);
    if (pre[0] !== 0) throw new DeviceStatus('6a80');
    return pre.subarray(1);
  }
  private async readMap(c: Commitment): Promise<Map<string, Uint8Array>> {
    const m = new Map<string, Uint8Array>();
    for (let i = 0; i < c.size; i++) m.set(hex(await this.element(c.keysRoot, c.size, i)), await this.element(c.valuesRoot, c.size, i));
    return m;
  }

  // --- wallet policies (doc/wallet.md, serialization version 2)
  private async policy(serialized: Uint8Array): Promise<Policy> {
    if (serialized[0] !== 2) throw new DeviceStatus('6a80');
    let at = 1;
    const [nl, a] = readVarint(serialized, at);
    const name = Buffer.from(serialized.subarray(at + a, at + a + nl)).toString('ascii');
    at += a + nl;
    const [, b] = readVarint(serialized, at);
    at += b;
    const templateHash = serialized.subarray(at, at + 32);
    at += 32;
    const [nk, c] = readVarint(serialized, at);
    at += c;
    const keysRoot = serialized.subarray(at, at + 32);
    const template = Buffer.from(await this.preimage(templateHash)).toString('ascii');
    const keys: string[] = [];
    for (let i = 0; i < nk; i++) keys.push(Buffer.from(await this.element(keysRoot, nk, i)).toString('ascii'));
    return { name, template, keys };
  }
  private ourKeyIndex(p: Policy): number {
    return p.keys.findIndex((k) => {
      const m = /^\[([0-9a-f]{8})((?:\/\d+'?)*)\](\w+)$/.exec(k);
      return !!m && m[1] === this.fingerprint && this.root.derive('m' + m[2]).publicExtendedKey === m[3];
    });
  }
  /** Output script and witness script of the policy at (change, index). */
  private scripts(p: Policy, change: number, index: number): { script: Uint8Array; witnessScript?: Uint8Array; redeemScript?: Uint8Array } {
    const net = bitcoin.networks.testnet;
    const pubs = p.keys.map((k) => HDKey.fromExtendedKey(k.split(']')[1], TESTNET).deriveChild(change).deriveChild(index).publicKey!);
    const single = /^(sh\()?wpkh\(@0\/\*\*\)\)?$/.exec(p.template);
    if (single) {
      const w = bitcoin.payments.p2wpkh({ pubkey: pubs[0], network: net });
      if (!single[1]) return { script: w.output! };
      const s = bitcoin.payments.p2sh({ redeem: w, network: net });
      return { script: s.output!, redeemScript: w.output! };
    }
    const m = /^(wsh|sh\(wsh|sh)\((sortedmulti|multi)\((\d+),((?:@\d+\/\*\*,?)+)\)\)\)?$/.exec(p.template);
    if (!m) throw new DeviceStatus('6a80');
    const order = m[4].split(',').map((x) => Number(x.slice(1, x.indexOf('/'))));
    let keys = order.map((i) => pubs[i]);
    if (m[2] === 'sortedmulti') keys = [...keys].sort((x, y) => (hex(x) < hex(y) ? -1 : 1));
    const ms = bitcoin.payments.p2ms({ m: Number(m[3]), pubkeys: keys, network: net });
    if (m[1] === 'sh') return { script: bitcoin.payments.p2sh({ redeem: ms, network: net }).output!, redeemScript: ms.output! };
    const wsh = bitcoin.payments.p2wsh({ redeem: ms, network: net });
    if (m[1] === 'wsh') return { script: wsh.output!, witnessScript: ms.output! };
    return { script: bitcoin.payments.p2sh({ redeem: wsh, network: net }).output!, redeemScript: wsh.output!, witnessScript: ms.output! };
  }
  private async registeredPolicy(id: Uint8Array, mac: Uint8Array): Promise<Policy> {
    const p = await this.policy(await this.preimage(id));
    if (p.name !== '' && !eq(mac, this.policyHmac(id))) throw new DeviceStatus('b008');
    if (p.name === '' && mac.some((x) => x !== 0)) throw new DeviceStatus('6a80');
    if (this.ourKeyIndex(p) < 0) throw new DeviceStatus('6a80');
    return p;
  }

  private async register(data: Uint8Array): Promise<Uint8Array> {
    const [len, n] = readVarint(data, 0);
    const serialized = data.subarray(n, n + len);
    const p = await this.policy(serialized);
    if (!p.name || this.ourKeyIndex(p) < 0) throw new DeviceStatus('6a80');
    this.scripts(p, 0, 0); // a policy this device can use
    if (this.opts.user === 'reject') throw new DeviceStatus('6985');
    const id = sha256(serialized);
    return cat(id, this.policyHmac(id));
  }

  private async walletAddress(data: Uint8Array): Promise<Uint8Array> {
    const p = await this.registeredPolicy(data.subarray(1, 33), data.subarray(33, 65));
    const change = data[65];
    const index = Buffer.from(data.subarray(66, 70)).readUInt32BE(0);
    return new TextEncoder().encode(bitcoin.address.fromOutputScript(this.scripts(p, change, index).script, bitcoin.networks.testnet));
  }

  private async signPsbt(data: Uint8Array): Promise<Uint8Array> {
    let at = 0;
    const commitment = (): Commitment => {
      const [size, n] = readVarint(data, at);
      const c = { size, keysRoot: data.subarray(at + n, at + n + 32), valuesRoot: data.subarray(at + n + 32, at + n + 64) };
      at += n + 64;
      return c;
    };
    const list = (): [number, Uint8Array] => {
      const [size, n] = readVarint(data, at);
      const root = data.subarray(at + n, at + n + 32);
      at += n + 32;
      return [size, root];
    };
    const global = commitment();
    const [nIn, inRoot] = list();
    const [nOut, outRoot] = list();
    const id = data.subarray(at, at + 32);
    const mac = data.subarray(at + 32, at + 64);
    const p = await this.registeredPolicy(id, mac);
    const asCommitment = (b: Uint8Array): Commitment => {
      const [size, n] = readVarint(b, 0);
      return { size, keysRoot: b.subarray(n, n + 32), valuesRoot: b.subarray(n + 32, n + 64) };
    };
    const g = await this.readMap(global);
    const inputs: Map<string, Uint8Array>[] = [];
    for (let i = 0; i < nIn; i++) inputs.push(await this.readMap(asCommitment(await this.element(inRoot, nIn, i))));
    const outputs: Map<string, Uint8Array>[] = [];
    for (let i = 0; i < nOut; i++) outputs.push(await this.readMap(asCommitment(await this.element(outRoot, nOut, i))));
    const u32 = (b: Uint8Array | undefined, dflt: number) => (b ? Buffer.from(b).readUInt32LE(0) : dflt);

    const tx = new bitcoin.Transaction();
    tx.version = u32(g.get('02'), 2);
    tx.locktime = u32(g.get('03'), 0);
    for (const m of inputs) tx.addInput(m.get('0e')!, u32(m.get('0f'), 0), u32(m.get('10'), 0xffffffff));
    for (const m of outputs) tx.addOutput(m.get('04')!, Buffer.from(m.get('03')!).readBigInt64LE(0));

    // which of OUR keys derives an entry (0x06 in inputs, 0x02 in outputs) at .../change/index
    const ourDerivation = (m: Map<string, Uint8Array>, type: string): { pubkey: Uint8Array; change: number; index: number; path: string } | null => {
      for (const [k, v] of m) {
        if (!k.startsWith(type) || k.length !== 2 + 66 || hex(v.subarray(0, 4)) !== this.fingerprint) continue;
        const path: number[] = [];
        for (let i = 4; i < v.length; i += 4) path.push(Buffer.from(v.subarray(i, i + 4)).readUInt32LE(0));
        const text = pathText(path);
        if (hex(this.root.derive(text).publicKey!) !== k.slice(2)) continue;
        return { pubkey: unhex(k.slice(2)), change: path[path.length - 2], index: path[path.length - 1], path: text };
      }
      return null;
    };
    const shown: ShownOutput[] = outputs.map((m) => {
      const d = ourDerivation(m, '02');
      const script = m.get('04')!;
      return { script: hex(script), amount: Buffer.from(m.get('03')!).readBigInt64LE(0), change: !!d && d.change === 1 && eq(this.scripts(p, 1, d.index).script, script) };
    });
    this.shown = { wallet: p.name, outputs: shown };
    if (this.opts.user === 'reject') throw new DeviceStatus('6985');

    for (let i = 0; i < nIn; i++) {
      const m = inputs[i];
      const d = ourDerivation(m, '06');
      const wu = m.get('01');
      if (!d || !wu) continue;
      const amount = Buffer.from(wu.subarray(0, 8)).readBigInt64LE(0);
      const [sl, sn] = readVarint(wu, 8);
      const spk = wu.subarray(8 + sn, 8 + sn + sl);
      const s = this.scripts(p, d.change, d.index);
      if (!eq(s.script, spk)) continue; // not this policy's coin: not signed
      const scriptCode = s.witnessScript ?? bitcoin.payments.p2pkh({ pubkey: d.pubkey }).output!;
      const sighash = tx.hashForWitnessV0(i, scriptCode, amount, bitcoin.Transaction.SIGHASH_ALL);
      const der = secp256k1.sign(sighash, this.root.derive(d.path).privateKey!, { prehash: false, lowS: true, format: 'der' });
      await this.ask(cat([0x10], varint(i), [33], d.pubkey, der, [0x01]));
    }
    return new Uint8Array();
  }

  // --- Ethereum app
  private ethAddress(data: Uint8Array, chainCode: boolean): Uint8Array {
    const node = this.root.derive(pathText(parsePathBytes(data)));
    const pub = secp256k1.Point.fromBytes(node.publicKey!).toBytes(false);
    const address = hex(keccak_256(pub.subarray(1)).subarray(12));
    return cat([65], pub, [40], new TextEncoder().encode(address), chainCode ? node.chainCode! : []);
  }
  private ethSign(data: Uint8Array, p1: number): Uint8Array {
    if (p1 !== 0x00) throw new DeviceStatus('6a80'); // single-chunk transactions only (enough for these tests)
    const n = data[0];
    const path = parsePathBytes(data);
    const unsigned = data.subarray(1 + 4 * n);
    if (this.opts.user === 'reject') throw new DeviceStatus('6985');
    const sig = secp256k1.sign(keccak_256(unsigned), this.root.derive(pathText(path)).privateKey!, { prehash: false, lowS: true, format: 'recovered' });
    return cat([sig[0]], sig.subarray(1, 65)); // v (y-parity for typed transactions) ‖ r ‖ s
  }
}

function parsePathBytes(b: Uint8Array): number[] {
  return Array.from({ length: b[0] }, (_, i) => Buffer.from(b.subarray(1 + 4 * i, 5 + 4 * i)).readUInt32BE(0));
}
function pathText(p: number[]): string {
  return 'm' + p.map((x) => '/' + (x >= 0x80000000 ? `${x - 0x80000000}'` : String(x))).join('');
}
export { hex as toHexTest, unhex as fromHexTest };
