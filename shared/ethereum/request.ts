/**
 * EIP-4527 `eth-sign-request` decoding (ERC-4527; CBOR tag 401, map keys per Keystone's
 * ur-registry-eth): request-id (#6.37 uuid), sign-data, data-type (1 legacy tx RLP, 2 EIP-712 typed
 * data JSON, 3 personal message bytes, 4 EIP-2718 typed tx), chain-id (default 1), derivation-path
 * (#6.304 crypto-keypath with source fingerprint), address, origin.
 *
 * CBOR goes through @keystonehq/bc-ur-registry-eth; transactions through micro-eth-signer (RLP,
 * EIP-155/2930/1559). Every field the registry hands back is type-checked here, because its
 * `fromDataItem` trusts the input blindly.
 * Deliberately does NOT: handle UR text / multipart (shared/ur does), derive keys or decide whether
 * we may sign (review.ts), or accept EIP-4844 blob and EIP-7702 authorization transactions.
 */
import { Buffer } from 'buffer';
import { EthSignRequest } from '@keystonehq/bc-ur-registry-eth';
import { Transaction, addr, type TxCoder } from 'micro-eth-signer';
import { RLP } from 'micro-eth-signer/core/rlp.js';
import { AppError } from '../errors';
import { toHex } from '../bytes';

/** Largest eth-sign-request CBOR accepted (a 48 KiB EIP-3860 initcode or a 50 KB EIP-712 message fit easily). */
export const MAX_ETH_REQUEST_BYTES = 128 * 1024;

export type EthDataType = 1 | 2 | 3 | 4;
export type EthRequestKind = 'legacy' | 'eip2930' | 'eip1559' | 'typed-data' | 'personal-message';

/** EIP-712 typed data as received (JSON of eth_signTypedData_v4). */
export interface TypedDataJson {
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
}

interface RequestBase {
  /** UUID text (8-4-4-4-12) when the id is 16 bytes, else lower hex; undefined when absent. */
  requestId?: string;
  requestIdBytes?: Uint8Array;
  dataType: EthDataType;
  /** Chain id of the request (CDDL default 1). */
  chainId: bigint;
  /** Derivation path, `m/44'/60'/0'/0/0` form. */
  path: string;
  /** Source (master) fingerprint, 8 lower hex; undefined when the request carries none. */
  sourceFingerprint?: string;
  /** EIP-55 address the requester expects at `path`, if given. */
  address?: string;
  origin?: string;
  signData: Uint8Array;
}

/** A parsed (unsigned) micro-eth-signer transaction. */
export type AnyTx = ReturnType<typeof Transaction.fromBytes>;
export type LegacyTx = AnyTx & { type: 'legacy'; raw: TxCoder<'legacy'> };
export type Eip2930Tx = AnyTx & { type: 'eip2930'; raw: TxCoder<'eip2930'> };
export type Eip1559Tx = AnyTx & { type: 'eip1559'; raw: TxCoder<'eip1559'> };

export type EthSignRequestData =
  | (RequestBase & { kind: 'legacy'; tx: LegacyTx })
  | (RequestBase & { kind: 'eip2930'; tx: Eip2930Tx })
  | (RequestBase & { kind: 'eip1559'; tx: Eip1559Tx })
  | (RequestBase & { kind: 'typed-data'; typedData: TypedDataJson })
  | (RequestBase & { kind: 'personal-message'; message: Uint8Array });

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

function uuidText(b: Uint8Array): string {
  const h = toHex(b);
  if (b.length !== 16) return h;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function keypathToPath(p: unknown): string {
  // getPath() renders components as `44'/60'/0'/0/0`; a wildcard shows as `*` and is refused (not a key)
  if (typeof p !== 'string' || p.length === 0) throw new AppError('eth/bad-path');
  const parts = p.split('/');
  if (parts.length > 16) throw new AppError('eth/bad-path');
  for (const part of parts) {
    const m = /^(\d{1,10})('?)$/.exec(part);
    if (!m || Number(m[1]) >= 2 ** 31) throw new AppError('eth/bad-path');
  }
  return ['m', ...parts].join('/');
}

/** Unsigned legacy RLP: strip the pre-EIP-155 placeholder `[…, 0x, 0x, 0x]` some encoders append. */
function normalizeLegacyRlp(bytes: Uint8Array): Uint8Array {
  const items = RLP.decode(bytes);
  if (!Array.isArray(items)) throw new Error('legacy tx is not an RLP list');
  if (items.length === 9) {
    const tail = items.slice(6);
    if (tail.every((x) => isBytes(x) && x.length === 0)) return RLP.encode(items.slice(0, 6));
  }
  return bytes;
}

function decodeTransaction(dataType: 1 | 4, sd: Uint8Array): AnyTx {
  if (sd.length === 0) throw new AppError('eth/bad-transaction');
  if (dataType === 1 && sd[0] < 0xc0) throw new AppError('eth/bad-transaction', { reason: 'not a legacy RLP list' });
  if (dataType === 4 && sd[0] !== 0x01 && sd[0] !== 0x02) {
    // EIP-2718 type byte: 0x03 blob and 0x04 set-code (delegation) transactions are refused.
    if (sd[0] >= 0x03 && sd[0] <= 0x7f) throw new AppError('eth/unsupported-data-type', { txType: sd[0] });
    throw new AppError('eth/bad-transaction');
  }
  let tx: AnyTx;
  try {
    tx = Transaction.fromBytes(dataType === 1 ? normalizeLegacyRlp(sd) : sd, false);
  } catch (e) {
    throw new AppError('eth/bad-transaction', undefined, { cause: e });
  }
  // A request may carry an already-signed payload (seen in the wild); we only ever sign the unsigned form.
  return tx.isSigned ? tx.removeSignature() : tx;
}

/** Parse and shape-check EIP-712 JSON; throws 'eth/bad-typed-data'. */
export function parseTypedDataJson(sd: Uint8Array): TypedDataJson {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(sd));
  } catch (e) {
    throw new AppError('eth/bad-typed-data', { reason: 'not JSON' }, { cause: e });
  }
  const obj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!obj(v) || !obj(v.types) || typeof v.primaryType !== 'string' || !obj(v.message) || !obj(v.domain)) {
    throw new AppError('eth/bad-typed-data', { reason: 'missing types, primaryType, domain or message' });
  }
  for (const [name, fields] of Object.entries(v.types)) {
    if (!Array.isArray(fields) || !fields.every((f) => obj(f) && typeof f.name === 'string' && typeof f.type === 'string')) {
      throw new AppError('eth/bad-typed-data', { reason: `bad type ${name.slice(0, 40)}` });
    }
  }
  if (!Object.hasOwn(v.types, v.primaryType)) throw new AppError('eth/bad-typed-data', { reason: 'unknown primaryType' });
  return v as unknown as TypedDataJson;
}

function decodeRegistry(cbor: Uint8Array): EthSignRequest {
  try {
    const r = EthSignRequest.fromCBOR(Buffer.from(cbor.buffer, cbor.byteOffset, cbor.byteLength));
    return r;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('eth/bad-request', undefined, { cause: e });
  }
}

/**
 * Decode eth-sign-request CBOR bytes. Throws 'eth/request-too-large', 'eth/bad-request',
 * 'eth/unsupported-data-type', 'eth/bad-path', 'eth/bad-transaction', 'eth/bad-typed-data', 'eth/chain-mismatch'.
 */
export function parseEthSignRequest(cbor: Uint8Array): EthSignRequestData {
  if (cbor.length > MAX_ETH_REQUEST_BYTES) throw new AppError('eth/request-too-large', { limit: MAX_ETH_REQUEST_BYTES });
  const r = decodeRegistry(cbor);
  const signData = r.getSignData() as unknown;
  const dataType = r.getDataType() as unknown;
  const chainRaw = r.getChainId() as unknown;
  const idRaw = r.getRequestId() as unknown;
  const addrRaw = r.getSignRequestAddress() as unknown;
  const origin = r.getOrigin() as unknown;
  const fpRaw = r.getSourceFingerprint() as unknown;
  if (!isBytes(signData)) throw new AppError('eth/bad-request', { field: 'sign-data' });
  if (typeof dataType !== 'number' || !Number.isInteger(dataType)) throw new AppError('eth/bad-request', { field: 'data-type' });
  if (dataType < 1 || dataType > 4) throw new AppError('eth/unsupported-data-type', { dataType });
  if (chainRaw !== undefined && !(typeof chainRaw === 'number' && Number.isSafeInteger(chainRaw) && chainRaw > 0) && typeof chainRaw !== 'bigint') {
    throw new AppError('eth/bad-request', { field: 'chain-id' });
  }
  if (idRaw !== undefined && (!isBytes(idRaw) || idRaw.length === 0 || idRaw.length > 64)) {
    throw new AppError('eth/bad-request', { field: 'request-id' });
  }
  if (addrRaw !== undefined && (!isBytes(addrRaw) || addrRaw.length !== 20)) throw new AppError('eth/bad-request', { field: 'address' });
  if (origin !== undefined && typeof origin !== 'string') throw new AppError('eth/bad-request', { field: 'origin' });
  if (fpRaw !== undefined && (!isBytes(fpRaw) || fpRaw.length !== 4)) throw new AppError('eth/bad-request', { field: 'source-fingerprint' });

  const base = {
    requestId: idRaw ? uuidText(idRaw) : undefined,
    requestIdBytes: idRaw ? new Uint8Array(idRaw) : undefined,
    dataType: dataType as EthDataType,
    chainId: chainRaw === undefined ? 1n : BigInt(chainRaw as number | bigint),
    path: keypathToPath(r.getDerivationPath()),
    sourceFingerprint: fpRaw ? toHex(fpRaw) : undefined,
    address: addrRaw ? addr.addChecksum('0x' + toHex(addrRaw)) : undefined,
    origin: origin as string | undefined,
    signData: new Uint8Array(signData),
  };
  if (base.chainId <= 0n) throw new AppError('eth/bad-request', { field: 'chain-id' });

  if (dataType === 2) return { ...base, kind: 'typed-data', typedData: parseTypedDataJson(base.signData) };
  if (dataType === 3) return { ...base, kind: 'personal-message', message: base.signData };
  const tx = decodeTransaction(dataType as 1 | 4, base.signData);
  // The transaction commits to its own chain id; a request claiming another chain is inconsistent.
  const txChain = (tx.raw as { chainId?: bigint }).chainId;
  if (txChain !== undefined && chainRaw !== undefined && txChain !== base.chainId) {
    throw new AppError('eth/chain-mismatch', { request: base.chainId.toString(), transaction: txChain.toString() });
  }
  if (txChain !== undefined) base.chainId = txChain;
  if (tx.type === 'legacy') return { ...base, kind: 'legacy', tx: tx as unknown as LegacyTx };
  if (dataType === 1) throw new AppError('eth/bad-transaction');
  if (tx.type === 'eip2930') return { ...base, kind: 'eip2930', tx: tx as unknown as Eip2930Tx };
  if (tx.type === 'eip1559') return { ...base, kind: 'eip1559', tx: tx as unknown as Eip1559Tx };
  throw new AppError('eth/unsupported-data-type', { txType: tx.type });
}
