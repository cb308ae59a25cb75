/**
 * Test fixtures for shared/ethereum: the BIP-39 "abandon … about" root (Keystone's utils vector:
 * m/44'/60'/0'/0/0 = 0x9858EfFD232B4033E47d90003D41EC34EcaEda94) and eth-sign-requests built exactly as
 * MetaMask's QR keyring (@keystonehq/base-eth-keyring) builds them with EthSignRequest.constructETHRequest.
 */
import { Buffer } from 'buffer';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { EthSignRequest, DataType } from '@keystonehq/bc-ur-registry-eth';
import { Transaction as EthersTx, type TransactionLike } from 'ethers';

export const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export const ADDR0 = '0x9858EfFD232B4033E47d90003D41EC34EcaEda94';
export const ADDR1 = '0x6Fac4D18c912343BF86fa7049364Dd4E424Ab9C0';
export const PATH0 = "m/44'/60'/0'/0/0";
export const REQUEST_ID = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';

export function testRoot(): HDKey {
  return HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
}
export const FP = (testRoot().fingerprint >>> 0).toString(16).padStart(8, '0');

export interface ReqOpts {
  path?: string;
  xfp?: string;
  chainId?: number;
  address?: string;
  requestId?: string;
  origin?: string;
}

/** CBOR of an eth-sign-request as MetaMask's keyring makes it. */
export function buildRequest(signData: Uint8Array, dataType: DataType, o: ReqOpts = {}): Uint8Array {
  const r = EthSignRequest.constructETHRequest(
    Buffer.from(signData),
    dataType,
    o.path ?? PATH0,
    o.xfp ?? FP,
    o.requestId ?? REQUEST_ID,
    o.chainId ?? 1,
    o.address ?? ADDR0,
    o.origin ?? 'metamask',
  );
  return new Uint8Array(r.toCBOR());
}

/** Unsigned serialization (legacy: EIP-155 [..., chainId, 0, 0]; typed: type byte ‖ RLP) via ethers. */
export function unsignedTx(tx: TransactionLike): Uint8Array {
  return Buffer.from(EthersTx.from(tx).unsignedSerialized.slice(2), 'hex');
}

export function txRequest(tx: TransactionLike, o: ReqOpts = {}): Uint8Array {
  const dt = tx.type === 0 ? DataType.transaction : DataType.typedTransaction;
  return buildRequest(unsignedTx(tx), dt, { chainId: Number(tx.chainId ?? 1), ...o });
}

export function typedDataRequest(td: unknown, o: ReqOpts = {}): Uint8Array {
  return buildRequest(Buffer.from(JSON.stringify(td), 'utf8'), DataType.typedData, o);
}

export function messageRequest(msg: Uint8Array | string, o: ReqOpts = {}): Uint8Array {
  const b = typeof msg === 'string' ? Buffer.from(msg, 'utf8') : msg;
  return buildRequest(b, DataType.personalMessage, o);
}

export const TOKEN = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
export const SPENDER = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
export const MAX_UINT = 2n ** 256n - 1n;

export function eip1559(over: Partial<TransactionLike> = {}): TransactionLike {
  return {
    type: 2,
    chainId: 1,
    nonce: 7,
    maxPriorityFeePerGas: 1_000_000_000n,
    maxFeePerGas: 30_000_000_000n,
    gasLimit: 21000n,
    to: '0x96216849c49358B10257cb55b28eA603c874b05E',
    value: 10n ** 17n,
    data: '0x',
    ...over,
  };
}
