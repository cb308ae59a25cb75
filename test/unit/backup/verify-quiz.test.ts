/** Backup quiz (random positions, answer check) and drill fingerprints for words, shares and SeedQR. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import {
  backupFingerprint,
  checkQuizAnswers,
  pickQuizPositions,
  verifyBackupFingerprint,
} from '../../../shared/backup/verify-quiz';
import { splitSecret } from '../../../shared/backup/slip39';
import { parseMnemonic } from '../../../shared/keys/mnemonic';
import { AppError } from '../../../shared/errors';

const sqr = JSON.parse(readFileSync(new URL('../../vectors/seedqr.json', import.meta.url), 'utf8'));
const slip = JSON.parse(readFileSync(new URL('../../vectors/slip39.json', import.meta.url), 'utf8'));
const fpOf = (seed: Uint8Array) => HDKey.fromMasterSeed(seed).fingerprint.toString(16).padStart(8, '0');

describe('backup quiz', () => {
  it('picks k distinct ascending positions in range; all positions get picked over many runs', () => {
    const seen = new Set<number>();
    for (let r = 0; r < 200; r++) {
      const p = pickQuizPositions(24, 3);
      expect(p.length).toBe(3);
      expect(new Set(p).size).toBe(3);
      expect([...p].sort((a, b) => a - b)).toEqual(p);
      for (const x of p) {
        expect(x).toBeGreaterThanOrEqual(1);
        expect(x).toBeLessThanOrEqual(24);
        seen.add(x);
      }
    }
    expect(seen.size).toBe(24);
    expect(pickQuizPositions(12, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(() => pickQuizPositions(12, 13)).toThrow(AppError);
  });

  it('is deterministic for a given random source (injectable for tests)', () => {
    const fixed = () => Uint8Array.of(0, 0, 0, 5);
    expect(pickQuizPositions(12, 2, fixed)).toEqual(pickQuizPositions(12, 2, fixed));
  });

  it('accepts exact words (any case/space) and 4-letter prefixes; reports wrong positions only', () => {
    const words = sqr.vectors[3].mnemonic.split(' '); // forum undo fragile …
    expect(checkQuizAnswers(words, [{ position: 1, word: ' FORUM ' }, { position: 3, word: 'frag' }])).toEqual({ ok: true, wrongPositions: [] });
    expect(checkQuizAnswers(words, [{ position: 2, word: 'undo' }, { position: 5, word: 'shoe' }, { position: 13, word: 'x' }])).toEqual({
      ok: false,
      wrongPositions: [5, 13],
    });
    expect(checkQuizAnswers(words, [{ position: 3, word: 'fra' }]).ok).toBe(false);
    expect(checkQuizAnswers(words, []).ok).toBe(false);
  });
});

describe('backup drill fingerprints', () => {
  const v = sqr.vectors[3];
  const expected = fpOf(mnemonicToSeedSync(v.mnemonic, ''));

  it('words, SeedQR digits and CompactSeedQR bytes restore the same fingerprint', () => {
    expect(backupFingerprint({ kind: 'bip39', words: v.mnemonic })).toBe(expected);
    expect(backupFingerprint({ kind: 'seedqr', payload: new TextEncoder().encode(v.standard_seedqr_digits) })).toBe(expected);
    expect(verifyBackupFingerprint({ kind: 'seedqr', payload: hexToBytes(v.compact_seedqr_bytes_hex_derived) }, expected.toUpperCase())).toEqual({ ok: true, fingerprint: expected });
    const withPass = verifyBackupFingerprint({ kind: 'bip39', words: v.mnemonic, bip39Passphrase: 'x' }, expected);
    expect(withPass.ok).toBe(false);
  });

  it('SLIP-39 shares of the BIP-39 entropy restore the BIP-39 key; as a BIP-32 seed they give the vector xprv key', () => {
    const [g] = splitSecret(parseMnemonic(v.mnemonic), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], iterationExponent: 0 });
    expect(verifyBackupFingerprint({ kind: 'slip39', shares: [g[2], g[0]] }, expected).ok).toBe(true);
    const tv = slip.vectors[3];
    const fp = backupFingerprint({ kind: 'slip39', shares: tv.mnemonics, slip39Passphrase: 'TREZOR', as: 'bip32-seed' });
    expect(fp).toBe(HDKey.fromExtendedKey(tv.xprv).fingerprint.toString(16).padStart(8, '0'));
  });
});
