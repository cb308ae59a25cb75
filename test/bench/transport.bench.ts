/**
 * Transfer benchmark (issue 3): frames needed to complete an animated UR transfer under random frame
 * loss, seconds and effective KB/s at DEFAULT_FPS, and the cost per frame of the receiving side.
 *
 * Table 1 compares the two fountain decoders on the SAME part streams (same message, same loss
 * pattern per trial): shared/ur/fountain-decoder.ts (Gaussian elimination, the default) and bc-ur's
 * URDecoder (peeling), at the default density, 2/10/50/100 KB, 0/20/40 % loss. "ms/frame" is the full
 * `assembler.push(text)` cost of one received frame (bytewords + CBOR parse, fragment chooser,
 * decoder), averaged over one whole transfer.
 * Table 2 picks the density: frames / seconds / KB/s with the elimination decoder at every preset.
 */
import { performance } from 'node:perf_hooks';
import { printTable } from './util';
import { createAnimator, DEFAULT_DENSITY, DEFAULT_FPS, DENSITY_PRESETS } from '../../shared/ur/animator';
import { createAssembler } from '../../shared/ur/assembler';
import { createFountainSink, parseUr, type FountainEngine, type ParsedUr } from '../../shared/ur/bcur-adapter';
import { encodePsbtCbor } from '../../shared/ur/registry';

type Part = Extract<ParsedUr, { kind: 'part' }>;
const LOSSES = [0, 0.2, 0.4];

function rng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** One message's frames (texts + parsed parts), enough for 40 % loss with margin. */
function stream(kb: number, frag: number, seed: number) {
  const r = rng(seed);
  const cbor = encodePsbtCbor(Uint8Array.from({ length: kb * 1000 }, () => Math.floor(r() * 256)));
  const an = createAnimator('crypto-psbt', cbor, { maxFragmentLength: frag });
  const texts = Array.from({ length: Math.ceil(an.partCount * 3.5) + 30 }, () => an.nextFrame());
  const parts = texts.map((t) => parseUr(t) as Part);
  return { texts, parts, n: an.partCount };
}

/** Frames shown until `engine` completes, given a loss pattern (true = frame lost). */
function framesNeeded(parts: Part[], lost: boolean[], engine: FountainEngine): number {
  const sink = createFountainSink(engine);
  for (let i = 0; i < parts.length; i++) {
    if (lost[i]) continue;
    sink.receive(parts[i]);
    if (sink.state() === 'done') return i + 1;
    if (sink.state() === 'failed') throw new Error('decode failed');
  }
  throw new Error(`not complete after ${parts.length} frames`);
}

/** Mean ms of assembler.push per received frame over one transfer. */
function pushMs(texts: string[], lost: boolean[], engine: FountainEngine): number {
  const a = createAssembler({ fountain: engine });
  let ms = 0;
  let pushes = 0;
  for (let i = 0; i < texts.length; i++) {
    if (lost[i]) continue;
    const t0 = performance.now();
    const s = a.push(texts[i]);
    ms += performance.now() - t0;
    pushes++;
    if (s.kind === 'complete') break;
  }
  return ms / pushes;
}

const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const kbps = (kb: number, frames: number) => (kb / (frames / DEFAULT_FPS)).toFixed(2);

export async function run(): Promise<void> {
  const frag = DENSITY_PRESETS[DEFAULT_DENSITY];
  const t1: (string | number)[][] = [[
    'payload', 'parts', 'loss', 'frames elim (mean 20)', 'frames bc-ur', 'elim/n', 'bc-ur/n', `s @${DEFAULT_FPS}fps elim`, 'KB/s elim', 'KB/s bc-ur', 'ms/frame elim', 'ms/frame bc-ur',
  ]];
  for (const kb of [2, 10, 50, 100]) {
    const s = stream(kb, frag, kb * 17);
    const refTrials = kb <= 10 ? 20 : kb === 50 ? 6 : 3;
    for (const loss of LOSSES) {
      const r = rng(1000 + kb + loss * 100);
      const elim: number[] = [];
      const ref: number[] = [];
      let patterns: boolean[][] = [];
      for (let t = 0; t < 20; t++) {
        const lost = s.parts.map(() => r() < loss);
        patterns.push(lost);
        elim.push(framesNeeded(s.parts, lost, 'elimination'));
        if (t < refTrials) ref.push(framesNeeded(s.parts, lost, 'bc-ur'));
      }
      const me = mean(elim);
      const mr = mean(ref);
      t1.push([
        `${kb} KB`, s.n, `${loss * 100}%`, me.toFixed(1), mr.toFixed(1) + (refTrials < 20 ? ` (${refTrials})` : ''),
        (me / s.n).toFixed(2), (mr / s.n).toFixed(2), (me / DEFAULT_FPS).toFixed(1), kbps(kb, me), kbps(kb, mr),
        pushMs(s.texts, patterns[0], 'elimination').toFixed(2), pushMs(s.texts, patterns[0], 'bc-ur').toFixed(2),
      ]);
      patterns = [];
    }
  }
  printTable(`Fountain decoders side by side, ${frag} B fragments (elimination = shared/ur/fountain-decoder.ts; bc-ur = URDecoder; bc-ur trial count in parentheses)`, t1);

  const t2: (string | number)[][] = [['payload', 'density', 'B/frag', 'parts', 'loss', 'frames (mean 20)', 'max', `s @${DEFAULT_FPS}fps`, 'KB/s']];
  for (const kb of [2, 10, 50]) {
    for (const [name, f] of Object.entries(DENSITY_PRESETS)) {
      const s = stream(kb, f, kb * 31 + f);
      for (const loss of LOSSES) {
        const r = rng(7 + kb + f + loss * 1000);
        const fr = Array.from({ length: 20 }, () => framesNeeded(s.parts, s.parts.map(() => r() < loss), 'elimination'));
        const m = mean(fr);
        t2.push([`${kb} KB`, name, f, s.n, `${loss * 100}%`, m.toFixed(1), Math.max(...fr), (m / DEFAULT_FPS).toFixed(1), kbps(kb, m)]);
      }
    }
  }
  printTable(`Transfer by density (elimination decoder, random frame loss, ${DEFAULT_FPS} fps)`, t2);
}
