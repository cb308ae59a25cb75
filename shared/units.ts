/**
 * Amount units and formatting with bigint only (no floats): satoshis ↔ BTC, wei ↔ ETH/gwei.
 */
export const SATS_PER_BTC = 100_000_000n;
export const WEI_PER_ETH = 10n ** 18n;
export const WEI_PER_GWEI = 10n ** 9n;

/** Format an integer amount with `decimals` fractional digits, trailing zeros trimmed (keeps at least `minFrac`). */
export function formatUnits(amount: bigint, decimals: number, minFrac = 0): string {
  const neg = amount < 0n;
  const abs = neg ? -amount : amount;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let frac = decimals > 0 ? (abs % base).toString().padStart(decimals, '0') : '';
  frac = frac.replace(/0+$/, '');
  if (frac.length < minFrac) frac = frac.padEnd(minFrac, '0');
  const wholeStr = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + wholeStr + (frac ? '.' + frac : '');
}

/** Parse a decimal string ("0.015", "1,000.5") into integer units; throws on more than `decimals` digits. */
export function parseUnits(text: string, decimals: number): bigint {
  const t = text.trim().replace(/,/g, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) throw new RangeError('not a decimal number');
  const frac = m[2] ?? '';
  if (frac.length > decimals) throw new RangeError('too many decimal places');
  return BigInt(m[1] || '0') * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

/** "0.00123456 BTC" style (8 decimals kept as given, trailing zeros trimmed). */
export function formatBtc(sats: bigint): string {
  return formatUnits(sats, 8) + ' BTC';
}

/** "1,234 sat" style: whole satoshis with thousands separators. */
export function formatSats(sats: bigint): string {
  return formatUnits(sats, 0) + ' sat';
}

/** Wei as ETH (18 decimals, trailing zeros trimmed), e.g. "0.05 ETH". */
export function formatEth(wei: bigint): string {
  return formatUnits(wei, 18) + ' ETH';
}

/** Wei as gwei (9 decimals, trailing zeros trimmed), for gas prices. */
export function formatGwei(wei: bigint): string {
  return formatUnits(wei, 9) + ' gwei';
}
