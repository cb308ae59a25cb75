/**
 * Companion Ethereum construction (shared/ethereum/build-tx.ts): the eth-sign-request we build is read
 * by the station's parser and by the Keystone registry like MetaMask's keyring output; the station signs
 * it; the assembled transaction recovers to our address (checked with ethers, independent); wrong key,
 * wrong request id and bad addresses give clear errors. ERC-20 calldata decoded by ethers.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Buffer } from 'buffer';
import { EthSignRequest } from '@keystonehq/bc-ur-registry-eth';
import { Interface, Transaction as EthersTx, getAddress } from 'ethers';
import { AppError } from '../../../shared/errors';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { reviewEthRequest } from '../../../shared/ethereum/review';
import { signEthRequest, encodeEthSignature } from '../../../shared/ethereum/sign';
import { ethAccountAddresses, ethAccountKey } from '../../../shared/ethereum/account-export';
import {
  assembleSignedTx, buildEip1559Tx, checkEthAddress, createEthSignRequest, erc20TransferData, ERC20_CALLS, ERC20_DECODE,
} from '../../../shared/ethereum/build-tx';
import { codeOf } from '../support/error-code';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const other = HDKey.fromMasterSeed(mnemonicToSeedSync('legal winner thank year wave sausage worth useful legal winner thank yellow'));
const acct = ethAccountKey(root);
const FROM = ethAccountAddresses(acct.xpub, 1)[0].address;
const TO = '0x8ba1f109551bD432803012645Ac136ddd64DBA72';

function request(data?: Uint8Array, to = TO, valueWei = 10n ** 17n) {
  const unsignedTx = buildEip1559Tx({ chainId: 31337n, nonce: 3n, to, valueWei, maxFeePerGasWei: 30n * 10n ** 9n, maxPriorityFeePerGasWei: 10n ** 9n, gasLimit: data ? 60_000n : 21_000n, data });
  return createEthSignRequest({ unsignedTx, chainId: 31337n, path: "m/44'/60'/0'/0/0", fingerprint: acct.fingerprint, from: FROM, requestIdBytes: new Uint8Array(16).fill(9) });
}

describe('eth-sign-request → station → assembled transaction', () => {
  it('ETH transfer: station parses our request, signs it, ethers recovers our address from the assembled tx', () => {
    const req = request();
    const parsed = parseEthSignRequest(req.cbor);
    expect(parsed.kind).toBe('eip1559');
    expect(parsed.dataType).toBe(4);
    expect(parsed.path).toBe("m/44'/60'/0'/0/0");
    expect(parsed.sourceFingerprint).toBe(acct.fingerprint);
    expect(parsed.address).toBe(FROM);
    expect(parsed.requestId).toBe(req.requestId);
    expect(parsed.chainId).toBe(31337n);
    // Keystone's own decoder (what MetaMask's keyring uses) reads the same fields
    const k = EthSignRequest.fromCBOR(Buffer.from(req.cbor));
    expect(k.getDerivationPath()).toBe("44'/60'/0'/0/0");
    expect(k.getSourceFingerprint().toString('hex')).toBe(acct.fingerprint);

    const review = reviewEthRequest(parsed, { root });
    const sig = signEthRequest(req.cbor, root, review);
    const out = assembleSignedTx(req.unsignedTx, sig.cbor, { requestId: req.requestId, from: FROM });
    const e = EthersTx.from(out.rawTx);
    expect(e.from).toBe(getAddress(FROM));
    expect(e.to).toBe(getAddress(TO));
    expect(e.value).toBe(10n ** 17n);
    expect(e.nonce).toBe(3);
    expect(e.chainId).toBe(31337n);
    expect(e.type).toBe(2);
    expect(out.hash).toBe(e.hash);
    expect(out.hash).toBe(sig.hash);
  });

  it('ERC-20 transfer: calldata decodes (ethers) to transfer(to, amount); value 0 to the token contract', () => {
    const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    const data = erc20TransferData(TO, 1234n);
    const iface = new Interface(['function transfer(address to, uint256 amount)']);
    const d = iface.decodeFunctionData('transfer', data);
    expect(d[0]).toBe(getAddress(TO));
    expect(d[1]).toBe(1234n);
    const req = request(data, token, 0n);
    const sig = signEthRequest(req.cbor, root, reviewEthRequest(parseEthSignRequest(req.cbor), { root }));
    const e = EthersTx.from(assembleSignedTx(req.unsignedTx, sig.cbor, { requestId: req.requestId, from: FROM }).rawTx);
    expect(e.to).toBe(getAddress(token));
    expect(e.data).toBe('0x' + Buffer.from(data).toString('hex'));
    expect(ERC20_DECODE.decimals(new Uint8Array(32).map((_, i) => (i === 31 ? 6 : 0)))).toBe(6);
    expect(ERC20_CALLS.decimals()).toEqual(new Uint8Array([0x31, 0x3c, 0xe5, 0x67]));
  });

  it('signature from another key is refused as wrong signer (both addresses named)', () => {
    const req = request();
    // a station holding another seed signs the same bytes (fingerprint check bypassed by signing directly)
    const otherKey = other.derive("m/44'/60'/0'/0/0");
    const parsed = parseEthSignRequest(req.cbor);
    const signed = (parsed as { tx: { signBy: (k: Uint8Array, e: boolean) => { raw: { r: bigint; s: bigint; yParity: number } } } }).tx.signBy(otherKey.privateKey!, false);
    const rsv = new Uint8Array(65);
    rsv.set(Buffer.from(signed.raw.r.toString(16).padStart(64, '0'), 'hex'), 0);
    rsv.set(Buffer.from(signed.raw.s.toString(16).padStart(64, '0'), 'hex'), 32);
    rsv[64] = signed.raw.yParity;
    try {
      assembleSignedTx(req.unsignedTx, encodeEthSignature(rsv, parsed.requestIdBytes), { requestId: req.requestId, from: FROM });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('eth/wrong-signer');
      expect((e as AppError).detail?.expected).toBe(FROM);
    }
  });

  it('answer to another request id is refused', () => {
    const req = request();
    const sig = signEthRequest(req.cbor, root, reviewEthRequest(parseEthSignRequest(req.cbor), { root }));
    expect(codeOf(() => assembleSignedTx(req.unsignedTx, sig.cbor, { requestId: '00000000-0000-4000-8000-000000000000', from: FROM }))).toBe('eth/request-id-mismatch');
    expect(codeOf(() => assembleSignedTx(req.unsignedTx, new Uint8Array([1, 2, 3]), { requestId: req.requestId, from: FROM }))).toBe('eth/bad-request');
  });

  it('addresses: lower-case accepted, bad EIP-55 checksum and junk refused', () => {
    expect(checkEthAddress(TO.toLowerCase())).toBe(TO);
    expect(codeOf(() => checkEthAddress(TO.replace('b', 'B')))).toBe('wallet/bad-address');
    expect(codeOf(() => checkEthAddress('0x1234'))).toBe('wallet/bad-address');
    expect(codeOf(() => buildEip1559Tx({ chainId: 1n, nonce: 0n, to: TO, valueWei: 1n, maxFeePerGasWei: 1n, maxPriorityFeePerGasWei: 2n, gasLimit: 21_000n }))).toBe('eth/bad-transaction');
  });
});
