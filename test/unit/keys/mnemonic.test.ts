import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  WORDLIST,
  entropyToWords,
  generateEntropy,
  mixUserEntropy,
  parseMnemonic,
  suggestWords,
  validateMnemonic,
} from '../../../shared/keys/mnemonic';
import { rootFromSeed, seedFromEntropy } from '../../../shared/keys/hd';
import { SecretBytes } from '../../../shared/secret';
import { AppError, userMessage } from '../../../shared/errors';

const FILE = 'test/vectors/bip39.json';
const V = JSON.parse(readFileSync(FILE, 'utf8')) as {
  passphrase: string;
  wordlist_check: { word_count: number; first: string; last: string; sha256_of_file_bytes_computed: string };
  vectors: { entropy_hex: string; mnemonic: string; seed_hex: string; xprv: string }[];
};
const reveal = (s: SecretBytes) => s.use((b) => bytesToHex(b));

describe('BIP-39 official vectors (Trezor, passphrase TREZOR)', () => {
  it('word list is the BIP-39 English list', () => {
    const file = new TextEncoder().encode(WORDLIST.join('\n') + '\n');
    expect(WORDLIST.length, `${FILE}: word_count`).toBe(V.wordlist_check.word_count);
    expect(bytesToHex(sha256(file)), `${FILE}: sha256 of english.txt`).toBe(V.wordlist_check.sha256_of_file_bytes_computed);
  });

  V.vectors.forEach((v, i) => {
    it(`${FILE}#${i}: ${v.mnemonic.split(' ').length} words`, () => {
      const label = `${FILE}#${i}`;
      expect(entropyToWords(new SecretBytes(hexToBytes(v.entropy_hex))).join(' '), `${label}: entropy→words`).toBe(v.mnemonic);
      const r = validateMnemonic(v.mnemonic);
      if (!r.ok) throw new Error(`${label}: rejected ${r.code}`);
      expect(reveal(r.entropy), `${label}: words→entropy`).toBe(v.entropy_hex);
      const seed = seedFromEntropy(r.entropy, V.passphrase);
      expect(reveal(seed), `${label}: seed`).toBe(v.seed_hex);
      const root = rootFromSeed(seed);
      expect(root.privateExtendedKey, `${label}: xprv`).toBe(v.xprv);
      root.wipePrivateData();
    });
  });
});

describe('validateMnemonic reports the reason without the word', () => {
  const good = V.vectors[0].mnemonic; // abandon ×11 about
  it('any whitespace and any case are accepted', () => {
    const messy = '  ' + good.toUpperCase().split(' ').join('\t\n  ') + '\r\n';
    const r = validateMnemonic(messy);
    expect(r.ok).toBe(true);
  });
  it('unknown word is located by position counting from 1', () => {
    const w = good.split(' ');
    w[6] = 'bitcoinz';
    expect(validateMnemonic(w.join(' '))).toEqual({ ok: false, code: 'mnemonic/unknown-word', position: 7 });
    w[1] = 'xyzzy';
    expect(validateMnemonic(w.join(' '))).toEqual({ ok: false, code: 'mnemonic/unknown-word', position: 2 });
  });
  it('unknown word is located even when the length is also wrong', () => {
    expect(validateMnemonic('abandon abandon zzzz')).toEqual({ ok: false, code: 'mnemonic/unknown-word', position: 3 });
  });
  it('bad checksum', () => {
    expect(validateMnemonic(good.replace(/about$/, 'abandon'))).toEqual({ ok: false, code: 'mnemonic/bad-checksum' });
  });
  it('bad length (11, 13 and 0 words)', () => {
    for (const n of [11, 13, 0]) expect(validateMnemonic(Array(n).fill('abandon').join(' ')), `${n} words`).toEqual({ ok: false, code: 'mnemonic/bad-length' });
  });
  it('thrown error and its user message never contain the unknown word', () => {
    const secretWord = 'satoshiq';
    let err: unknown;
    try {
      parseMnemonic(good.replace('about', secretWord));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('mnemonic/unknown-word');
    const text = [userMessage(err), JSON.stringify(err), String(err), (err as Error).message, JSON.stringify((err as AppError).detail)].join(' ');
    expect(text).toContain('12');
    expect(text).not.toContain(secretWord);
  });
});

describe('suggestWords', () => {
  it('completes a prefix from the list, in list order, limited', () => {
    expect(suggestWords('aba')).toEqual(['abandon']);
    expect(suggestWords('ZOO')).toEqual(['zoo']);
    expect(suggestWords('ab', 3)).toEqual(['abandon', 'ability', 'able']);
    expect(suggestWords('qqq')).toEqual([]);
    expect(suggestWords('')).toEqual([]);
  });
});

describe('generateEntropy (CSPRNG, dice mixed in)', () => {
  it('12 words → 16 bytes, 24 words → 32 bytes, valid mnemonics', () => {
    for (const n of [12, 24] as const) {
      const e = generateEntropy(n);
      expect(e.length).toBe(n === 12 ? 16 : 32);
      const words = entropyToWords(e);
      expect(words.length).toBe(n);
      expect(validateMnemonic(words.join(' ')).ok).toBe(true);
    }
  });
  it('the same dice rolls twice give different mnemonics (CSPRNG still mixed in)', () => {
    const rolls = '3'.repeat(100);
    const a = entropyToWords(generateEntropy(24, rolls)).join(' ');
    const b = entropyToWords(generateEntropy(24, rolls)).join(' ');
    expect(a).not.toBe(b);
  });
  it('mixing depends on both the CSPRNG bytes and the dice (neither replaces the other)', () => {
    const rngA = new Uint8Array(32).fill(7);
    const rngB = new Uint8Array(32).fill(8);
    const a = bytesToHex(mixUserEntropy(rngA, '123456', '', 32));
    expect(bytesToHex(mixUserEntropy(rngA, '123456', '', 32)), 'deterministic for fixed inputs').toBe(a);
    expect(bytesToHex(mixUserEntropy(rngB, '123456', '', 32)), 'other CSPRNG bytes, same dice').not.toBe(a);
    expect(bytesToHex(mixUserEntropy(rngA, '123455', '', 32)), 'same CSPRNG bytes, other dice').not.toBe(a);
    expect(bytesToHex(mixUserEntropy(rngA, '12345', '6', 32)), 'dice/coins boundary is length-prefixed').not.toBe(a);
    expect(a, 'output is not the CSPRNG bytes themselves').not.toBe(bytesToHex(rngA));
    expect(mixUserEntropy(rngA, '1', '', 16).length).toBe(16);
  });
  it('rejects non-dice characters', () => {
    expect(() => generateEntropy(24, '1234567')).toThrowError(AppError);
    expect(() => generateEntropy(24, '12a')).toThrowError(AppError);
    expect(() => generateEntropy(24, undefined, 'HTX')).toThrowError(AppError);
  });
});
