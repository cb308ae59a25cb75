/**
 * Single-key addresses. BIP-86 vectors (bip-0086.mediawiki "Test vectors": internal key → output key,
 * scriptPubKey, address for m/86'/0'/0'/0/0, 0/1 and 1/0) plus bitcoinjs-lib cross-checks per network.
 */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import * as ecc from '@bitcoinerlab/secp256k1';
import * as bitcoin from 'bitcoinjs-lib';
import { singleSigAddress, singleSigOutput } from '../../../shared/bitcoin/address';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { AppError } from '../../../shared/errors';

const BIP86 = [
  ['cc8a4bc64d897bddc5fbc2f670f7a8ba0b386779106cf1223c6fc5d7cd6fc115', '5120a60869f0dbcf1dc659c9cecbaf8050135ea9e8cdc487053f1dc6880949dc684c', 'bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr'],
  ['83dfe85a3151d2517290da461fe2815591ef69f2b18a2ce63f01697a8b313145', '5120a82f29944d65b86ae6b5e5cc75e294ead6c59391a1edc5e016e3498c67fc7bbb', 'bc1p4qhjn9zdvkux4e44uhx8tc55attvtyu358kutcqkudyccelu0was9fqzwh'],
  ['399f1b2f4393f29a18c937859c5dd8a77350103157eb880f02e8c08214277cef', '5120882d74e5d0572d5a816cef0041a96b6c1de832f6f9676d9605c44d5e9a97d3dc', 'bc1p3qkhfews2uk44qtvauqyr2ttdsw7svhkl9nkm9s9c3x4ax5h60wqwruhk7'],
];

describe('BIP-86 key-path taproot outputs', () => {
  BIP86.forEach(([internal, spk, address], i) => {
    it(`bip-0086#${i}: internal key ${internal.slice(0, 8)}…`, () => {
      // either parity of the 33-byte key gives the same x-only internal key
      for (const prefix of ['02', '03']) {
        const out = singleSigOutput('p2tr', hexToBytes(prefix + internal), NETWORKS.mainnet);
        expect(bytesToHex(out.script), `bip-0086#${i} scriptPubKey`).toBe(spk);
        expect(out.address, `bip-0086#${i} address`).toBe(address);
      }
    });
  });
});

describe('BIP-84 first receive address from its pubkey', () => {
  it('bip-0084#0', () => {
    const pub = hexToBytes('0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c');
    expect(singleSigAddress('p2wpkh', pub, NETWORKS.mainnet)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(singleSigAddress('p2wpkh', pub, NETWORKS.regtest)).toMatch(/^bcrt1q/);
    expect(singleSigAddress('p2wpkh', pub, NETWORKS.signet)).toMatch(/^tb1q/);
  });
});

describe('cross-check with bitcoinjs-lib for random keys on every network', () => {
  bitcoin.initEccLib(ecc);
  const nets = { mainnet: bitcoin.networks.bitcoin, testnet: bitcoin.networks.testnet, signet: bitcoin.networks.testnet, regtest: bitcoin.networks.regtest };
  for (const [name, bnet] of Object.entries(nets) as [keyof typeof nets, bitcoin.Network][]) {
    it(name, () => {
      for (let i = 0; i < 5; i++) {
        const pubkey = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), true);
        const n = NETWORKS[name];
        expect(singleSigAddress('p2pkh', pubkey, n)).toBe(bitcoin.payments.p2pkh({ pubkey, network: bnet }).address);
        expect(singleSigAddress('p2wpkh', pubkey, n)).toBe(bitcoin.payments.p2wpkh({ pubkey, network: bnet }).address);
        expect(singleSigAddress('p2sh-p2wpkh', pubkey, n)).toBe(
          bitcoin.payments.p2sh({ redeem: bitcoin.payments.p2wpkh({ pubkey, network: bnet }), network: bnet }).address,
        );
        const tr = bitcoin.payments.p2tr({ internalPubkey: pubkey.slice(1), network: bnet });
        const ours = singleSigOutput('p2tr', pubkey, n);
        expect(ours.address).toBe(tr.address);
        expect(bytesToHex(ours.script)).toBe(bytesToHex(tr.output!));
      }
    });
  }
});

describe('bad keys', () => {
  it('rejects uncompressed or off-curve keys with keys/bad-xkey', () => {
    const unc = secp256k1.getPublicKey(secp256k1.utils.randomSecretKey(), false);
    expect(() => singleSigAddress('p2wpkh', unc, NETWORKS.mainnet)).toThrowError(AppError);
    const bad = new Uint8Array(33).fill(0);
    bad[0] = 2;
    expect(() => singleSigAddress('p2tr', bad, NETWORKS.mainnet)).toThrowError(expect.objectContaining({ code: 'keys/bad-xkey' }));
  });
});
