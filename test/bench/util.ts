/**
 * Benchmark helpers: run a function repeatedly, report median/p95 in ms, print aligned tables.
 * Benchmarks measure; tests never assert times (developers' brief).
 */
import { performance } from 'node:perf_hooks';

export interface Stats {
  runs: number;
  medianMs: number;
  p95Ms: number;
  meanMs: number;
}

/** Time `fn` `runs` times (after `warmup` untimed runs). */
export async function measure(fn: () => unknown | Promise<unknown>, runs = 5, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return summarize(t);
}

export function summarize(samples: number[]): Stats {
  const t = [...samples].sort((a, b) => a - b);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * (t.length - 1) + 0.5))];
  return { runs: t.length, medianMs: q(0.5), p95Ms: q(0.95), meanMs: t.reduce((a, b) => a + b, 0) / t.length };
}

export function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** Print a table with a title; the first row is the header. */
export function printTable(title: string, rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(`\n### ${title}\n`);
  console.log(line(cells[0]));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of cells.slice(1)) console.log(line(r));
}
