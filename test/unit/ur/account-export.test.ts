/**
 * Account export as UR, checked with the parsers the importing wallets use:
 * @keystonehq/bc-ur-registry CryptoAccount/CryptoHDKey (Keystone, MetaMask's QR keyring) and the
 * Hummingbird (Sparrow) rule set for tags 409/410. Keys from "abandon … about" (BIP-39 test seed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'buffer';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { hex } from '@scure/base';
import { CryptoAccount, CryptoHDKey as KsHDKey, ScriptExpressions, decodeToDataItem } from '@keystonehq/bc-ur-registry';
import { CryptoHDKey as EthHDKey, generateAddressFromXpub } from '@keystonehq/bc-ur-registry-eth';
import ur from '../../vectors/ur.json';
import eip from '../../vectors/eip4527.json';
import { parseUr } from '../../../shared/ur/bcur-adapter';
import { decodeAccountUr, decodeHdkeyCbor, encodeCryptoAccountUr, encodeEthHdkeyUr, type ExportAccount } from '../../../shared/ur/account-export';
import type { ScriptType } from '../../../shared/keys/paths';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
const FP = '73c5da0a';
const TEST_VERSIONS = { public: 0x043587cf, private: 0x04358394 };
function account(scriptType: ScriptType, path: string, testnet = false): ExportAccount {
  const k = root.derive(path);
  const pub = new HDKey({ versions: testnet ? TEST_VERSIONS : undefined, depth: k.depth, index: k.index, parentFingerprint: k.parentFingerprint, chainCode: k.chainCode!, publicKey: k.publicKey! });
  return { path, scriptType, xpub: pub.publicExtendedKey };
}
const MAIN: ExportAccount[] = [
  account('p2pkh', "m/44'/0'/0'"),
  account('p2sh-p2wpkh', "m/49'/0'/0'"),
  account('p2wpkh', "m/84'/0'/0'"),
  account('p2tr', "m/86'/0'/0'"),
  account('p2wsh-multi', "m/48'/0'/0'/2'"),
];
const cborOf = (text: string) => {
  const p = parseUr(text);
  if (p.kind !== 'single') throw new Error(p.kind);
  return Buffer.from(p.cbor);
};

describe('ur:crypto-account (BCR-2020-015) for Sparrow/Keystone', () => {
  it('BIP-84 account xpub is the BIP-84 reference one (sanity of the fixture)', () => {
    expect(MAIN[2].xpub).toBe('xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V');
  });
  it("Keystone's CryptoAccount parser reads every field of the single-sig outputs", () => {
    const text = encodeCryptoAccountUr(FP, MAIN.slice(0, 3), 'mainnet');
    expect(text.startsWith('ur:crypto-account/')).toBe(true);
    const acc = CryptoAccount.fromCBOR(cborOf(text));
    expect(acc.getMasterFingerprint().toString('hex')).toBe(FP);
    const outs = acc.getOutputDescriptors();
    expect(outs.map((o) => o.getScriptExpressions().map((s) => s.getExpression()).join('('))).toEqual(['pkh', 'sh(wpkh', 'wpkh']);
    outs.forEach((o, i) => {
      const hd = o.getHDKey();
      const label = MAIN[i].path;
      expect(hd.getBip32Key(), label).toBe(MAIN[i].xpub);
      expect('m/' + hd.getOrigin().getPath(), label).toBe(MAIN[i].path);
      expect(hd.getOrigin().getSourceFingerprint().toString('hex'), label).toBe(FP);
      expect(hd.getOrigin().getDepth(), label).toBe(3);
      expect(o.toString(), label).toBe(`${['pkh', 'sh(wpkh', 'wpkh'][i]}(${FP}/${MAIN[i].path.slice(2)}${MAIN[i].xpub})${i === 1 ? ')' : ''}`);
    });
  });
  describe('with tags 409 (tr) and 410 (cosigner) known, as in Sparrow/Hummingbird', () => {
    const se = ScriptExpressions as unknown as Record<string, unknown>;
    const ctor = ScriptExpressions.SCRIPT_HASH.constructor as new (t: number, e: string) => unknown;
    beforeAll(() => {
      se.TAPROOT_TEST = new ctor(409, 'tr');
      se.COSIGNER_TEST = new ctor(410, 'cosigner');
    });
    afterAll(() => {
      delete se.TAPROOT_TEST;
      delete se.COSIGNER_TEST;
    });
    it('all five outputs parse: pkh, sh(wpkh), wpkh, tr, wsh(cosigner) with their xpubs', () => {
      const acc = CryptoAccount.fromCBOR(cborOf(encodeCryptoAccountUr(FP, MAIN, 'mainnet')));
      const outs = acc.getOutputDescriptors();
      expect(outs.map((o) => o.getScriptExpressions().map((s) => s.getTag()))).toEqual([[403], [400, 404], [404], [409], [401, 410]]);
      expect(outs.map((o) => o.getHDKey().getBip32Key())).toEqual(MAIN.map((a) => a.xpub));
    });
  });
  it('outputs are not wrapped in tag 308 (Keystone rejects it); keys are tag 303 with parent fingerprint', () => {
    const di = decodeToDataItem(cborOf(encodeCryptoAccountUr(FP, MAIN, 'mainnet')));
    const outs = (di.getData() as Record<number, { getTag(): number }[]>)[2];
    expect(outs.map((o) => o.getTag())).toEqual([403, 400, 404, 409, 401]);
  });
  it('our decoder round-trips all five (mainnet and testnet tpubs)', () => {
    expect(decodeAccountUr(encodeCryptoAccountUr(FP, MAIN, 'mainnet'))).toEqual(MAIN.map((a) => ({ ...a, fingerprint: FP })));
    const TEST = [account('p2wpkh', "m/84'/1'/0'", true), account('p2tr', "m/86'/1'/0'", true)];
    expect(TEST[0].xpub.startsWith('tpub')).toBe(true);
    expect(decodeAccountUr(encodeCryptoAccountUr(FP, TEST, 'testnet'))).toEqual(TEST.map((a) => ({ ...a, fingerprint: FP })));
  });
  it('ur.json#examples.bcr_2020_015_crypto_account[0]: the BCR example (tag 308 outputs) decodes; BIP-45/48-1 outputs skipped', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const ex = (ur as any).examples.bcr_2020_015_crypto_account[0];
    const got = decodeAccountUr(ex.ur);
    expect(got.map((a) => [a.path, a.scriptType, a.fingerprint])).toEqual([
      ["m/44'/0'/0'", 'p2pkh', '37b5eed4'],
      ["m/49'/0'/0'", 'p2sh-p2wpkh', '37b5eed4'],
      ["m/84'/0'/0'", 'p2wpkh', '37b5eed4'],
      ["m/48'/0'/0'/2'", 'p2wsh-multi', '37b5eed4'],
      ["m/86'/0'/0'", 'p2tr', '37b5eed4'],
    ]);
    expect(got.every((a) => a.xpub.startsWith('xpub'))).toBe(true);
  });
  it('refuses an xpub whose depth does not match its path, and a bad fingerprint', () => {
    expect(() => encodeCryptoAccountUr(FP, [{ ...MAIN[0], path: "m/44'/0'" }], 'mainnet')).toThrow();
    expect(() => encodeCryptoAccountUr('xyz', MAIN, 'mainnet')).toThrow();
  });
});

describe("ur:crypto-hdkey for MetaMask's QR keyring (m/44'/60'/0')", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const utils = (eip as any).vectors.find((v: any) => v.id === 'keystone-ts/utils');
  const eth = account('p2pkh', "m/44'/60'/0'");
  it('eip4527.json#keystone-ts/utils: fixture xpub equals the vector xpub', () => {
    expect(eth.xpub).toBe(utils.inputs.xpub);
  });
  it('parses with @keystonehq/bc-ur-registry-eth: xpub, origin, fingerprint, children, name, note; addresses derive', () => {
    const text = encodeEthHdkeyUr(FP, eth.xpub);
    expect(text.startsWith('ur:crypto-hdkey/')).toBe(true);
    const hd = EthHDKey.fromCBOR(cborOf(text));
    expect(hd.getBip32Key()).toBe(eth.xpub);
    expect(hd.getOrigin().getPath()).toBe("44'/60'/0'");
    expect(hd.getOrigin().getSourceFingerprint().toString('hex')).toBe(FP);
    expect(hd.getChildren().getPath()).toBe('0/*');
    expect(hd.getName()).toBe('Airlock');
    expect(hd.getNote()).toBe('account.standard');
    expect(hd.isMaster()).toBe(false);
    expect(hd.getKey().length).toBe(33);
    expect(generateAddressFromXpub(hd.getBip32Key(), 'm/0/0').toLowerCase()).toBe(utils.expected['m/0/0'].toLowerCase());
    expect(generateAddressFromXpub(hd.getBip32Key(), 'm/0/1').toLowerCase()).toBe(utils.expected['m/0/1'].toLowerCase());
  });
  it('same core fields as Keystone\'s own ETH hdkey vector shape (key 3, chain code 4, origin 6, parent fp 8)', () => {
    const map = decodeToDataItem(cborOf(encodeEthHdkeyUr(FP, eth.xpub))).getData() as Record<number, unknown>;
    expect(Object.keys(map).map(Number).sort((a, b) => a - b)).toEqual([3, 4, 6, 7, 8, 9, 10]);
    expect(decodeHdkeyCbor(new Uint8Array(cborOf(encodeEthHdkeyUr(FP, eth.xpub))))).toEqual({ path: "m/44'/60'/0'", xpub: eth.xpub, fingerprint: FP, name: 'Airlock' });
  });
  it('eip4527.json#3: decodes Keystone\'s ETH crypto-hdkey vector', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const v = (eip as any).vectors[3];
    const d = decodeHdkeyCbor(hex.decode(v.expected.payload_cbor_hex_derived));
    expect(d.path).toBe("m/44'/60'/0'");
    expect(d.fingerprint).toBe(v.inputs.origin_source_fingerprint_hex);
    expect(KsHDKey.fromCBOR(Buffer.from(hex.decode(v.expected.payload_cbor_hex_derived))).getBip32Key()).toBe(d.xpub);
  });
});
