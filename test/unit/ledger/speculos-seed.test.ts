/**
 * The recordings checked INDEPENDENTLY of Ledger code, from the public speculos seed the vector files
 * name, with @scure/bip32, @noble/curves, @noble/hashes, @scure/btc-signer (sighash) and micro-eth-signer:
 * master fingerprint, recorded xpubs and policy keys, wallet-policy HMACs (SLIP-21 node
 * "\0LEDGER-Wallet policy", HMAC-SHA256 over the wallet id), ECDSA signatures reproduced byte for byte
 * (RFC 6979, low-S), the taproot script-path signature verified (BIP-340, random aux: not reproducible).
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { secp256k1, schnorr } from '@noble/curves/secp256k1.js';
import { OutScript } from '@scure/btc-signer';
import { Transaction, addr } from 'micro-eth-signer';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { fromBase64, fromHex, toHex, utf8ToBytes } from '../../../shared/bytes';
import { parsePsbt } from '../../../shared/bitcoin/psbt';
import { policyId } from '../../../shared/ledger/btc';
import { SPECULOS_MNEMONIC, load } from './replay';

const seed = mnemonicToSeedSync(SPECULOS_MNEMONIC);
const root = HDKey.fromMasterSeed(seed, NETWORKS.testnet.bip32);
const sp = load('btc-sign-psbt.json');
const wp = load('btc-wallet-policy.json');
const eth = load('eth.json');

/** SLIP-21: master = HMAC-SHA512("Symmetric key seed", seed); child = HMAC-SHA512(chain code, 0x00 ‖ label); key = bytes 32..64. */
function slip21Key(labels: string[]): Uint8Array {
  let node = hmac(sha512, utf8ToBytes('Symmetric key seed'), seed);
  for (const l of labels) node = hmac(sha512, node.subarray(0, 32), new Uint8Array([0, ...utf8ToBytes(l)]));
  return node.subarray(32, 64);
}
const POLICY_KEY = slip21Key(['LEDGER-Wallet policy']);

describe('speculos seed ⇒ recorded public keys', () => {
  it('master fingerprint is f5acc2fd (btc-sign-psbt.json masterFingerprint)', () => {
    expect((root.fingerprint >>> 0).toString(16).padStart(8, '0')).toBe(sp.masterFingerprint);
  });
  for (const [i, g] of wp.getExtendedPubkey.entries()) {
    if (!String(g.seed).startsWith('speculos')) continue;
    it(`btc-wallet-policy.json#getExtendedPubkey ${i} ${g.derivation_path}`, () => {
      expect(root.derive(g.derivation_path).publicExtendedKey).toBe(g.result);
    });
  }
  const ourKeys = [...sp.cases.flatMap((c: { policy: { keys: string[] } }) => c.policy.keys), ...wp.registerWallet.keys].filter((k: string) => k.startsWith('[f5acc2fd'));
  for (const k of ourKeys) {
    it(`policy key ${k.slice(0, 32)}… derives from the seed`, () => {
      const m = /^\[f5acc2fd((?:\/[0-9]+'?)*)\](.*)$/.exec(k)!;
      expect(root.derive('m' + m[1]).publicExtendedKey).toBe(m[2]);
    });
  }
  it("eth.json: m/44'/60'/0'/0/0 is 0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D", () => {
    expect(addr.fromPublicKey(root.derive("m/44'/60'/0'/0/0").publicKey!)).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D');
  });
});

describe('wallet-policy HMACs (SLIP-21) from the seed', () => {
  it('btc-wallet-policy.json registerWallet "Cold storage": HMAC(walletId) = recorded HMAC', () => {
    const r = wp.registerWallet;
    expect(policyId({ name: r.name, descriptorTemplate: r.descriptorTemplate, keys: r.keys })).toBe(r.expected.walletId);
    expect(toHex(hmac(sha256, POLICY_KEY, fromHex(r.expected.walletId)))).toBe(r.expected.walletHmac);
  });
  for (const c of sp.cases.filter((x: { walletHmac: string | null }) => x.walletHmac)) {
    it(`btc-sign-psbt.json ${c.id}: HMAC(policy id) = recorded walletHmac`, () => {
      const id = policyId({ name: c.policy.name, descriptorTemplate: c.policy.descriptorTemplate, keys: c.policy.keys });
      expect(toHex(hmac(sha256, POLICY_KEY, fromHex(id)))).toBe(c.walletHmac);
    });
  }
});

describe('recorded signatures from the seed', () => {
  const ecdsaCase = (id: string, path: string) => it(`btc-sign-psbt.json ${id}: RFC 6979 low-S ECDSA over the BIP-143 sighash with ${path} = recorded bytes`, () => {
    const c = sp.cases.find((x: { id: string }) => x.id === id);
    const { tx } = parsePsbt(fromBase64(c.psbtV0));
    const inp = tx.getInput(0);
    const key = root.derive(path);
    expect(toHex(key.publicKey!)).toBe(c.expected[0].pubkey);
    const prev = inp.witnessUtxo!;
    const scriptCode = inp.witnessScript ?? OutScript.encode({ type: 'pkh', hash: ripemd160(sha256(key.publicKey!)) });
    const msg = tx.preimageWitnessV0(0, scriptCode, 1, prev.amount);
    const der = secp256k1.sign(msg, key.privateKey!, { prehash: false, lowS: true, format: 'der' });
    expect(toHex(der) + '01').toBe(c.expected[0].signature);
  });
  ecdsaCase('sh-wpkh-default', "m/49'/1'/0'/1/0");
  ecdsaCase('wsh-miniscript-liana-registered', 'm/0/111');

  it('btc-sign-psbt.json tr-scriptpath-registered: BIP-340 signature verifies for the seed key over the BIP-341 leaf sighash', () => {
    const c = sp.cases.find((x: { id: string }) => x.id === 'tr-scriptpath-registered');
    const { tx } = parsePsbt(fromBase64(c.psbtV0));
    const inp = tx.getInput(0);
    const xonly = root.derive("m/48'/1'/0'/2'/0/0").publicKey!.subarray(1);
    expect(toHex(xonly)).toBe(c.expected[0].pubkey);
    const [, scriptVer] = inp.tapLeafScript![0];
    const sig = fromHex(c.expected[0].signature);
    expect(sig.length).toBe(65); // 64-byte BIP-340 signature ‖ sighash type (0x01, SIGHASH_ALL)
    const msg = tx.preimageWitnessV1(0, [inp.witnessUtxo!.script], sig[64], [inp.witnessUtxo!.amount], undefined, scriptVer.subarray(0, -1), scriptVer[scriptVer.length - 1]);
    expect(schnorr.verify(sig.subarray(0, 64), msg, xonly)).toBe(true);
    expect(schnorr.verify(sig.subarray(0, 64), msg.map((b, i) => (i === 0 ? b ^ 1 : b)), xonly)).toBe(false);
  });

  it('eth.json eip1559-speculos-seed: RFC 6979 low-S signature with the seed key = recorded r, s, v', () => {
    const c = eth.cases.find((x: { id: string }) => x.id === 'eip1559-speculos-seed');
    const signed = Transaction.fromHex('0x' + c.call.rawTxHex, false).signBy(root.derive("m/44'/60'/0'/0/0").privateKey!, false);
    const raw = signed.raw as { r: bigint; s: bigint; yParity: number };
    expect([raw.r.toString(16).padStart(64, '0'), raw.s.toString(16).padStart(64, '0'), raw.yParity.toString(16).padStart(2, '0')]).toEqual([c.expected.r, c.expected.s, c.expected.v]);
  });
});
