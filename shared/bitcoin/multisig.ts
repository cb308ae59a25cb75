/**
 * Multisig wallets (M-of-N, `multi`/`sortedmulti`) over BIP-32 cosigner keys.
 *
 * Reads a wallet from a BIP-380/383 descriptor (`wsh(...)`, `sh(wsh(...))`, `sh(...)`, key origins,
 * `/<0;1>/*` (BIP-389), `/0/*` or BSMS's `/**`, checksum verified when present), a Coldcard/Sparrow
 * multisig text file (Name/Policy/Derivation/Format + `XFP: xpub` lines), or a BIP-129 BSMS
 * unencrypted descriptor record (its first address is checked). Derives the wallet's scripts at
 * (chain, index) with @scure/btc-signer, and exports our BIP-48 cosigner key.
 * Deliberately does NOT: support taproot multisig (multi_a), miniscript, hardened steps after the
 * xpub, encrypted BSMS, or keys without a BIP-32 origin (except a depth-0 xpub, its own origin).
 */
import { HDKey } from '@scure/bip32';
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { p2ms, p2sh, p2wsh, Address, OutScript } from '@scure/btc-signer';
import { AppError } from '../errors';
import { concatBytes, equalBytes } from '../bytes';
import type { BtcNetwork } from './networks';
import { formatPath, normalizePath, parsePath } from '../keys/paths';
import { formatFingerprint } from '../keys/hd';
import { descriptorChecksum } from './descriptor';

export type MultisigScriptType = 'p2wsh' | 'p2sh-p2wsh' | 'p2sh';

export interface Cosigner {
  /** master fingerprint, 8 lower-hex */
  fingerprint: string;
  /** origin path of the xpub, `m/48'/0'/0'/2'` */
  path: string;
  /** the cosigner's extended public key, re-encoded with the network's standard version (xpub/tpub) */
  xpub: string;
}

export interface MultisigWallet {
  name: string;
  threshold: number;
  scriptType: MultisigScriptType;
  /** sortedmulti (BIP-67 key order) vs multi (keys in listed order) */
  sorted: boolean;
  cosigners: Cosigner[];
}

export interface MultisigScripts {
  /** the output script (scriptPubKey) */
  script: Uint8Array;
  redeemScript?: Uint8Array;
  witnessScript?: Uint8Array;
  /** the m-of-n script itself */
  multisigScript: Uint8Array;
}

const b58c = createBase58check(sha256);

// SLIP-132 public versions (Coldcard/Sparrow files may carry Ypub/Zpub); all are read as the plain key.
const PUB_VERSIONS: Record<'main' | 'test', number[]> = {
  main: [0x0488b21e, 0x049d7cb2, 0x04b24746, 0x0295b43f, 0x02aa7ed3],
  test: [0x043587cf, 0x044a5262, 0x045f1cf6, 0x024289ef, 0x02575483],
};

/** Normalize an extended public key to `network`'s xpub/tpub version. Throws 'keys/wrong-network' or 'keys/bad-xkey'. */
export function normalizeXpub(text: string, network: BtcNetwork): string {
  let raw: Uint8Array;
  try {
    raw = b58c.decode(text.trim());
  } catch (e) {
    throw new AppError('keys/bad-xkey', undefined, { cause: e });
  }
  if (raw.length !== 78) throw new AppError('keys/bad-xkey');
  const version = ((raw[0] << 24) | (raw[1] << 16) | (raw[2] << 8) | raw[3]) >>> 0;
  const ours = network.coinType === 0 ? PUB_VERSIONS.main : PUB_VERSIONS.test;
  const theirs = network.coinType === 0 ? PUB_VERSIONS.test : PUB_VERSIONS.main;
  if (theirs.includes(version)) throw new AppError('keys/wrong-network');
  if (!ours.includes(version)) throw new AppError('keys/bad-xkey');
  const v = network.bip32.public;
  const out = concatBytes(new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]), raw.subarray(4));
  const s = b58c.encode(out);
  try {
    HDKey.fromExtendedKey(s, network.bip32); // validates the point
  } catch (e) {
    throw new AppError('keys/bad-xkey', undefined, { cause: e });
  }
  return s;
}

const keyCache = new WeakMap<Cosigner, Map<number, HDKey>>();

function cosignerChild(c: Cosigner, chain: number, index: number, network: BtcNetwork): Uint8Array {
  let chains = keyCache.get(c);
  if (!chains) keyCache.set(c, (chains = new Map()));
  let node = chains.get(chain);
  if (!node) {
    node = HDKey.fromExtendedKey(c.xpub, network.bip32).deriveChild(chain);
    chains.set(chain, node);
  }
  const pub = node.deriveChild(index).publicKey;
  if (!pub) throw new AppError('keys/bad-xkey');
  return pub;
}

/** The wallet's scripts at chain/index (non-hardened). Throws 'multisig/unparseable' for an impossible wallet. */
export function multisigScripts(w: MultisigWallet, chain: number, index: number, network: BtcNetwork): MultisigScripts {
  try {
    let keys = w.cosigners.map((c) => cosignerChild(c, chain, index, network));
    if (w.sorted) keys = [...keys].sort((a, b) => compareBytes(a, b)); // BIP-67
    const ms = p2ms(w.threshold, keys);
    if (w.scriptType === 'p2sh') {
      return { script: p2sh(ms).script, redeemScript: ms.script, multisigScript: ms.script };
    }
    const wsh = p2wsh(ms);
    if (w.scriptType === 'p2wsh') return { script: wsh.script, witnessScript: ms.script, multisigScript: ms.script };
    return { script: p2sh(wsh).script, redeemScript: wsh.script, witnessScript: ms.script, multisigScript: ms.script };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('multisig/unparseable', undefined, { cause: e });
  }
}

/** The wallet's address at chain/index. */
export function multisigAddress(w: MultisigWallet, chain: number, index: number, network: BtcNetwork): string {
  return Address(network).encode(OutScript.decode(multisigScripts(w, chain, index, network).script));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** Index of the cosigner that is our key (same fingerprint and same xpub at its path), or -1. */
export function ourCosignerIndex(w: MultisigWallet, root: HDKey, network: BtcNetwork): number {
  const fp = formatFingerprint(root.fingerprint);
  for (let i = 0; i < w.cosigners.length; i++) {
    const c = w.cosigners[i];
    if (c.fingerprint !== fp) continue;
    const mine = root.derive(c.path);
    try {
      const theirs = HDKey.fromExtendedKey(c.xpub, network.bip32);
      if (mine.publicKey && theirs.publicKey && equalBytes(mine.publicKey, theirs.publicKey) &&
          mine.chainCode && theirs.chainCode && equalBytes(mine.chainCode, theirs.chainCode)) return i;
    } finally {
      mine.wipePrivateData(); // only the public half was needed
    }
  }
  return -1;
}

/** True when `root` holds one of the wallet's cosigner keys. */
export function isCosigner(w: MultisigWallet, root: HDKey, network: BtcNetwork): boolean {
  return ourCosignerIndex(w, root, network) >= 0;
}

/** "M-of-N" policy text. */
export function policyText(w: MultisigWallet): string {
  return `${w.threshold}-of-${w.cosigners.length}`;
}

/** Read a wallet from a descriptor, a Coldcard/Sparrow text file or a BSMS record (auto-detected). Throws 'multisig/unparseable', 'descriptor/bad-checksum', 'keys/wrong-network', 'keys/bad-xkey'. */
export function parseMultisigWallet(text: string, network: BtcNetwork): MultisigWallet {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (/^BSMS\s/.test(t)) return parseBsms(t, network);
  if (/^(wsh|sh)\(/.test(t)) return parseMultisigDescriptor(t, network);
  return parseColdcardText(t, network);
}

const WRAPPERS: [RegExp, MultisigScriptType][] = [
  [/^sh\(wsh\((.*)\)\)$/s, 'p2sh-p2wsh'],
  [/^wsh\((.*)\)$/s, 'p2wsh'],
  [/^sh\((.*)\)$/s, 'p2sh'],
];

/** Parse a BIP-383 multisig descriptor (`wsh(sortedmulti(2,[fp/48'/0'/0'/2']xpub/<0;1>/*,...))#checksum`). */
export function parseMultisigDescriptor(text: string, network: BtcNetwork, name?: string): MultisigWallet {
  let d = text.trim();
  const hash = d.lastIndexOf('#');
  if (hash >= 0) {
    const body = d.slice(0, hash);
    const sum = d.slice(hash + 1);
    // BIP-380: the checksum covers the descriptor as written (with `/**` in BSMS it is not defined: callers expand first).
    if (descriptorChecksum(body) !== sum) throw new AppError('descriptor/bad-checksum');
    d = body;
  }
  d = d.replace(/\s+/g, '');
  for (const [re, scriptType] of WRAPPERS) {
    const m = re.exec(d);
    if (!m) continue;
    const inner = /^(sortedmulti|multi)\((\d+),(.*)\)$/s.exec(m[1]);
    if (!inner) throw new AppError('descriptor/unparseable');
    const sorted = inner[1] === 'sortedmulti';
    const threshold = Number(inner[2]);
    const keys = inner[3].split(',');
    const cosigners = keys.map((k) => parseKeyExpression(k, network));
    return checkWallet({ name: name ?? `Multisig ${threshold}-of-${keys.length}`, threshold, scriptType, sorted, cosigners });
  }
  throw new AppError('descriptor/unparseable');
}

function parseKeyExpression(k: string, network: BtcNetwork): Cosigner {
  const m = /^(?:\[([0-9a-fA-F]{8})((?:\/\d+['hH]?)*)\])?([1-9A-HJ-NP-Za-km-z]{100,120})(\/<0;1>\/\*|\/0\/\*|\/\*\*)$/.exec(k);
  if (!m) throw new AppError('descriptor/unparseable');
  const xpub = normalizeXpub(m[3], network);
  if (m[1] === undefined) {
    const node = HDKey.fromExtendedKey(xpub, network.bip32);
    if (node.depth !== 0) throw new AppError('descriptor/unparseable', { reason: 'key origin missing' });
    return { fingerprint: formatFingerprint(node.fingerprint), path: 'm', xpub };
  }
  const path = normalizePath('m' + m[2]);
  checkDepth(xpub, path, network);
  return { fingerprint: m[1].toLowerCase(), path, xpub };
}

function checkDepth(xpub: string, path: string, network: BtcNetwork): void {
  const node = HDKey.fromExtendedKey(xpub, network.bip32);
  if (node.depth !== parsePath(path).length) throw new AppError('multisig/unparseable', { reason: 'path depth differs from key depth' });
}

function checkWallet(w: MultisigWallet): MultisigWallet {
  const n = w.cosigners.length;
  if (!Number.isInteger(w.threshold) || w.threshold < 1 || w.threshold > n || n > 15) throw new AppError('multisig/unparseable');
  const seen = new Set(w.cosigners.map((c) => c.xpub));
  if (seen.size !== n) throw new AppError('multisig/unparseable', { reason: 'duplicate cosigner key' });
  return w;
}

const FORMATS: Record<string, MultisigScriptType> = {
  P2WSH: 'p2wsh',
  'P2SH-P2WSH': 'p2sh-p2wsh',
  'P2WSH-P2SH': 'p2sh-p2wsh',
  P2SH_P2WSH: 'p2sh-p2wsh',
  P2SH: 'p2sh',
};

/** Parse a Coldcard/Sparrow multisig setup file. Coldcard wallets are always sortedmulti. */
export function parseColdcardText(text: string, network: BtcNetwork): MultisigWallet {
  let name = '';
  let threshold = 0;
  let n = 0;
  let scriptType: MultisigScriptType = 'p2sh'; // Coldcard's default when Format is absent
  let derivation: string | undefined;
  const cosigners: Cosigner[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    const comment = /^#\s*derivation:\s*(\S+)/i.exec(line);
    if (comment) {
      derivation = normalizePath(comment[1]);
      continue;
    }
    if (line.startsWith('#')) continue;
    const kv = /^([^:]+):\s*(.*)$/.exec(line);
    if (!kv) throw new AppError('multisig/unparseable');
    const key = kv[1].trim();
    const value = kv[2].trim();
    const lower = key.toLowerCase();
    if (lower === 'name') name = value;
    else if (lower === 'policy') {
      const p = /^(\d+)\s*(?:of|\/|-of-)\s*(\d+)$/i.exec(value);
      if (!p) throw new AppError('multisig/unparseable');
      threshold = Number(p[1]);
      n = Number(p[2]);
    } else if (lower === 'derivation') derivation = normalizePath(value);
    else if (lower === 'format') {
      const f = FORMATS[value.toUpperCase()];
      if (!f) throw new AppError('multisig/unparseable');
      scriptType = f;
    } else if (/^[0-9a-fA-F]{8}$/.test(key)) {
      if (!derivation) throw new AppError('multisig/unparseable', { reason: 'missing derivation' });
      const xpub = normalizeXpub(value, network);
      checkDepth(xpub, derivation, network);
      cosigners.push({ fingerprint: key.toLowerCase(), path: derivation, xpub });
    } else throw new AppError('multisig/unparseable');
  }
  if (!cosigners.length || !threshold) throw new AppError('multisig/unparseable');
  if (n && n !== cosigners.length) throw new AppError('multisig/unparseable', { reason: 'policy N differs from key count' });
  return checkWallet({ name: name || `Multisig ${threshold}-of-${cosigners.length}`, threshold, scriptType, sorted: true, cosigners });
}

/** Parse a BIP-129 BSMS 1.0 unencrypted descriptor record; checks its first address. */
export function parseBsms(text: string, network: BtcNetwork): MultisigWallet {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines[0] !== 'BSMS 1.0' || lines.length < 2) throw new AppError('multisig/unparseable');
  let desc = lines[1];
  // BIP-129: `/**` stands for `/<0;1>/*`; a checksum, if any, was computed over the written form.
  const hash = desc.lastIndexOf('#');
  if (hash >= 0) {
    if (descriptorChecksum(desc.slice(0, hash)) !== desc.slice(hash + 1)) throw new AppError('descriptor/bad-checksum');
    desc = desc.slice(0, hash);
  }
  const w = parseMultisigDescriptor(desc, network, 'BSMS wallet');
  const restrictions = lines[2];
  if (restrictions && !/^(No path restrictions|\/0\/\*,\/1\/\*|\/0\/\*)$/.test(restrictions)) throw new AppError('multisig/unparseable');
  const first = lines[3];
  if (first && multisigAddress(w, 0, 0, network) !== first) throw new AppError('multisig/unparseable', { reason: 'first address does not match' });
  return w;
}

/** BIP-383 descriptor with `/<0;1>/*` and checksum (hardened steps written `'`). */
export function walletDescriptor(w: MultisigWallet): string {
  const keys = w.cosigners.map((c) => `[${c.fingerprint}${c.path === 'm' ? '' : c.path.slice(1)}]${c.xpub}/<0;1>/*`);
  const inner = `${w.sorted ? 'sortedmulti' : 'multi'}(${w.threshold},${keys.join(',')})`;
  const body = w.scriptType === 'p2wsh' ? `wsh(${inner})` : w.scriptType === 'p2sh' ? `sh(${inner})` : `sh(wsh(${inner}))`;
  return `${body}#${descriptorChecksum(body)}`;
}

/** Our BIP-48 cosigner key (m/48'/coin'/account'/2' for P2WSH, 1' for P2SH-P2WSH) as a Cosigner. */
export function cosignerKey(root: HDKey, network: BtcNetwork, account = 0, scriptType: 'p2wsh' | 'p2sh-p2wsh' = 'p2wsh'): Cosigner {
  const path = formatPath(parsePath(`m/48'/${network.coinType}'/${account}'/${scriptType === 'p2wsh' ? 2 : 1}'`));
  const node = root.derive(path);
  if (!node.publicKey || !node.chainCode) throw new AppError('keys/bad-xkey');
  const xpub = new HDKey({ versions: network.bip32, depth: node.depth, index: node.index, parentFingerprint: node.parentFingerprint,
    chainCode: node.chainCode, publicKey: node.publicKey }).publicExtendedKey;
  node.wipePrivateData();
  return { fingerprint: formatFingerprint(root.fingerprint), path, xpub };
}

/** Our cosigner key in the Coldcard/Sparrow multisig text format (one key: Derivation, Format, `XFP: xpub`). */
export function exportCosignerText(root: HDKey, network: BtcNetwork, account = 0): string {
  const c = cosignerKey(root, network, account, 'p2wsh');
  return [
    '# Airlock multisig cosigner key (BIP-48, P2WSH)',
    `Derivation: ${c.path}`,
    'Format: P2WSH',
    `${c.fingerprint.toUpperCase()}: ${c.xpub}`,
    '',
  ].join('\n');
}

/** Our cosigner keys as Coldcard's generic multisig export JSON (read by Sparrow, Specter, Caravan). */
export function exportCosignerJson(root: HDKey, network: BtcNetwork, account = 0): string {
  const wsh = cosignerKey(root, network, account, 'p2wsh');
  const shwsh = cosignerKey(root, network, account, 'p2sh-p2wsh');
  return JSON.stringify({
    xfp: wsh.fingerprint.toUpperCase(),
    p2wsh_deriv: wsh.path,
    p2wsh: wsh.xpub,
    p2sh_p2wsh_deriv: shwsh.path,
    p2sh_p2wsh: shwsh.xpub,
    account,
  }, null, 2);
}

/** Short public summary (no keys) for display/logs. */
export function walletSummary(w: MultisigWallet): { name: string; policy: string; scriptType: string; fingerprints: string[] } {
  return { name: w.name, policy: policyText(w), scriptType: w.scriptType, fingerprints: w.cosigners.map((c) => c.fingerprint) };
}
