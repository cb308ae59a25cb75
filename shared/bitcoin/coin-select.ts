/**
 * Coin selection for the companion's sends: which UTXOs to spend, whether a change output is
 * worth creating, and the fee, from a fee rate in sat/vB.
 *
 * Strategy (simple, predictable, privacy-neutral enough for a single-sig wallet):
 * 1. "max" spends every candidate and pays `total - fee` to the one recipient (no change).
 * 2. Otherwise, if one coin covers the payment + fee without change within the "waste" window
 *    (the cost of a change output), use the smallest such coin (no change output, no dust).
 * 3. Otherwise accumulate coins largest-first (confirmed before unconfirmed) until the payment and
 *    the fee of a transaction WITH change are covered; change below the dust limit is dropped to fee.
 * The vsize comes from vsize.ts (signatures at their maximum size), so the fee rate paid is never
 * below the one asked. Runs in O(n log n + n·k) for n coins, k chosen (500 coins: < 10 ms).
 * Deliberately does NOT: build the transaction (build-psbt.ts), do Branch-and-Bound, or look at
 * coin ages beyond confirmed/unconfirmed.
 */
import { AppError } from '../errors';
import { estimateVsize, type VsizeInputType } from './vsize';

export interface CoinCandidate {
  /** `txid:vout` */
  id: string;
  valueSats: bigint;
  /** script type of the coin, for its signed size */
  type: VsizeInputType;
  confirmed: boolean;
  /** multisig coins: threshold, key count and m-of-n script length (bytes), for the signed size */
  m?: number;
  n?: number;
  scriptLen?: number;
}

export interface SelectionRequest {
  coins: readonly CoinCandidate[];
  /** output scripts and amounts of the payments; for `max`, exactly one with amountSats ignored */
  payments: readonly { script: Uint8Array; amountSats: bigint }[];
  /** script of the change output, should one be needed */
  changeScript: Uint8Array;
  /** fee rate, sat/vB (may be fractional, e.g. 1.5) */
  feeRateSatVb: number;
  /** spend everything to the single payment */
  max?: boolean;
}

export interface Selection {
  coins: CoinCandidate[];
  /** payment amounts (for max, the computed amount) in request order */
  paymentsSats: bigint[];
  /** 0n when no change output */
  changeSats: bigint;
  feeSats: bigint;
  vsize: number;
}

/** Smallest output value relayed by default policy for any standard script (P2PKH dust at 3 sat/vB). */
export const DUST_LIMIT_SATS = 546n;
/** Largest fee rate accepted (sat/vB): a typo guard, well above any real market. */
export const MAX_FEE_RATE_SAT_VB = 10_000;

/** Fee in sats for `vsize` at `rate` sat/vB, rounded up. */
export function feeFor(vsize: number, rate: number): bigint {
  return BigInt(Math.ceil(vsize * rate));
}

function vsizeOf(coins: readonly CoinCandidate[], scripts: readonly Uint8Array[]): number {
  return estimateVsize(coins.map((c) => ({ type: c.type, m: c.m, n: c.n, scriptLen: c.scriptLen })), scripts);
}

/**
 * Choose coins for the request. Throws 'wallet/no-coins', 'wallet/insufficient-funds' {needed, available},
 * 'wallet/dust-amount' {min}, 'input/bad-encoding' (bad fee rate or payment list).
 */
export function selectCoins(req: SelectionRequest): Selection {
  const rate = req.feeRateSatVb;
  if (!Number.isFinite(rate) || rate < 1 || rate > MAX_FEE_RATE_SAT_VB) {
    throw new AppError('input/bad-encoding', { expected: `a fee rate from 1 to ${MAX_FEE_RATE_SAT_VB} sat/vB` });
  }
  if (req.payments.length === 0 || (req.max && req.payments.length !== 1)) {
    throw new AppError('input/bad-encoding', { expected: req.max ? 'one recipient for max' : 'at least one recipient' });
  }
  if (req.coins.length === 0) throw new AppError('wallet/no-coins');
  const available = req.coins.reduce((a, c) => a + c.valueSats, 0n);
  const payScripts = req.payments.map((p) => p.script);

  if (req.max) {
    const vsize = vsizeOf(req.coins, payScripts);
    const feeSats = feeFor(vsize, rate);
    const amount = available - feeSats;
    if (amount < DUST_LIMIT_SATS) throw new AppError('wallet/insufficient-funds', { needed: String(feeSats + DUST_LIMIT_SATS), available: String(available) });
    return { coins: [...req.coins], paymentsSats: [amount], changeSats: 0n, feeSats, vsize };
  }

  for (const p of req.payments) {
    if (p.amountSats < DUST_LIMIT_SATS) throw new AppError('wallet/dust-amount', { min: String(DUST_LIMIT_SATS) });
  }
  const target = req.payments.reduce((a, p) => a + p.amountSats, 0n);
  const withChange = [...payScripts, req.changeScript];
  const changeCost = feeFor(vsizeOf([], withChange) - vsizeOf([], payScripts), rate) + DUST_LIMIT_SATS;

  // 2. one coin, no change: cheapest transaction and no change output to link.
  const single = [...req.coins]
    .filter((c) => {
      const fee = feeFor(vsizeOf([c], payScripts), rate);
      return c.valueSats >= target + fee && c.valueSats - target - fee < changeCost;
    })
    .sort((a, b) => (a.valueSats < b.valueSats ? -1 : a.valueSats > b.valueSats ? 1 : 0))[0];
  if (single) {
    const vsize = vsizeOf([single], payScripts);
    return { coins: [single], paymentsSats: req.payments.map((p) => p.amountSats), changeSats: 0n, feeSats: single.valueSats - target, vsize };
  }

  // 3. largest first, confirmed before unconfirmed.
  const ordered = [...req.coins].sort((a, b) =>
    a.confirmed !== b.confirmed ? (a.confirmed ? -1 : 1) : a.valueSats > b.valueSats ? -1 : a.valueSats < b.valueSats ? 1 : 0,
  );
  const chosen: CoinCandidate[] = [];
  let sum = 0n;
  for (const c of ordered) {
    chosen.push(c);
    sum += c.valueSats;
    const vsize = vsizeOf(chosen, withChange);
    const fee = feeFor(vsize, rate);
    if (sum < target + fee) continue;
    const change = sum - target - fee;
    if (change >= DUST_LIMIT_SATS) return { coins: chosen, paymentsSats: req.payments.map((p) => p.amountSats), changeSats: change, feeSats: fee, vsize };
    // change would be dust: drop the change output; everything left over goes to the fee
    const vsizeNoChange = vsizeOf(chosen, payScripts);
    return { coins: chosen, paymentsSats: req.payments.map((p) => p.amountSats), changeSats: 0n, feeSats: sum - target, vsize: vsizeNoChange };
  }
  const needed = target + feeFor(vsizeOf(req.coins, withChange), rate);
  throw new AppError('wallet/insufficient-funds', { needed: String(needed), available: String(available) });
}
