/**
 * Health checks for user-supplied entropy (dice rolls, coin flips) before it is mixed into the
 * CSPRNG output (mnemonic.ts). Reports how many bits the input can contribute and warns when it
 * looks non-random. The input is only ever MIXED with CSPRNG bytes, so these checks are advisory.
 *
 * Tests, after NIST SP 800-90B §4.4 (continuous health tests), with false-positive rate α = 2^-20
 * (the loosest bound 90B allows, appropriate for hand-typed input that a human re-rolls):
 *  - Repetition Count Test (4.4.1): cutoff C = 1 + ⌈−log2 α / H⌉ consecutive identical samples.
 *    Dice, H = log2 6 ≈ 2.585 → C = 9.  Coins, H = 1 → C = 21.
 *  - Adaptive Proportion Test (4.4.2): in each non-overlapping window of W samples (W = 512 dice,
 *    1024 coins, per 90B), count B = occurrences of the window's first value; fail if
 *    B ≥ C = 1 + CRITBINOM(W, 2^-H, 1 − α). Hand-typed input is usually shorter than W, so a
 *    final partial window of n ≥ 16 samples is tested with the same formula at W = n (our
 *    adaptation; the binomial bound keeps the same α).
 *  - Plus 'all-same' (≥ 5 samples, all identical: a fair die does that with p = 6^-4) and
 *    'few-samples' (the input carries less entropy than the mnemonic it feeds: informational).
 * Deliberately does NOT estimate min-entropy (90B §6) — a few hundred samples are far too few.
 */
import { AppError } from '../errors';

export const HEALTH_ALPHA_LOG2 = -20;
export const DICE_BITS_PER_ROLL = Math.log2(6);

export type DiceWarning =
  | { kind: 'repetition'; value: string; run: number; cutoff: number; position: number }
  | { kind: 'proportion'; value: string; count: number; window: number; cutoff: number; position: number }
  | { kind: 'all-same'; value: string }
  | { kind: 'few-samples'; bits: number; targetBits: number };

export interface EntropyAnalysis {
  /** number of samples (rolls or flips) */
  rolls: number;
  /** entropy the samples can contribute if fair: rolls·log2(6) for dice, flips for coins */
  bits: number;
  warnings: DiceWarning[];
}

/** Repetition Count Test cutoff (90B 4.4.1) for min-entropy H bits/sample. */
export function repetitionCutoff(h: number): number {
  return 1 + Math.ceil(-HEALTH_ALPHA_LOG2 / h);
}

/** 1 + CRITBINOM(w, p, 1 − α): smallest k with P(Bin(w,p) ≤ k) ≥ 1 − α, plus one (90B 4.4.2). */
export function proportionCutoff(w: number, p: number): number {
  const alpha = 2 ** HEALTH_ALPHA_LOG2;
  // pmf in log space to avoid underflow for w up to a few thousand
  let logPmf = w * Math.log1p(-p); // k = 0
  let cdf = Math.exp(logPmf);
  let k = 0;
  while (cdf < 1 - alpha && k < w) {
    logPmf += Math.log((w - k) / (k + 1)) + Math.log(p) - Math.log1p(-p);
    k++;
    cdf += Math.exp(logPmf);
  }
  return 1 + k;
}

function analyze(samples: string[], h: number, window: number, targetBits: number): EntropyAnalysis {
  const n = samples.length;
  const warnings: DiceWarning[] = [];
  // 90B 4.4.1 Repetition Count Test — report each run that reaches the cutoff once.
  const rct = repetitionCutoff(h);
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && samples[i] === samples[i - 1]) run++;
    else {
      if (run >= rct) warnings.push({ kind: 'repetition', value: samples[i - 1], run, cutoff: rct, position: i - run + 1 });
      run = 1;
    }
  }
  // 90B 4.4.2 Adaptive Proportion Test over non-overlapping windows (last partial window if ≥ 16).
  for (let start = 0; start < n; start += window) {
    const w = Math.min(window, n - start);
    if (w < 16) break;
    const c = proportionCutoff(w, 2 ** -h);
    const a = samples[start];
    let b = 0;
    for (let i = start; i < start + w; i++) if (samples[i] === a) b++;
    if (b >= c) warnings.push({ kind: 'proportion', value: a, count: b, window: w, cutoff: c, position: start + 1 });
  }
  if (n >= 5 && samples.every((s) => s === samples[0])) warnings.push({ kind: 'all-same', value: samples[0] });
  const bits = n * h;
  if (n > 0 && bits < targetBits) warnings.push({ kind: 'few-samples', bits: Math.floor(bits), targetBits });
  return { rolls: n, bits, warnings };
}

/** Parse dice rolls: digits 1–6, whitespace ignored. Throws 'entropy/bad-dice'. */
export function parseDice(rolls: string): string[] {
  const t = rolls.replace(/\s+/g, '');
  if (!/^[1-6]*$/.test(t)) throw new AppError('entropy/bad-dice');
  return [...t];
}

/** Parse coin flips: H/T (any case) or 1/0, whitespace ignored; normalised to '1'/'0'. Throws 'entropy/bad-dice'. */
export function parseCoins(flips: string): string[] {
  const t = flips.replace(/\s+/g, '').toUpperCase();
  if (!/^[HT01]*$/.test(t)) throw new AppError('entropy/bad-dice');
  return [...t].map((c) => (c === 'H' || c === '1' ? '1' : '0'));
}

/** Health of dice rolls; `targetBits` = entropy of the mnemonic being made (256 for 24 words). */
export function analyzeDice(rolls: string, targetBits = 256): EntropyAnalysis {
  return analyze(parseDice(rolls), DICE_BITS_PER_ROLL, 512, targetBits);
}

/** Health of coin flips (1 bit each); `targetBits` as in analyzeDice. */
export function analyzeCoins(flips: string, targetBits = 256): EntropyAnalysis {
  return analyze(parseCoins(flips), 1, 1024, targetBits);
}
