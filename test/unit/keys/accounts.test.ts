/**
 * Standard accounts for the BIP-39 vector mnemonic "abandon ×11 about" (no passphrase).
 * Expected values are quoted from the BIP texts (bitcoin/bips):
 *   BIP-84 (bip-0084.mediawiki @2382e31f) "Test vectors": account zprv, first receive/change pubkeys + addresses;
 *   BIP-86 (bip-0086.mediawiki @19571278) "Test vectors": account xprv/xpub, first receive/change addresses;
 *   BIP-49 (bip-0049.mediawiki @0297db50) "Test vectors" (testnet): account upub, first receive pubkey + address.
 * BIP-44 and BIP-48 have no vectors: cross-checked with bitcoinjs-lib + bip32 (independent implementation),
 * and the Ethereum address with ethers.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { bytesToHex } from '@noble/hashes/utils.js';
import { BIP32Factory } from 'bip32';
import * as ecc from '@bitcoinerlab/secp256k1';
import * as bitcoin from 'bitcoinjs-lib';
import { HDNodeWallet, Mnemonic } from 'ethers';
import { validateMnemonic } from '../../../shared/keys/mnemonic';
import { derivePath, seedFromEntropy, withRoot } from '../../../shared/keys/hd';
import { deriveAccount, deriveEthAccount, deriveStandardAccounts, type AccountXpub } from '../../../shared/keys/accounts';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { verifyChecksum } from '../../../shared/bitcoin/descriptor';
import { SecretBytes } from '../../../shared/secret';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
function seed(): SecretBytes {
  const r = validateMnemonic(MNEMONIC);
  if (!r.ok) throw new Error('vector mnemonic rejected');
  return seedFromEntropy(r.entropy, '');
}
const SLIP132 = {
  zpub: { public: 0x04b24746, private: 0x04b2430c },
  upub: { public: 0x044a5262, private: 0x044a4e28 },
};
/** Compare key material (pubkey + chain code) of our xpub with an extended key in another encoding. */
function sameKey(ourXpub: string, ourVersions: { public: number; private: number }, other: string, otherVersions: { public: number; private: number }) {
  const a = HDKey.fromExtendedKey(ourXpub, ourVersions);
  const b = HDKey.fromExtendedKey(other, otherVersions);
  expect(bytesToHex(a.publicKey!)).toBe(bytesToHex(b.publicKey!));
  expect(bytesToHex(a.chainCode!)).toBe(bytesToHex(b.chainCode!));
  expect(a.depth).toBe(b.depth);
}

describe('BIP-84 vectors', () => {
  it("bip-0084#account0: m/84'/0'/0' key, first receive and change", () => {
    withRoot(seed(), (root) => {
      const a = deriveAccount(root, NETWORKS.mainnet, 'p2wpkh');
      expect(a.path).toBe("m/84'/0'/0'");
      sameKey(a.xpub, NETWORKS.mainnet.bip32,
        'zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE', SLIP132.zpub);
      expect(a.firstReceiveAddress, 'bip-0084 first receiving address').toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
      expect(bytesToHex(derivePath(root, "m/84'/0'/0'/0/0").publicKey!)).toBe('0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c');
      expect(bytesToHex(derivePath(root, "m/84'/0'/0'/1/0").publicKey!)).toBe('03025324888e429ab8e3dbaf1f7802648b9cd01e9b418485c5fa4c1b9b5700e1a6');
    });
  });
});

describe('BIP-86 vectors', () => {
  it("bip-0086#account0: m/86'/0'/0' xpub and first receive address", () => {
    withRoot(seed(), (root) => {
      expect(root.publicExtendedKey, 'bip-0086 rootpub').toBe('xpub661MyMwAqRbcFkPHucMnrGNzDwb6teAX1RbKQmqtEF8kK3Z7LZ59qafCjB9eCRLiTVG3uxBxgKvRgbubRhqSKXnGGb1aoaqLrpMBDrVxga8');
      const a = deriveAccount(root, NETWORKS.mainnet, 'p2tr');
      expect(a.xpub, 'bip-0086 account xpub').toBe('xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ');
      expect(a.firstReceiveAddress, 'bip-0086 first receiving address').toBe('bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr');
    });
  });
});

describe('BIP-49 vectors (testnet)', () => {
  it("bip-0049#account0: m/49'/1'/0' upub and first receive address", () => {
    withRoot(seed(), (root) => {
      const a = deriveAccount(root, NETWORKS.testnet, 'p2sh-p2wpkh');
      expect(a.path).toBe("m/49'/1'/0'");
      expect(a.xpub).toMatch(/^tpub/);
      sameKey(a.xpub, NETWORKS.testnet.bip32,
        'upub5EFU65HtV5TeiSHmZZm7FUffBGy8UKeqp7vw43jYbvZPpoVsgU93oac7Wk3u6moKegAEWtGNF8DehrnHtv21XXEMYRUocHqguyjknFHYfgY', SLIP132.upub);
      expect(bytesToHex(derivePath(root, "m/49'/1'/0'/0/0").publicKey!)).toBe('03a1af804ac108a8a51782198c2d034b28bf90c8803f5a53f76276fa69a4eae77f');
      expect(a.firstReceiveAddress, 'bip-0049 address').toBe('2Mww8dCYPUpKHofjgcXcBCEGmniw9CoaiD2');
    });
  });
});

describe('cross-check with bitcoinjs-lib + bip32 (BIP-44, 48, 49, 84, 86 on all networks)', () => {
  bitcoin.initEccLib(ecc);
  const bip32 = BIP32Factory(ecc);
  const cases = [
    ['mainnet', bitcoin.networks.bitcoin],
    ['testnet', bitcoin.networks.testnet],
    ['regtest', bitcoin.networks.regtest],
  ] as const;
  for (const [name, bnet] of cases) {
    for (const account of [0, 1]) {
      it(`${name} account ${account}`, () => {
        const net = NETWORKS[name];
        let ours: AccountXpub[] = [];
        const s = seed();
        const seedBytes = s.use((b) => b.slice());
        withRoot(s, (root) => (ours = deriveStandardAccounts(root, net, account)));
        const ref = bip32.fromSeed(seedBytes, bnet);
        const byType = Object.fromEntries(ours.map((a) => [a.scriptType, a]));
        const c = net.coinType;
        const expectAccount = (type: string, path: string, addr: ((pub: Uint8Array) => string | undefined) | null) => {
          const a = byType[type];
          const node = ref.derivePath(path);
          expect(a.path, `${name}/${type}`).toBe(path);
          expect(a.xpub, `${name}/${type} xpub`).toBe(node.neutered().toBase58());
          expect(a.fingerprint).toBe(bytesToHex(ref.fingerprint));
          if (addr) {
            expect(a.firstReceiveAddress, `${name}/${type} address`).toBe(addr(node.derive(0).derive(0).publicKey));
            expect(verifyChecksum(a.descriptor!), `${name}/${type} descriptor checksum`).toContain(`[${a.fingerprint}/${path.slice(2)}]${a.xpub}/<0;1>/*`);
          } else {
            expect(a.descriptor).toBeNull();
            expect(a.firstReceiveAddress).toBeNull();
          }
        };
        expectAccount('p2pkh', `m/44'/${c}'/${account}'`, (pubkey) => bitcoin.payments.p2pkh({ pubkey, network: bnet }).address);
        expectAccount('p2sh-p2wpkh', `m/49'/${c}'/${account}'`, (pubkey) =>
          bitcoin.payments.p2sh({ redeem: bitcoin.payments.p2wpkh({ pubkey, network: bnet }), network: bnet }).address);
        expectAccount('p2wpkh', `m/84'/${c}'/${account}'`, (pubkey) => bitcoin.payments.p2wpkh({ pubkey, network: bnet }).address);
        expectAccount('p2tr', `m/86'/${c}'/${account}'`, (pubkey) =>
          bitcoin.payments.p2tr({ internalPubkey: bitcoin.toXOnly(pubkey), network: bnet }).address);
        expectAccount('p2wsh-multi', `m/48'/${c}'/${account}'/2'`, null);
        expect(ours.map((a) => a.scriptType)).toEqual(['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr', 'p2wsh-multi']);
      });
    }
  }
});

describe('Ethereum account', () => {
  it("m/44'/60'/0' xpub and EIP-55 address of …/0/0 match ethers", () => {
    let eth: ReturnType<typeof deriveEthAccount> | undefined;
    withRoot(seed(), (root) => (eth = deriveEthAccount(root)));
    const acct = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(MNEMONIC), "m/44'/60'/0'");
    expect(eth!.path).toBe("m/44'/60'/0'");
    expect(eth!.xpub).toBe(acct.neuter().extendedKey);
    expect(eth!.firstAddress).toBe(acct.derivePath('0/0').address);
    expect(eth!.firstAddress).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
    expect(eth!.fingerprint).toBe('73c5da0a');
  });
});

describe('no private material leaves account derivation', () => {
  it('JSON of accounts has no xprv/tprv', () => {
    withRoot(seed(), (root) => {
      const json = JSON.stringify([deriveStandardAccounts(root, NETWORKS.mainnet), deriveStandardAccounts(root, NETWORKS.testnet), deriveEthAccount(root)]);
      expect(json).not.toMatch(/[xt]prv/);
      expect(json).not.toContain(root.privateExtendedKey);
    });
  });
});
