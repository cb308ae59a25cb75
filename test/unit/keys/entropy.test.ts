import { describe, expect, it } from 'vitest';
import {
  DICE_BITS_PER_ROLL,
  analyzeCoins,
  analyzeDice,
  proportionCutoff,
  repetitionCutoff,
} from '../../../shared/keys/entropy';
import { AppError } from '../../../shared/errors';

const kinds = (a: { warnings: { kind: string }[] }) => a.warnings.map((w) => w.kind);

describe('SP 800-90B cutoffs (α = 2^-20)', () => {
  it('repetition count cutoff C = 1 + ceil(20/H): dice 9, coins 21 (90B 4.4.1)', () => {
    expect(repetitionCutoff(Math.log2(6))).toBe(9);
    expect(repetitionCutoff(1)).toBe(21);
  });
  it('adaptive proportion cutoffs match SP 800-90B Table 2 (W=1024 binary H=1 → 589; W=512 H=1 → 311)', () => {
    expect(proportionCutoff(1024, 0.5)).toBe(589);
    expect(proportionCutoff(512, 0.5)).toBe(311);
  });
});

describe('analyzeDice', () => {
  it('bits = rolls · log2(6)', () => {
    const a = analyzeDice('16253 4615 2');
    expect(a.rolls).toBe(10);
    expect(a.bits).toBeCloseTo(10 * DICE_BITS_PER_ROLL, 12);
    expect(DICE_BITS_PER_ROLL).toBeCloseTo(2.584962500721156, 12);
  });
  it('100 rolls carry ≥ 256 bits (no few-samples note); 99 rolls do not (255.9 bits)', () => {
    expect(kinds(analyzeDice('123456'.repeat(16) + '1234'))).not.toContain('few-samples');
    expect(kinds(analyzeDice('123456'.repeat(16) + '123'))).toContain('few-samples');
    expect(kinds(analyzeDice('12345'.repeat(10), 128))).not.toContain('few-samples');
  });
  it('all-same rolls warn (repetition, proportion and all-same)', () => {
    const k = kinds(analyzeDice('6'.repeat(30)));
    expect(k).toContain('repetition');
    expect(k).toContain('proportion');
    expect(k).toContain('all-same');
  });
  it('a run of 9 identical rolls trips the repetition test, 8 does not', () => {
    const base = '1234561234562345';
    expect(kinds(analyzeDice(base + '4'.repeat(9) + base))).toContain('repetition');
    expect(kinds(analyzeDice(base + '4'.repeat(8) + base))).not.toContain('repetition');
    const w = analyzeDice(base + '4'.repeat(9) + base).warnings.find((x) => x.kind === 'repetition');
    expect(w).toMatchObject({ value: '4', run: 9, position: base.length + 1 });
  });
  it('a heavily biased die trips the adaptive proportion test', () => {
    // 200 rolls where "1" is 60 %: far above the 1/6 a fair die gives.
    const rolls = Array.from({ length: 200 }, (_, i) => (i % 5 < 3 ? '1' : String(2 + (i % 5)))).join('');
    expect(kinds(analyzeDice(rolls))).toContain('proportion');
  });
  it('a pseudo-random sequence raises no randomness warning', () => {
    let x = 12345;
    const rolls = Array.from({ length: 300 }, () => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return String(1 + ((x >> 16) % 6));
    }).join('');
    expect(kinds(analyzeDice(rolls))).toEqual([]);
  });
  it('rejects digits outside 1–6', () => {
    expect(() => analyzeDice('1230')).toThrowError(AppError);
    expect(() => analyzeDice('7')).toThrowError(AppError);
  });
});

describe('analyzeCoins', () => {
  it('1 bit per flip, H/T and 1/0 accepted', () => {
    expect(analyzeCoins('HTTH THHT').bits).toBe(8);
    expect(analyzeCoins('0110').rolls).toBe(4);
  });
  it('21 equal flips in a row warn, 20 do not', () => {
    expect(kinds(analyzeCoins('HT' + 'H'.repeat(21) + 'TH'))).toContain('repetition');
    expect(kinds(analyzeCoins('HT' + 'H'.repeat(20) + 'TH'))).not.toContain('repetition');
  });
  it('rejects other letters', () => {
    expect(() => analyzeCoins('HTX')).toThrowError(AppError);
  });
});
