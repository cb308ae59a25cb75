import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { addChecksum, descriptorChecksum, keyWithOrigin, singleSigDescriptor, verifyChecksum } from '../../../shared/bitcoin/descriptor';
import { AppError } from '../../../shared/errors';

const FILE = 'test/vectors/descriptors.json';
const V = JSON.parse(readFileSync(FILE, 'utf8')) as { bip_380: { heading: string; items: { value: string; label: string }[] }[] };
const checksumCases = V.bip_380[0].items;

describe('BIP-380 checksum vectors', () => {
  checksumCases.forEach((c, i) => {
    it(`${FILE}#bip_380.0.${i}: ${c.label}`, () => {
      const label = `${FILE}#bip_380.0.${i}: ${c.label}`;
      if (c.label === 'Valid checksum') {
        expect(verifyChecksum(c.value), label).toBe('raw(deadbeef)');
        expect(addChecksum('raw(deadbeef)'), label).toBe(c.value);
      } else if (c.label === 'No checksum') {
        expect(verifyChecksum(c.value, false), label).toBe(c.value);
        expect(() => verifyChecksum(c.value, true), label).toThrowError(AppError);
      } else {
        // every other case is an error, with or without requiring a checksum
        expect(() => verifyChecksum(c.value, false), label).toThrowError(AppError);
      }
    });
  });
  it('the checksum vectors are all present (8 cases)', () => {
    expect(checksumCases.length).toBe(8);
  });
});

describe('single-sig descriptors', () => {
  const xpub = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
  it("key origin uses ' for hardened steps and a /<0;1>/* multipath suffix", () => {
    expect(keyWithOrigin('73c5da0a', "m/84h/0h/0h", xpub)).toBe(`[73c5da0a/84'/0'/0']${xpub}/<0;1>/*`);
  });
  it('wraps per script type and carries a valid checksum', () => {
    const d = {
      p2pkh: singleSigDescriptor('p2pkh', '73c5da0a', "m/44'/0'/0'", xpub),
      'p2sh-p2wpkh': singleSigDescriptor('p2sh-p2wpkh', '73c5da0a', "m/49'/0'/0'", xpub),
      p2wpkh: singleSigDescriptor('p2wpkh', '73c5da0a', "m/84'/0'/0'", xpub),
      p2tr: singleSigDescriptor('p2tr', '73c5da0a', "m/86'/0'/0'", xpub),
    };
    expect(d.p2pkh).toMatch(/^pkh\(\[73c5da0a\/44'\/0'\/0'\]xpub[^)]+\/<0;1>\/\*\)#[a-z0-9]{8}$/);
    expect(d['p2sh-p2wpkh']).toMatch(/^sh\(wpkh\(\[73c5da0a\/49'/);
    expect(d.p2wpkh).toMatch(/^wpkh\(/);
    expect(d.p2tr).toMatch(/^tr\(/);
    for (const s of Object.values(d)) {
      const body = verifyChecksum(s);
      expect(s).toBe(`${body}#${descriptorChecksum(body)}`);
    }
  });
  it('a single changed character breaks the checksum', () => {
    const s = singleSigDescriptor('p2wpkh', '73c5da0a', "m/84'/0'/0'", xpub);
    const tampered = s.replace("84'", "85'");
    expect(() => verifyChecksum(tampered)).toThrowError(expect.objectContaining({ code: 'descriptor/bad-checksum' }));
    // h vs ' are different characters, so the checksum differs too
    expect(descriptorChecksum(s.split('#')[0].replace(/'/g, 'h'))).not.toBe(s.split('#')[1]);
  });
});
