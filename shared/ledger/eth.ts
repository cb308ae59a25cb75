/**
 * The Ledger Ethereum app behind a small interface taking a Transport: app check, the account key
 * m/44'/60'/0' as an xpub (MetaMask's QR-keyring path), and signing of a reviewed EIP-4527 request —
 * legacy (EIP-155) / EIP-2930 / EIP-1559 transactions, EIP-712 typed data (full implementation, or the
 * Nano S, whose app lacks it, is refused: the hashed variant would show only hashes), EIP-191 messages.
 *
 * No network: hw-app-eth is built with `calServiceURL: null` and `signTransaction(…, null)` (no ERC-20 /
 * plugin / NFT / CAL resolution — the station's own review decoded the calldata before this). The
 * device's r, s are checked by recovering the signer (secp256k1, @noble/curves; micro-eth-signer for
 * EIP-712) against the address
 * of OUR account at the request's path; the y-parity comes from that recovery, not from the device's v,
 * and v is then written as shared/ethereum/sign.ts does (CLI.md): y-parity for typed transactions,
 * chainId·2+35+parity for legacy, 27/28 for messages.
 * Rule (as ethereum/sign.ts): the request is reviewed again from the account xpub and must equal the
 * approved review. Deliberately does NOT: resolve tokens/plugins, or sign anything the review refused.
 */
import Eth from '@ledgerhq/hw-app-eth';
import { HDKey } from '@scure/bip32';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { Transaction, addr, eip191Signer, recoverAddressTyped } from 'micro-eth-signer';
import { AppError } from '../errors';
import { concatBytes, fromHex, toHex } from '../bytes';
import { parseEthSignRequest, type EthSignRequestData } from '../ethereum/request';
import { reviewEthRequest, reviewFingerprintText, type EthReview } from '../ethereum/review';
import { encodeEthSignature } from '../ethereum/sign';
import { prepareTypedData } from '../ethereum/typed-data';
import { compareVersions, deviceCall, statusWordOf, SW } from './device-errors';
import type { LedgerTransport } from './btc';

/** EIP-1559 and EIP-712 (full implementation) need at least this Ethereum app. */
export const ETH_APP_MIN_VERSION = '1.9.19';
export const ETH_ACCOUNT_PATH = "m/44'/60'/0'";

/** The account the station keeps for a hardware key (public). */
export interface LedgerEthAccount {
  fingerprint: string;
  path: string;
  xpub: string;
  firstAddress: string;
}

const APP = { app: 'Ethereum' as const };
const noSlashM = (p: string) => p.replace(/^m\//, '');
// No CAL / plugin / NFT service: the station is offline, and its own review already decoded the request.
const ethApp = (t: LedgerTransport) => new Eth(t, undefined, { calServiceURL: null } as never);

/** GET_APP_AND_VERSION (works in any app): must be 'Ethereum' ≥ ETH_APP_MIN_VERSION. */
export async function checkEthApp(t: LedgerTransport): Promise<{ name: string; version: string }> {
  const r = await deviceCall(APP, () => t.send(0xb0, 0x01, 0x00, 0x00));
  let i = 1;
  const name = r.subarray(i + 1, i + 1 + r[i]).toString('ascii');
  i += 1 + r[i];
  const version = r.subarray(i + 1, i + 1 + r[i]).toString('ascii');
  if (r[0] !== 1 || name !== 'Ethereum') throw new AppError('ledger/wrong-app', { app: 'Ethereum' });
  if (compareVersions(version, ETH_APP_MIN_VERSION) < 0) throw new AppError('ledger/app-too-old', { app: 'Ethereum', min: ETH_APP_MIN_VERSION });
  return { name, version };
}

/** The m/44'/60'/0' account xpub from the app (public key + chain code; parent fingerprint from m/44'/60'). */
export async function readEthAccount(t: LedgerTransport, fingerprint: string): Promise<LedgerEthAccount> {
  const eth = ethApp(t);
  const acct = await deviceCall(APP, () => eth.getAddress(noSlashM(ETH_ACCOUNT_PATH), false, true));
  const parent = await deviceCall(APP, () => eth.getAddress("44'/60'", false, false));
  if (!acct.chainCode) throw new AppError('internal');
  const parentPub = secp256k1.Point.fromHex(parent.publicKey).toBytes(true);
  const pfp = ripemd160(sha256(parentPub));
  const node = new HDKey({
    publicKey: secp256k1.Point.fromHex(acct.publicKey).toBytes(true),
    chainCode: fromHex(acct.chainCode),
    depth: 3,
    index: 0x80000000,
    parentFingerprint: ((pfp[0] << 24) | (pfp[1] << 16) | (pfp[2] << 8) | pfp[3]) >>> 0,
  });
  const firstAddress = addr.fromPublicKey(node.deriveChild(0).deriveChild(0).publicKey!);
  return { fingerprint, path: ETH_ACCOUNT_PATH, xpub: node.publicExtendedKey, firstAddress };
}

/** What was signed: same shape as ethereum/sign.ts EthSignResult. */
export interface LedgerEthSignResult {
  signature: Uint8Array;
  cbor: Uint8Array;
  hash: string;
  hashKind: 'tx-hash' | 'eip191-hash' | 'typed-data-json-keccak';
  review: EthReview;
}

function be(n: bigint): Uint8Array {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  return fromHex(h);
}

/** y-parity (0/1) for which (r, s) over `digest` recovers to `expected`, else null. */
export function recoverParity(digest: Uint8Array, r: Uint8Array, s: Uint8Array, expected: string): 0 | 1 | null {
  for (const p of [0, 1] as const) {
    try {
      const sig = secp256k1.Signature.fromBytes(concatBytes(r, s), 'compact').addRecoveryBit(p);
      if (addr.fromPublicKey(sig.recoverPublicKey(digest).toBytes(false)).toLowerCase() === expected.toLowerCase()) return p;
    } catch {
      // not this parity
    }
  }
  return null;
}

const hex32 = (h: string) => fromHex(h.replace(/^0x/, '').padStart(64, '0'));

type DeviceSig = { r: Uint8Array; s: Uint8Array; parity: (expected: string) => 0 | 1 | null };

/** Low level: the device's (r, s) for a parsed request, and how to find the parity that recovers to us. */
async function deviceSign(t: LedgerTransport, req: EthSignRequestData): Promise<DeviceSig> {
  const path = noSlashM(req.path);
  const eth = ethApp(t);
  switch (req.kind) {
    case 'legacy':
    case 'eip2930':
    case 'eip1559': {
      const unsigned = req.tx.toBytes({ includeSignature: false }); // legacy: EIP-155 form [.., chainId, 0, 0]
      const res = await deviceCall(APP, () => eth.signTransaction(path, toHex(unsigned), null));
      const r = hex32(res.r), s = hex32(res.s);
      return { r, s, parity: (ex) => recoverParity(keccak_256(unsigned), r, s, ex) };
    }
    case 'typed-data': {
      const td = prepareTypedData(req.typedData);
      let res: { r: string; s: string };
      try {
        res = await eth.signEIP712Message(path, td as never, false);
      } catch (e) {
        if (statusWordOf(e) === SW.INS_NOT_SUPPORTED) throw new AppError('ledger/unsupported', { reason: 'this Ledger Ethereum app cannot show EIP-712 messages (update it; a Nano S cannot)' }, { cause: e });
        throw e;
      }
      const r = hex32(res.r), s = hex32(res.s);
      return {
        r, s,
        parity: (ex) => {
          for (const p of [0, 1] as const) {
            const sigHex = '0x' + toHex(concatBytes(r, s, Uint8Array.of(27 + p)));
            try {
              if (recoverAddressTyped(sigHex, td as never).toLowerCase() === ex.toLowerCase()) return p;
            } catch {
              // not this parity
            }
          }
          return null;
        },
      };
    }
    case 'personal-message': {
      const res = await deviceCall(APP, () => eth.signPersonalMessage(path, toHex(req.message)));
      const r = hex32(res.r), s = hex32(res.s);
      const digest = fromHex(eip191Signer.getHash(req.message).replace(/^0x/, ''));
      return { r, s, parity: (ex) => recoverParity(digest, r, s, ex) };
    }
  }
}

/**
 * Sign an approved EIP-4527 request through the Ledger. `account` is the hardware key's m/44'/60'/0'.
 * Throws 'eth/review-changed', the review's refusal code, 'ledger/bad-signature', 'ledger/*' device codes.
 */
export async function signEthRequestOnLedger(t: LedgerTransport, cbor: Uint8Array, approved: EthReview, account: { fingerprint: string; path: string; xpub: string }): Promise<LedgerEthSignResult> {
  const req = parseEthSignRequest(cbor);
  const review = reviewEthRequest(req, { account });
  if (reviewFingerprintText(review) !== reviewFingerprintText(approved)) throw new AppError('eth/review-changed');
  if (!review.canSign || !review.from) throw new AppError(review.refusal?.code ?? 'eth/bad-request');
  const { r, s, parity: parityFor } = await deviceCall(APP, () => deviceSign(t, req));
  const parity = parityFor(review.from);
  if (parity === null) throw new AppError('ledger/bad-signature');
  let v: bigint;
  let hash: string;
  let hashKind: LedgerEthSignResult['hashKind'];
  if (req.kind === 'legacy' || req.kind === 'eip2930' || req.kind === 'eip1559') {
    const rs = { r: BigInt('0x' + toHex(r)), s: BigInt('0x' + toHex(s)), yParity: parity };
    const signed = new Transaction(req.tx.type, { ...req.tx.raw, ...rs } as never);
    hash = signed.hash;
    hashKind = 'tx-hash';
    v = req.kind === 'legacy' ? (req.tx.raw.chainId as bigint) * 2n + 35n + BigInt(parity) : BigInt(parity);
  } else {
    v = 27n + BigInt(parity);
    hash = req.kind === 'typed-data' ? '0x' + toHex(keccak_256(req.signData)) : eip191Signer.getHash(req.message);
    hashKind = req.kind === 'typed-data' ? 'typed-data-json-keccak' : 'eip191-hash';
  }
  const signature = concatBytes(r, s, be(v));
  return { signature, cbor: encodeEthSignature(signature, req.requestIdBytes), hash, hashKind, review };
}

