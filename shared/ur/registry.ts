/**
 * UR type registry: one lookup table `{urType, kind, generation, decode}` for the types Airlock
 * reads and writes (BCR-2020-006 "Registry of UR types", pre-v2 `crypto-*` names with 3xx tags, and
 * the v2 names of 2023: `psbt`, `account-descriptor`, `hdkey`, `output-descriptor`; EIP-4527's
 * `eth-sign-request` / `eth-signature`).
 *
 * Reads both generations; writes the `crypto-*` names by default (what Sparrow, Keystone, SeedSigner,
 * BlueWallet and MetaMask read) or the v2 names on request. CBOR of registry items is done by
 * `@keystonehq/bc-ur-registry` (CryptoPSBT, Bytes) — never by hand.
 *
 * Deliberately does NOT interpret accounts, keys, descriptors or Ethereum requests: those payloads
 * are carried as checked CBOR; account-export.ts and shared/ethereum decode them.
 */
import { Buffer } from 'buffer';
import { Bytes, CryptoPSBT, decodeToDataItem } from '@keystonehq/bc-ur-registry';
import { AppError } from '../errors';

export type UrType =
  | 'crypto-psbt'
  | 'psbt'
  | 'crypto-account'
  | 'account-descriptor'
  | 'crypto-hdkey'
  | 'hdkey'
  | 'crypto-output'
  | 'output-descriptor'
  | 'bytes'
  | 'eth-sign-request'
  | 'eth-signature';

export type UrKind = 'psbt' | 'account' | 'hdkey' | 'output' | 'bytes' | 'eth-sign-request' | 'eth-signature';

/** A decoded UR payload. `cbor` is always the UR's own CBOR message. */
export type UrPayload =
  | { kind: 'psbt'; urType: 'crypto-psbt' | 'psbt'; bytes: Uint8Array; cbor: Uint8Array }
  | { kind: 'bytes'; urType: 'bytes'; bytes: Uint8Array; cbor: Uint8Array }
  | { kind: 'account'; urType: 'crypto-account' | 'account-descriptor'; cbor: Uint8Array }
  | { kind: 'hdkey'; urType: 'crypto-hdkey' | 'hdkey'; cbor: Uint8Array }
  | { kind: 'output'; urType: 'crypto-output' | 'output-descriptor'; cbor: Uint8Array }
  | { kind: 'eth-sign-request'; urType: 'eth-sign-request'; cbor: Uint8Array }
  | { kind: 'eth-signature'; urType: 'eth-signature'; cbor: Uint8Array }
  /** any other well-formed UR, only when a caller accepts 'any' (the CLI) */
  | { kind: 'other-ur'; urType: string; cbor: Uint8Array };

export interface RegistryEntry {
  urType: UrType;
  kind: UrKind;
  /** 1 = pre-v2 `crypto-*` names (3xx tags), 2 = 2023 names (403xx tags) */
  generation: 1 | 2;
  /** Name written by default for this kind (the crypto-* one). */
  legacyName: UrType;
  /** Name written with the "new names" setting. */
  currentName: UrType;
  /** Decode the UR's CBOR. Throws AppError('ur/corrupt'). */
  decode(cbor: Uint8Array): UrPayload;
}

const toBuf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const toU8 = (b: Uint8Array): Uint8Array => new Uint8Array(b);

function byteString(cbor: Uint8Array, read: (b: Buffer) => unknown): Uint8Array {
  let data: unknown;
  try {
    data = read(toBuf(cbor));
  } catch (e) {
    throw new AppError('ur/corrupt', undefined, { cause: e });
  }
  if (!(data instanceof Uint8Array)) throw new AppError('ur/corrupt');
  return toU8(data);
}

/** Well-formedness check for payloads carried as CBOR (a map or a tagged item, per their CDDL). */
function checkedCbor(cbor: Uint8Array): Uint8Array {
  try {
    decodeToDataItem(toBuf(cbor));
  } catch (e) {
    throw new AppError('ur/corrupt', undefined, { cause: e });
  }
  return toU8(cbor);
}

const readPsbt = (b: Buffer) => CryptoPSBT.fromCBOR(b).getPSBT();
const readBytes = (b: Buffer) => Bytes.fromCBOR(b).getData();

function carried<K extends 'account' | 'hdkey' | 'output' | 'eth-sign-request' | 'eth-signature'>(
  kind: K,
  legacyName: UrType,
  currentName: UrType,
): RegistryEntry[] {
  const mk = (urType: UrType, generation: 1 | 2): RegistryEntry => ({
    urType,
    kind,
    generation,
    legacyName,
    currentName,
    decode: (cbor) => ({ kind, urType, cbor: checkedCbor(cbor) }) as UrPayload,
  });
  return legacyName === currentName ? [mk(legacyName, 1)] : [mk(legacyName, 1), mk(currentName, 2)];
}

/** The table. A lookup, not an if-chain (ARCHITECTURE 2.3). */
export const UR_REGISTRY: readonly RegistryEntry[] = [
  ...(['crypto-psbt', 'psbt'] as const).map(
    (urType, i): RegistryEntry => ({
      urType,
      kind: 'psbt',
      generation: i === 0 ? 1 : 2,
      legacyName: 'crypto-psbt',
      currentName: 'psbt',
      // BCR-2020-006: crypto-psbt = bytes (the PSBT, BIP-174); the v2 `psbt` has the same body.
      decode: (cbor) => ({ kind: 'psbt', urType, bytes: byteString(cbor, readPsbt), cbor: toU8(cbor) }),
    }),
  ),
  {
    urType: 'bytes',
    kind: 'bytes',
    generation: 1,
    legacyName: 'bytes',
    currentName: 'bytes',
    decode: (cbor) => ({ kind: 'bytes', urType: 'bytes', bytes: byteString(cbor, readBytes), cbor: toU8(cbor) }),
  },
  ...carried('account', 'crypto-account', 'account-descriptor'),
  ...carried('hdkey', 'crypto-hdkey', 'hdkey'),
  ...carried('output', 'crypto-output', 'output-descriptor'),
  ...carried('eth-sign-request', 'eth-sign-request', 'eth-sign-request'),
  ...carried('eth-signature', 'eth-signature', 'eth-signature'),
];

const BY_TYPE = new Map<string, RegistryEntry>(UR_REGISTRY.map((e) => [e.urType, e]));

/** Every UR type Airlock knows (both generations). */
export const KNOWN_UR_TYPES: readonly UrType[] = UR_REGISTRY.map((e) => e.urType);

/** Registry entry of a UR type name (lower-case), or undefined. */
export function lookupUrType(urType: string): RegistryEntry | undefined {
  return BY_TYPE.get(urType);
}

/** The UR type to write for a payload kind: `crypto-*` by default, v2 names with `{newNames: true}`. */
export function urTypeFor(kind: UrKind, opts: { newNames?: boolean } = {}): UrType {
  const e = UR_REGISTRY.find((x) => x.kind === kind)!;
  return opts.newNames ? e.currentName : e.legacyName;
}

/** Decode a UR's CBOR by type; unknown types become 'other-ur'. Throws AppError('ur/corrupt'). */
export function decodeUrPayload(urType: string, cbor: Uint8Array): UrPayload {
  const e = BY_TYPE.get(urType);
  if (e) return e.decode(cbor);
  return { kind: 'other-ur', urType, cbor: toU8(cbor) };
}

/** CBOR message of a PSBT (`crypto-psbt`/`psbt`: a CBOR byte string), via CryptoPSBT. */
export function encodePsbtCbor(psbt: Uint8Array): Uint8Array {
  return toU8(new CryptoPSBT(toBuf(psbt)).toCBOR() as Uint8Array);
}

/** CBOR message of `ur:bytes` (a CBOR byte string), via the registry's Bytes. */
export function encodeBytesCbor(bytes: Uint8Array): Uint8Array {
  return toU8(new Bytes(toBuf(bytes)).toCBOR() as Uint8Array);
}

/** The inner bytes a byte-wrapping UR carries (psbt, bytes), else the CBOR itself. */
export function innerBytes(p: UrPayload): Uint8Array {
  return p.kind === 'psbt' || p.kind === 'bytes' ? p.bytes : p.cbor;
}
