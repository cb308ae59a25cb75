/**
 * SLIP-0039 official vectors (trezor/python-shamir-mnemonic vectors.json, passphrase "TREZOR"):
 * valid sets must give the master secret (and its BIP-32 master xprv); invalid sets must throw an
 * AppError with a slip39/* code — never crash, never echo a word.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { bytesToHex } from '@noble/hashes/utils.js';
import { combineShares, combineProgress } from '../../../shared/backup/slip39';
import { AppError, userMessage } from '../../../shared/errors';

const FILE = 'slip39.json';
const data = JSON.parse(readFileSync(new URL(`../../vectors/${FILE}`, import.meta.url), 'utf8')) as {
  passphrase: string;
  vectors: { description: string; mnemonics: string[]; master_secret_hex: string; xprv: string; valid: boolean }[];
};

/** Expected error per invalid vector (index → code, share position when one share is to blame). */
const EXPECTED_ERRORS: Record<number, [string, number | undefined]> = {
  1: ['slip39/bad-checksum', 1], 2: ['slip39/bad-share', 1], 4: ['slip39/insufficient-shares', undefined],
  5: ['slip39/mismatched-shares', 2], 6: ['slip39/mismatched-shares', 2], 7: ['slip39/mismatched-shares', 3],
  8: ['slip39/mismatched-shares', 2], 9: ['slip39/bad-share', 1], 10: ['slip39/mismatched-shares', 2],
  11: ['slip39/mismatched-shares', 2], 12: ['slip39/invalid-digest', undefined], 13: ['slip39/insufficient-shares', undefined],
  14: ['slip39/insufficient-shares', undefined], 15: ['slip39/insufficient-shares', undefined],
  20: ['slip39/bad-checksum', 1], 21: ['slip39/bad-share', 1], 23: ['slip39/insufficient-shares', undefined],
  24: ['slip39/mismatched-shares', 2], 25: ['slip39/mismatched-shares', 2], 26: ['slip39/mismatched-shares', 3],
  27: ['slip39/mismatched-shares', 2], 28: ['slip39/bad-share', 1], 29: ['slip39/mismatched-shares', 2],
  30: ['slip39/mismatched-shares', 2], 31: ['slip39/invalid-digest', undefined], 32: ['slip39/insufficient-shares', undefined],
  33: ['slip39/insufficient-shares', undefined], 34: ['slip39/insufficient-shares', undefined],
  38: ['slip39/bad-share', 1], 39: ['slip39/bad-share', 1],
};

describe('SLIP-39 official vectors', () => {
  it('has all 45 vectors (15 valid)', () => {
    expect(data.vectors.length).toBe(45);
    expect(data.vectors.filter((v) => v.valid).length).toBe(15);
    expect(Object.keys(EXPECTED_ERRORS).length).toBe(30);
  });

  data.vectors.forEach((v, i) => {
    const label = `${FILE}#${i}: ${v.description}`;
    if (v.valid) {
      it(label, () => {
        const secret = combineShares(v.mnemonics, data.passphrase);
        const hex = secret.use(bytesToHex);
        expect(hex, label).toBe(v.master_secret_hex);
        const xprv = secret.use((s) => HDKey.fromMasterSeed(s).privateExtendedKey);
        expect(xprv, label).toBe(v.xprv);
        expect(combineProgress(v.mnemonics).kind, label).toBe('ready');
        secret.wipe();
      });
    } else {
      it(label, () => {
        let err: unknown;
        try {
          combineShares(v.mnemonics, data.passphrase);
        } catch (e) {
          err = e;
        }
        expect(err, label).toBeInstanceOf(AppError);
        const e = err as AppError;
        const [code, share] = EXPECTED_ERRORS[i];
        expect(e.code, label).toBe(code);
        expect(e.detail?.share, label).toBe(share);
        // Never echo words: no two consecutive words of any input share appear in the message.
        const msg = userMessage(e);
        for (const m of v.mnemonics) {
          const w = m.split(' ');
          for (let k = 0; k + 1 < w.length; k++) expect(msg, label).not.toContain(`${w[k]} ${w[k + 1]}`);
        }
        // combineProgress never decrypts, so only the digest failure can look 'ready' to it.
        const progress = combineProgress(v.mnemonics);
        expect(progress.kind, label).toBe(code === 'slip39/invalid-digest' ? 'ready' : code === 'slip39/insufficient-shares' ? 'need-more' : 'error');
      });
    }
  });
});
