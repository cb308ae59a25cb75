/**
 * Signing of a reviewed EIP-4527 request and the `eth-signature` answer (CBOR tag 402: request-id,
 * signature r‖s‖v). ECDSA over secp256k1 with RFC 6979 deterministic nonces (micro-eth-signer →
 * @noble/curves, extra entropy off), low-s. Kinds: legacy EIP-155 transactions, EIP-2930, EIP-1559,
 * EIP-712 typed data (micro-eth-signer's encoder), EIP-191 personal_sign.
 *
 * v follows MetaMask's QR keyring (@keystonehq/base-eth-keyring): y-parity 0/1 for typed
 * transactions; chainId·2+35+parity for legacy (EIP-155), as minimal big-endian bytes — so the
 * signature is longer than 65 bytes when chainId > 109; 27/28 for messages.
 * Rule (same as bitcoin/sign): the request is parsed and reviewed again and must equal the review the
 * user approved, else 'eth/review-changed'; nothing is signed when the review refuses.
 * Deliberately does NOT: keep or return private keys, or sign pre-EIP-155 (replayable) legacy transactions.
 */
import { Buffer } from 'buffer';
import type { HDKey } from '@scure/bip32';
import { ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { eip191Signer, signTyped } from 'micro-eth-signer';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { AppError } from '../errors';
import { fromHex, toHex } from '../bytes';
import { parseEthSignRequest, type EthSignRequestData } from './request';
import { reviewEthRequest, reviewFingerprintText, type EthReview } from './review';
import { parseEthPath } from './account-export';
import { prepareTypedData } from './typed-data';

export interface EthSignResult {
  requestId?: string;
  /** r‖s‖v as sent in eth-signature. */
  signature: Uint8Array;
  /** CBOR of the eth-signature (UR type `eth-signature`). */
  cbor: Uint8Array;
  /**
   * 0x-hash identifying what was signed: the transaction hash of the signed transaction, the EIP-191
   * message hash for personal messages, keccak256 of the typed-data JSON bytes for EIP-712.
   */
  hash: string;
  hashKind: 'tx-hash' | 'eip191-hash' | 'typed-data-json-keccak';
  review: EthReview;
}

function be(n: bigint, len?: number): Uint8Array {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  if (len !== undefined) h = h.padStart(len * 2, '0');
  return fromHex(h);
}

function rsv(r: bigint, s: bigint, v: bigint): Uint8Array {
  const vb = be(v);
  const out = new Uint8Array(64 + vb.length);
  out.set(be(r, 32), 0);
  out.set(be(s, 32), 32);
  out.set(vb, 64);
  return out;
}

/** Low-level: sign a parsed request with a raw private key (for spec vectors). Apps call signEthRequest, which reviews first. */
export function signEthPayload(req: EthSignRequestData, priv: Uint8Array): { sig: Uint8Array; hash: string; hashKind: EthSignResult['hashKind'] } {
  switch (req.kind) {
    case 'legacy': {
      const signed = req.tx.signBy(priv, false); // false: RFC 6979 only, reproducible signatures
      const { r, s, yParity, chainId } = signed.raw as { r: bigint; s: bigint; yParity: number; chainId?: bigint };
      if (chainId === undefined) throw new AppError('eth/no-replay-protection');
      return { sig: rsv(r, s, chainId * 2n + 35n + BigInt(yParity)), hash: signed.hash, hashKind: 'tx-hash' };
    }
    case 'eip2930':
    case 'eip1559': {
      const signed = req.tx.signBy(priv, false);
      const { r, s, yParity } = signed.raw as { r: bigint; s: bigint; yParity: number };
      return { sig: rsv(r, s, BigInt(yParity)), hash: signed.hash, hashKind: 'tx-hash' };
    }
    case 'typed-data': {
      const hexSig = signTyped(prepareTypedData(req.typedData) as never, priv, false); // v = 27/28
      return { sig: fromHex(hexSig), hash: '0x' + toHex(keccak_256(req.signData)), hashKind: 'typed-data-json-keccak' };
    }
    case 'personal-message': {
      const hexSig = eip191Signer.sign(req.message, priv, false); // v = 27/28
      return { sig: fromHex(hexSig), hash: eip191Signer.getHash(req.message), hashKind: 'eip191-hash' };
    }
  }
}

/** eth-signature CBOR for a request id and signature bytes. */
export function encodeEthSignature(signature: Uint8Array, requestIdBytes?: Uint8Array): Uint8Array {
  const item = new ETHSignature(Buffer.from(signature), requestIdBytes ? Buffer.from(requestIdBytes) : undefined);
  return new Uint8Array(item.toCBOR());
}

/**
 * Sign the request in `cbor` with `root` after re-checking it against the `approved` review.
 * Throws 'eth/review-changed', the refusal's code when the review cannot sign, and parse errors of parseEthSignRequest.
 */
export function signEthRequest(cbor: Uint8Array, root: HDKey, approved: EthReview): EthSignResult {
  const req = parseEthSignRequest(cbor);
  const review = reviewEthRequest(req, { root });
  if (reviewFingerprintText(review) !== reviewFingerprintText(approved)) throw new AppError('eth/review-changed');
  if (!review.canSign) throw new AppError(review.refusal?.code ?? 'eth/bad-request', refusalDetail(req, root));
  parseEthPath(req.path);
  const child = root.derive(req.path);
  try {
    if (!child.privateKey) throw new AppError('keys/bad-xkey', { expected: 'private key' });
    const { sig, hash, hashKind } = signEthPayload(req, child.privateKey);
    return { requestId: req.requestId, signature: sig, cbor: encodeEthSignature(sig, req.requestIdBytes), hash, hashKind, review };
  } finally {
    child.wipePrivateData();
  }
}

function refusalDetail(req: EthSignRequestData, root: HDKey): Record<string, string> {
  return { got: req.sourceFingerprint ?? '', ours: (root.fingerprint >>> 0).toString(16).padStart(8, '0') };
}
