/**
 * Watch-only account export as UR, in the shapes wallets import:
 * - `ur:crypto-account` (BCR-2020-015) for Bitcoin, as Sparrow (Hummingbird) and Keystone read it:
 *   master fingerprint + one crypto-output (BCR-2020-010) per account, each a crypto-hdkey
 *   (BCR-2020-007: key, chain code, origin keypath with source fingerprint and depth, parent
 *   fingerprint) wrapped in script-expression tags: BIP-44 pkh 403, BIP-49 sh 400 + wpkh 404,
 *   BIP-84 wpkh 404, BIP-86 tr 409, BIP-48 cosigner key wsh 401 + cosigner 410.
 *   Outputs are not wrapped in tag 308: Keystone's reader rejects it, Sparrow accepts both.
 * - `ur:crypto-hdkey` for Ethereum m/44'/60'/0', as MetaMask's QR keyring (@keystonehq
 *   base-eth-keyring) imports it: origin with source fingerprint, children `0/*`, name, note
 *   `account.standard`, parent fingerprint (needed to rebuild the xpub).
 * CBOR is built by @keystonehq/bc-ur-registry classes, never by hand.
 *
 * Deliberately does NOT derive keys (shared/keys does) and never sees private material.
 */
import { Buffer } from 'buffer';
import { HDKey } from '@scure/bip32';
import {
  CryptoAccount,
  CryptoCoinInfo,
  CryptoCoinInfoNetwork,
  CryptoCoinInfoType,
  CryptoHDKey,
  CryptoKeypath,
  CryptoOutput,
  DataItem,
  PathComponent,
  ScriptExpressions,
  decodeToDataItem,
  patchTags,
} from '@keystonehq/bc-ur-registry';
import { AppError } from '../errors';
import { NETWORKS, type NetworkName } from '../bitcoin/networks';
import { formatPath, parsePath, type ScriptType } from '../keys/paths';
import { encodeSinglePart, parseUr } from './bcur-adapter';

export interface ExportAccount {
  /** account path, e.g. m/84'/0'/0' */
  path: string;
  scriptType: ScriptType;
  /** xpub or tpub of the account key */
  xpub: string;
}

export interface DecodedAccount extends ExportAccount {
  /** master fingerprint (source fingerprint of the key origin), 8 lower-hex */
  fingerprint: string;
}

const HARDENED = 0x80000000;
// BCR-2020-010 tags 409 (tr) and 410 (cosigner) are missing from the Keystone table; same classes.
// The class is not exported by name; build the two from its constructor.
type ScriptExpression = (typeof ScriptExpressions)['SCRIPT_HASH'];
const SE = ScriptExpressions.SCRIPT_HASH.constructor as new (tag: number, expression: string) => ScriptExpression;
// Register their CBOR tags with the library's encoder/decoder (its public extension hook; idempotent).
patchTags([409, 410]);
const TAPROOT = new SE(409, 'tr');
const COSIGNER = new SE(410, 'cosigner');

/** Script expressions per script type, outermost first. */
const EXPRESSIONS: Record<ScriptType, ScriptExpression[]> = {
  p2pkh: [ScriptExpressions.PUBLIC_KEY_HASH],
  'p2sh-p2wpkh': [ScriptExpressions.SCRIPT_HASH, ScriptExpressions.WITNESS_PUBLIC_KEY_HASH],
  p2wpkh: [ScriptExpressions.WITNESS_PUBLIC_KEY_HASH],
  p2tr: [TAPROOT],
  'p2wsh-multi': [ScriptExpressions.WITNESS_SCRIPT_HASH, COSIGNER],
};
const TAG_LISTS = Object.entries(EXPRESSIONS).map(([t, ses]) => [t as ScriptType, ses.map((s) => s.getTag()).join(',')] as const);

const fpBuf = (fp: string): Buffer => {
  if (!/^[0-9a-f]{8}$/i.test(fp)) throw new AppError('keys/bad-xkey', { expected: 'fingerprint of 8 hex digits' });
  return Buffer.from(fp, 'hex');
};

function parseXpub(xpub: string): HDKey {
  for (const n of [NETWORKS.mainnet, NETWORKS.testnet]) {
    try {
      const k = HDKey.fromExtendedKey(xpub, n.bip32);
      if (!k.privateKey && k.publicKey && k.chainCode) return k;
    } catch {
      // try the other version bytes
    }
  }
  throw new AppError('keys/bad-xkey');
}

function keypath(path: string, sourceFingerprint?: Buffer): CryptoKeypath {
  const idx = parsePath(path);
  const comps = idx.map((i) => new PathComponent({ index: i & 0x7fffffff, hardened: i >= HARDENED }));
  return new CryptoKeypath(comps, sourceFingerprint, sourceFingerprint ? idx.length : undefined);
}

function hdkeyItem(fingerprint: string, path: string, xpub: string, extra: { useInfo?: CryptoCoinInfo; name?: string; note?: string; children?: CryptoKeypath }): CryptoHDKey {
  const k = parseXpub(xpub);
  if (k.depth !== parsePath(path).length) throw new AppError('keys/bad-xkey', { expected: `a key at depth ${parsePath(path).length}` });
  const parent = Buffer.alloc(4);
  parent.writeUInt32BE(k.parentFingerprint >>> 0, 0);
  return new CryptoHDKey({
    isMaster: false,
    key: Buffer.from(k.publicKey!),
    chainCode: Buffer.from(k.chainCode!),
    origin: keypath(path, fpBuf(fingerprint)),
    parentFingerprint: parent,
    ...extra,
  });
}

/** CBOR of crypto-account. Throws 'keys/bad-xkey', 'keys/bad-path'. */
export function encodeCryptoAccountCbor(masterFingerprint: string, accounts: readonly ExportAccount[], network: NetworkName): Uint8Array {
  // BCR-2020-007 use-info: default is BTC mainnet, so only test networks carry it.
  const useInfo = network === 'mainnet' ? undefined : new CryptoCoinInfo(CryptoCoinInfoType.bitcoin, CryptoCoinInfoNetwork.testnet);
  const outputs = accounts.map((a) => new CryptoOutput(EXPRESSIONS[a.scriptType], hdkeyItem(masterFingerprint, a.path, a.xpub, { useInfo })));
  return new Uint8Array(new CryptoAccount(fpBuf(masterFingerprint), outputs).toCBOR() as Uint8Array);
}

/** `ur:crypto-account/…` (single part, lower-case) for the given accounts. Throws as encodeCryptoAccountCbor. */
export function encodeCryptoAccountUr(masterFingerprint: string, accounts: readonly ExportAccount[], network: NetworkName): string {
  return encodeSinglePart('crypto-account', encodeCryptoAccountCbor(masterFingerprint, accounts, network));
}

/** CBOR of the Ethereum account crypto-hdkey (MetaMask QR keyring shape). Throws 'keys/bad-xkey', 'keys/bad-path'. */
export function encodeEthHdkeyCbor(fingerprint: string, xpub: string, path = "m/44'/60'/0'", name = 'Airlock'): Uint8Array {
  const children = new CryptoKeypath([new PathComponent({ index: 0, hardened: false }), new PathComponent({ hardened: false })]);
  return new Uint8Array(hdkeyItem(fingerprint, path, xpub, { name, note: 'account.standard', children }).toCBOR() as Uint8Array);
}

/** `ur:crypto-hdkey/…` for the Ethereum account (single part, lower-case). */
export function encodeEthHdkeyUr(fingerprint: string, xpub: string, path = "m/44'/60'/0'", name = 'Airlock'): string {
  return encodeSinglePart('crypto-hdkey', encodeEthHdkeyCbor(fingerprint, xpub, path, name));
}

const hex8 = (b: Buffer | undefined): string => (b ? Buffer.from(b).toString('hex').padStart(8, '0') : '00000000');

/**
 * The extended public key a crypto-hdkey (BCR-2020-007) describes, with `versions` (xpub/tpub) and its
 * origin path (`m/…`). Throws 'ur/corrupt' for a wildcard in the origin; the caller catches library errors.
 */
export function xpubOfHdkey(hd: CryptoHDKey, versions: { public: number; private: number }): { path: string; xpub: string } {
  const origin = hd.getOrigin();
  const comps = origin?.getComponents() ?? [];
  if (comps.some((c) => c.isWildcard())) throw new AppError('ur/corrupt');
  const idx = comps.map((c) => c.getIndex() + (c.isHardened() ? HARDENED : 0));
  const pf = hd.getParentFingerprint();
  const key = new HDKey({
    versions,
    depth: idx.length || origin?.getDepth() || 0,
    index: idx.length ? idx[idx.length - 1] : 0,
    parentFingerprint: pf ? pf.readUInt32BE(0) : 0,
    chainCode: new Uint8Array(hd.getChainCode()),
    publicKey: new Uint8Array(hd.getKey()),
  });
  return { path: formatPath(idx), xpub: key.publicExtendedKey };
}

const xpubOf = (hd: CryptoHDKey, testnet: boolean) => xpubOfHdkey(hd, (testnet ? NETWORKS.testnet : NETWORKS.mainnet).bip32);

/**
 * Decode crypto-account CBOR (with or without tag 308 around outputs). Outputs whose script Airlock
 * cannot watch (e.g. BIP-45 sh(cosigner)) are skipped; none left → 'ur/corrupt'. Throws 'ur/corrupt'.
 */
export function decodeAccountCbor(cbor: Uint8Array): DecodedAccount[] {
  try {
    const root = decodeToDataItem(Buffer.from(cbor)).getData() as Record<number, unknown>;
    const masterFp = Buffer.alloc(4);
    masterFp.writeUInt32BE(Number(root[1]) >>> 0, 0);
    const outs = root[2] as DataItem[];
    if (!Array.isArray(outs)) throw new Error('no outputs');
    const accounts = outs.map((out): DecodedAccount | undefined => {
      const tags: number[] = [];
      let item: DataItem = out;
      // BCR-2020-010: nested tags, outermost first, ending at the key's tag (303 hdkey).
      for (;;) {
        const tag = item.getTag();
        if (tag === 303) break;
        if (tag === undefined) throw new Error('untagged key');
        if (tag !== 308) tags.push(tag);
        const inner = item.getData();
        if (inner instanceof DataItem) item = inner;
        else if (inner && typeof inner === 'object') {
          // innermost tag and the key map share one DataItem: the key must be hdkey-tagged
          throw new Error(`key tag ${tag}`);
        } else throw new Error('bad output');
      }
      const scriptType = TAG_LISTS.find(([, l]) => l === tags.join(','))?.[0];
      if (!scriptType) return undefined;
      const hd = CryptoHDKey.fromDataItem(item);
      const testnet = hd.getUseInfo()?.getNetwork() === CryptoCoinInfoNetwork.testnet;
      const { path, xpub } = xpubOf(hd, testnet);
      return { path, scriptType, xpub, fingerprint: hex8(hd.getOrigin()?.getSourceFingerprint() ?? masterFp) };
    });
    const known = accounts.filter((a): a is DecodedAccount => a !== undefined);
    if (known.length === 0) throw new Error('no account Airlock can watch');
    return known;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('ur/corrupt', undefined, { cause: e });
  }
}

/** Decode a crypto-hdkey CBOR to {path, xpub, fingerprint, name?}. Throws 'ur/corrupt'. */
export function decodeHdkeyCbor(cbor: Uint8Array): { path: string; xpub: string; fingerprint: string; name?: string } {
  try {
    const hd = CryptoHDKey.fromCBOR(Buffer.from(cbor));
    if (hd.isMaster() || hd.isPrivateKey()) throw new AppError('ur/corrupt');
    const testnet = hd.getUseInfo()?.getNetwork() === CryptoCoinInfoNetwork.testnet;
    const { path, xpub } = xpubOf(hd, testnet);
    return { path, xpub, fingerprint: hex8(hd.getOrigin()?.getSourceFingerprint()), name: hd.getName() };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('ur/corrupt', undefined, { cause: e });
  }
}

/** Accounts of a crypto-account: its UR text (single part) or its CBOR. Throws 'ur/not-ur', 'ur/unsupported-type', 'ur/corrupt'. */
export function decodeAccountUr(input: string | Uint8Array): DecodedAccount[] {
  if (typeof input !== 'string') return decodeAccountCbor(input);
  const p = parseUr(input);
  if (p.kind === 'not-ur') throw new AppError('ur/not-ur');
  if (p.kind !== 'single') throw new AppError('ur/corrupt');
  if (p.urType !== 'crypto-account') throw new AppError('ur/unsupported-type', { got: p.urType, expected: 'crypto-account' });
  return decodeAccountCbor(p.cbor);
}
