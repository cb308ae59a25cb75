/**
 * Transfer benchmark: frames needed to complete (mean of 20 trials, random frame loss) and seconds /
 * effective KB/s at DEFAULT_FPS, for 2/10/50 KB payloads at each density preset with 0/20/40 % loss,
 * plus main-thread time per pushed frame (assembler + bc-ur fountain decoder).
 */
import { performance } from 'node:perf_hooks';
import { printTable } from './util';
import { createAnimator, DEFAULT_FPS, DENSITY_PRESETS } from '../../shared/ur/animator';
import { createAssembler } from '../../shared/ur/assembler';
import { encodePsbtCbor } from '../../shared/ur/registry';

export async function run(): Promise<void> {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
  const rows: (string | number)[][] = [['payload', 'B/frag', 'parts', 'loss', 'frames (mean)', 'max', `s @${DEFAULT_FPS}fps`, 'KB/s', 'ms/push']];
  for (const kb of [2, 10, 50]) {
    for (const frag of Object.values(DENSITY_PRESETS)) {
      for (const loss of [0, 0.2, 0.4]) {
        const trials = kb === 50 && frag < 200 ? 5 : 20;
        let total = 0;
        let max = 0;
        let pushMs = 0;
        let pushes = 0;
        let parts = 0;
        for (let t = 0; t < trials; t++) {
          const cbor = encodePsbtCbor(Uint8Array.from({ length: kb * 1000 }, () => Math.floor(rnd() * 256)));
          const an = createAnimator('crypto-psbt', cbor, { maxFragmentLength: frag });
          parts = an.partCount;
          const a = createAssembler();
          let frames = 0;
          for (;;) {
            const f = an.nextFrame();
            frames++;
            if (rnd() < loss) continue;
            const t0 = performance.now();
            const s = a.push(f);
            pushMs += performance.now() - t0;
            pushes++;
            if (s.kind === 'complete') break;
            if (s.kind === 'failed' || frames > 50 * parts) throw new Error(`transfer failed: ${s.kind}`);
          }
          total += frames;
          max = Math.max(max, frames);
        }
        const mean = total / trials;
        const secs = mean / DEFAULT_FPS;
        rows.push([`${kb} KB`, frag, parts, `${loss * 100}%`, mean.toFixed(1) + (trials < 20 ? ` (${trials} trials)` : ''), max, secs.toFixed(1), (kb / secs).toFixed(2), (pushMs / pushes).toFixed(2)]);
      }
    }
  }
  printTable(`Animated UR transfer (fountain codes, random frame loss, ${DEFAULT_FPS} fps)`, rows);
}
