/**
 * Multisig wallets: descriptor (BIP-380 checksum, BIP-383 multi/sortedmulti, BIP-389 `/<0;1>/*`),
 * Coldcard/Sparrow text file, BSMS (BIP-129); scripts cross-checked against bitcoinjs-lib; isCosigner;
 * our BIP-48 cosigner export.
 */
import { describe, expect, it, vi } from 'vitest';
import { HDKey } from '@scure/bip32';
import { AppError } from '../../../shared/errors';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { addChecksum } from '../../../shared/bitcoin/descriptor';
import {
  exportCosignerText, isCosigner, multisigAddress, multisigScripts, parseMultisigWallet, walletDescriptor,
} from '../../../shared/bitcoin/multisig';
import { descriptorOf, jsMultisig, ourRoot, toWallet, bitcoin, BNET, jsRoot, other1 } from './fixtures';
import { codeOf } from '../support/error-code';

const NET = NETWORKS.testnet;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function jsAddress(w: ReturnType<typeof jsMultisig>, chain: number, index: number): string {
  let pubs = w.keys.map((k) => k.root.derivePath(`${k.path}/${chain}/${index}`).publicKey);
  if (w.sorted) pubs = [...pubs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const ms = bitcoin.payments.p2ms({ m: w.m, pubkeys: pubs, network: BNET });
  if (w.type === 'p2sh') return bitcoin.payments.p2sh({ redeem: ms, network: BNET }).address!;
  const wsh = bitcoin.payments.p2wsh({ redeem: ms, network: BNET });
  return w.type === 'p2wsh' ? wsh.address! : bitcoin.payments.p2sh({ redeem: wsh, network: BNET }).address!;
}

describe('descriptor wallets', () => {
  for (const type of ['p2wsh', 'p2sh-p2wsh', 'p2sh'] as const) {
    for (const sorted of [true, false]) {
      it(`${type} ${sorted ? 'sortedmulti' : 'multi'}: parsed, checksum verified, addresses equal bitcoinjs-lib's`, () => {
        const jw = jsMultisig(type, sorted);
        const w = parseMultisigWallet(addChecksum(descriptorOf(jw)), NET);
        expect(w, type).toMatchObject({ threshold: 2, scriptType: type, sorted });
        expect(w.cosigners, 'cosigners').toEqual(toWallet(jw).cosigners);
        for (const [c, i] of [[0, 0], [1, 5], [0, 17]]) expect(multisigAddress(w, c, i, NET), `${type} ${c}/${i}`).toBe(jsAddress(jw, c, i));
        expect(walletDescriptor(w), 'round trip').toBe(addChecksum(descriptorOf(jw)));
        expect(isCosigner(w, ourRoot(), NET), 'we are a cosigner').toBe(true);
      });
    }
  }

  it('a wrong checksum is refused', () => {
    const d = addChecksum(descriptorOf(jsMultisig('p2wsh')));
    const bad = d.slice(0, -1) + (d.endsWith('q') ? 'p' : 'q');
    expect(codeOf(() => parseMultisigWallet(bad, NET))).toBe('descriptor/bad-checksum');
  });

  it('keys of the other network are refused (keys/wrong-network)', () => {
    expect(codeOf(() => parseMultisigWallet(descriptorOf(jsMultisig('p2wsh')), NETWORKS.mainnet))).toBe('keys/wrong-network');
  });

  it('/0/* suffix and h-hardened origins are accepted', () => {
    const d = descriptorOf(jsMultisig('p2wsh')).replace(/\/<0;1>\/\*/g, '/0/*').replace(/'/g, 'h');
    expect(parseMultisigWallet(d, NET).cosigners[0].path).toBe("m/48'/1'/0'/2'");
  });

  it('a wallet without our key: isCosigner is false', () => {
    const jw = jsMultisig('p2wsh');
    const foreign = { ...jw, keys: [{ root: other1, path: "m/48'/1'/5'/2'" }, jw.keys[1], jw.keys[2]] };
    expect(isCosigner(parseMultisigWallet(descriptorOf(foreign), NET), ourRoot(), NET)).toBe(false);
  });

  it('isCosigner wipes the private keys it derives to compare', () => {
    const w = parseMultisigWallet(descriptorOf(jsMultisig('p2wsh')), NET);
    const original = HDKey.prototype.derive;
    const derived: HDKey[] = [];
    const spy = vi.spyOn(HDKey.prototype, 'derive').mockImplementation(function (this: HDKey, path: string) {
      const child = original.call(this, path);
      derived.push(child);
      return child;
    });
    try {
      expect(isCosigner(w, ourRoot(), NET)).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect(derived.length, 'derived our cosigner key').toBeGreaterThan(0);
    for (const k of derived) expect(k.privateKey, 'private half wiped').toBeNull();
  });

  it('garbage is refused with an AppError', () => {
    for (const t of ['wsh(sortedmulti(2))', 'wsh(pkh(x))', 'sh(wsh(multi(5,[00000000/1]tpubXYZ/<0;1>/*)))', '', 'Name: x']) {
      expect(codeOf(() => parseMultisigWallet(t, NET)).startsWith('crash'), t).toBe(false);
      expect(codeOf(() => parseMultisigWallet(t, NET)), t).not.toBe('ok');
    }
  });
});

describe('Coldcard/Sparrow text file and BSMS', () => {
  const jw = jsMultisig('p2wsh');
  const w = toWallet(jw);
  it('Coldcard file (global Derivation, Format P2WSH, uppercase XFP)', () => {
    const text = ['# Coldcard Multisig setup file (created on 73C5DA0A)', '#', 'Name: CC-2-of-3', 'Policy: 2 of 3', `Derivation: ${w.cosigners[0].path}`, 'Format: P2WSH', '',
      ...w.cosigners.map((c) => `${c.fingerprint.toUpperCase()}: ${c.xpub}`), ''].join('\n');
    const p = parseMultisigWallet(text, NET);
    expect(p, 'parsed').toMatchObject({ name: 'CC-2-of-3', threshold: 2, scriptType: 'p2wsh', sorted: true });
    expect(p.cosigners, 'cosigners').toEqual(w.cosigners);
  });

  it('Sparrow file (Derivation before each key, P2SH-P2WSH)', () => {
    const jw2 = jsMultisig('p2sh-p2wsh');
    const w2 = toWallet(jw2);
    const text = ['# Sparrow Multisig setup file', 'Name: sparrow', 'Policy: 2 of 3', 'Format: P2SH-P2WSH', '',
      ...w2.cosigners.flatMap((c) => [`Derivation: ${c.path}`, `${c.fingerprint.toUpperCase()}: ${c.xpub}`, ''])].join('\n');
    const p = parseMultisigWallet(text, NET);
    expect(multisigAddress(p, 0, 3, NET), 'address').toBe(jsAddress(jw2, 0, 3));
  });

  it('policy N that disagrees with the keys is refused', () => {
    const text = ['Name: x', 'Policy: 2 of 4', `Derivation: ${w.cosigners[0].path}`, 'Format: P2WSH', ...w.cosigners.map((c) => `${c.fingerprint}: ${c.xpub}`)].join('\n');
    expect(codeOf(() => parseMultisigWallet(text, NET))).toBe('multisig/unparseable');
  });

  it('BSMS 1.0 record with /** and its first address', () => {
    const desc = descriptorOf(jw).replace(/\/<0;1>\/\*/g, '/**');
    const text = ['BSMS 1.0', desc, '/0/*,/1/*', jsAddress(jw, 0, 0)].join('\n');
    const p = parseMultisigWallet(text, NET);
    expect(p.cosigners, 'cosigners').toEqual(w.cosigners);
    const wrong = ['BSMS 1.0', desc, '/0/*,/1/*', jsAddress(jw, 0, 1)].join('\n');
    expect(codeOf(() => parseMultisigWallet(wrong, NET)), 'first address mismatch').toBe('multisig/unparseable');
  });

  it('scripts: witness script and output script agree with bitcoinjs-lib', () => {
    const s = multisigScripts(w, 1, 2, NET);
    const pubs = jw.keys.map((k) => k.root.derivePath(`${k.path}/1/2`).publicKey).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const ms = bitcoin.payments.p2ms({ m: 2, pubkeys: pubs, network: BNET });
    expect(hex(s.witnessScript!), 'witness script').toBe(hex(ms.output!));
  });
});

describe('cosigner export', () => {
  it('exportCosignerText gives our BIP-48 P2WSH xpub with fingerprint, as bitcoinjs derives it', () => {
    const text = exportCosignerText(ourRoot(), NET);
    const fp = Buffer.from(jsRoot.fingerprint).toString('hex').toUpperCase();
    expect(text, 'derivation').toContain("Derivation: m/48'/1'/0'/2'");
    expect(text, 'key line').toContain(`${fp}: ${jsRoot.derivePath("m/48'/1'/0'/2'").neutered().toBase58()}`);
    expect(text, 'no private key').not.toMatch(/[tx]prv/);
  });
});
