/**
 * Ethereum transaction construction for the watch-only companion, and assembly of the station's answer.
 *
 * - EIP-1559 (type 2, EIP-2718 envelope) transfers of ETH, or of an ERC-20 token (calldata
 *   `transfer(address,uint256)` from micro-eth-signer's ERC20 ABI; value 0, `to` = token contract).
 * - The request to the station: EIP-4527 `eth-sign-request` built with @keystonehq/bc-ur-registry-eth
 *   `EthSignRequest.constructETHRequest` exactly as MetaMask's QR keyring does: data type 4 (typed
 *   transaction, unsigned RLP), the address's full derivation path with the source (master)
 *   fingerprint, chain id, request id (UUID v4), the from-address and an origin.
 * - The answer: `eth-signature` (r‖s‖v, v = y-parity for typed transactions; 27/28 tolerated). Its
 *   request id must be ours and the signature must recover to our address, else a clear error.
 * Deliberately does NOT: talk to a node (companion/src/net does), estimate fees, or sign.
 */
import { Buffer } from 'buffer';
import { Transaction, addr } from 'micro-eth-signer';
import { createContract, ERC20 } from 'micro-eth-signer/abi.js';
import { DataType, ETHSignature, EthSignRequest } from '@keystonehq/bc-ur-registry-eth';
import { randomBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { fromHex, toHex } from '../bytes';

export interface EthTxParams {
  chainId: bigint;
  nonce: bigint;
  /** recipient (ETH) or token contract (ERC-20) */
  to: string;
  valueWei: bigint;
  maxFeePerGasWei: bigint;
  maxPriorityFeePerGasWei: bigint;
  gasLimit: bigint;
  /** calldata (ERC-20 transfer) */
  data?: Uint8Array;
}

export interface EthSignRequestBuilt {
  /** eth-sign-request CBOR (UR type `eth-sign-request`) */
  cbor: Uint8Array;
  /** UUID text of the request id */
  requestId: string;
  /** unsigned transaction bytes (EIP-2718 type 2 envelope) */
  unsignedTx: Uint8Array;
}

export interface AssembledTx {
  /** 0x-hex signed raw transaction for eth_sendRawTransaction */
  rawTx: string;
  /** 0x transaction hash */
  hash: string;
  from: string;
}

const erc20 = createContract(ERC20);

/** Checksummed address or 'wallet/bad-address' {network}. Accepts all-lower/upper hex; rejects a bad EIP-55 mix. */
export function checkEthAddress(address: string): string {
  const a = address.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(a)) throw new AppError('wallet/bad-address', { network: 'Ethereum' });
  const body = a.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && !addr.isValid(a)) throw new AppError('wallet/bad-address', { network: 'Ethereum' }); // EIP-55 typo guard
  return addr.addChecksum(a.toLowerCase());
}

/** ERC-20 `transfer(to, amount)` calldata. Throws 'wallet/bad-address'. */
export function erc20TransferData(to: string, amount: bigint): Uint8Array {
  return erc20.transfer.encodeInput({ to: checkEthAddress(to), value: amount });
}

/** `decimals()` / `symbol()` / `balanceOf(owner)` calldata for eth_call. */
export const ERC20_CALLS = {
  decimals: (): Uint8Array => erc20.decimals.encodeInput(),
  symbol: (): Uint8Array => erc20.symbol.encodeInput(),
  balanceOf: (owner: string): Uint8Array => erc20.balanceOf.encodeInput(checkEthAddress(owner)),
};

/** Decode eth_call results of ERC20_CALLS. Throws 'eth/bad-transaction' on malformed output. */
export const ERC20_DECODE = {
  decimals: (out: Uint8Array): number => wrap(() => Number(erc20.decimals.decodeOutput(out))),
  symbol: (out: Uint8Array): string => wrap(() => String(erc20.symbol.decodeOutput(out))),
  balanceOf: (out: Uint8Array): bigint => wrap(() => BigInt(erc20.balanceOf.decodeOutput(out))),
};

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new AppError('eth/bad-transaction', undefined, { cause: e });
  }
}

/** Unsigned EIP-1559 transaction bytes. Throws 'wallet/bad-address', 'eth/bad-transaction'. */
export function buildEip1559Tx(p: EthTxParams): Uint8Array {
  const to = checkEthAddress(p.to);
  if (p.maxPriorityFeePerGasWei > p.maxFeePerGasWei) throw new AppError('eth/bad-transaction', { field: 'maxPriorityFeePerGas' });
  return wrap(() =>
    Transaction.prepare(
      {
        type: 'eip1559',
        to,
        value: p.valueWei,
        nonce: p.nonce,
        maxFeePerGas: p.maxFeePerGasWei,
        maxPriorityFeePerGas: p.maxPriorityFeePerGasWei,
        gasLimit: p.gasLimit,
        chainId: p.chainId,
        data: p.data ? toHex(p.data) : '',
        accessList: [],
      },
      false,
    ).toBytes({ includeSignature: false }),
  );
}

function uuidV4(bytes: Uint8Array): string {
  const b = bytes.slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40; // RFC 4122 version 4
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * eth-sign-request for an unsigned typed transaction, MetaMask-keyring style. `path` is the full path of
 * the from-address (e.g. m/44'/60'/0'/0/0), `fingerprint` the master fingerprint. `requestIdBytes` (16) for tests.
 */
export function createEthSignRequest(args: {
  unsignedTx: Uint8Array;
  chainId: bigint;
  path: string;
  fingerprint: string;
  from: string;
  origin?: string;
  requestIdBytes?: Uint8Array;
}): EthSignRequestBuilt {
  if (!/^[0-9a-f]{8}$/i.test(args.fingerprint)) throw new AppError('keys/bad-xkey', { expected: 'fingerprint of 8 hex digits' });
  const requestId = uuidV4(args.requestIdBytes ?? randomBytes(16));
  const req = EthSignRequest.constructETHRequest(
    Buffer.from(args.unsignedTx),
    DataType.typedTransaction,
    args.path,
    args.fingerprint.toLowerCase(),
    requestId,
    Number(args.chainId),
    checkEthAddress(args.from),
    args.origin ?? 'Airlock companion',
  );
  return { cbor: new Uint8Array(req.toCBOR()), requestId, unsignedTx: args.unsignedTx };
}

function uuidOf(b: Uint8Array | undefined): string | undefined {
  if (!b || b.length !== 16) return undefined;
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Put the station's signature (eth-signature CBOR) into the unsigned transaction and check it.
 * Throws 'eth/bad-request' (not an eth-signature), 'eth/request-id-mismatch', 'eth/wrong-signer' {got, expected},
 * 'eth/bad-transaction'.
 */
export function assembleSignedTx(unsignedTx: Uint8Array, signatureCbor: Uint8Array, expected: { requestId: string; from: string }): AssembledTx {
  let sig: ETHSignature;
  try {
    sig = ETHSignature.fromCBOR(Buffer.from(signatureCbor));
  } catch (e) {
    throw new AppError('eth/bad-request', { field: 'eth-signature' }, { cause: e });
  }
  const rawSig = sig.getSignature() as unknown;
  if (!(rawSig instanceof Uint8Array) || rawSig.length < 65) throw new AppError('eth/bad-request', { field: 'signature' });
  const rsv = new Uint8Array(rawSig);
  const id = uuidOf(sig.getRequestId() ? new Uint8Array(sig.getRequestId()!) : undefined);
  if (id !== expected.requestId) throw new AppError('eth/request-id-mismatch');
  const r = BigInt('0x' + toHex(rsv.subarray(0, 32)));
  const s = BigInt('0x' + toHex(rsv.subarray(32, 64)));
  let v = BigInt('0x' + toHex(rsv.subarray(64)));
  if (v === 27n || v === 28n) v -= 27n; // some signers send 27/28 for typed transactions too
  if (v !== 0n && v !== 1n) throw new AppError('eth/bad-request', { field: 'signature v' });
  const unsigned = wrap(() => Transaction.fromBytes(unsignedTx));
  if (unsigned.type !== 'eip1559') throw new AppError('eth/bad-transaction');
  const signed = wrap(() => new Transaction('eip1559', { ...(unsigned.raw as object), r, s, yParity: Number(v) } as never));
  let from: string;
  try {
    from = signed.recoverSender().address;
  } catch (e) {
    throw new AppError('eth/wrong-signer', { got: 'unknown', expected: checkEthAddress(expected.from) }, { cause: e });
  }
  const want = checkEthAddress(expected.from);
  if (from.toLowerCase() !== want.toLowerCase()) throw new AppError('eth/wrong-signer', { got: from, expected: want });
  return { rawTx: signed.toHex(), hash: signed.hash, from };
}

/** Parse a 0x quantity from JSON-RPC into bigint. Throws 'net/bad-response'. */
export function quantity(hex: unknown): bigint {
  if (typeof hex !== 'string' || !/^0x[0-9a-fA-F]*$/.test(hex)) throw new AppError('net/bad-response', { host: 'node', status: 'bad quantity' });
  return hex === '0x' ? 0n : BigInt(hex);
}

/** Bytes of a 0x data string. */
export function dataBytes(hex: string): Uint8Array {
  return fromHex(hex.replace(/^0x/, ''));
}
