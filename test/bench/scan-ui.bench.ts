/**
 * Scan UI benchmark (issue 3, "main-thread time per frame while scanning"): the built station in
 * headless Chromium scans an animated crypto-psbt from a fake webcam (Y4M, QR at 12 fps, 20 % of the
 * QR frames dropped from the video to model frame loss) and we read:
 *  - window.__airlockScanStats: main-thread ms per frame (post + answer handling + the render it
 *    triggers), worker decode ms, worker assembly ms (assembler + fountain decoder);
 *  - Chromium's own main-thread TaskDuration (CDP Performance.getMetrics) over the scan, per frame —
 *    everything the renderer's main thread did, not just our code;
 *  - wall time from the first part read to "done" → effective KB/s through the webcam.
 * Needs dist/station (built here when missing) and /usr/bin/chromium. Video files go to test-results/.
 */
import { execSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { Transaction, p2wpkh, NETWORK } from '@scure/btc-signer';
import { fmtMs, printTable, summarize } from './util';
import { launch, RESULTS_DIR } from '../e2e/support/browser';
import { writeQrVideo } from '../e2e/support/qr-video';
import { openScan, setUpStation, TEST_MNEMONIC } from '../e2e/support/station';
import { createAnimator, DEFAULT_DENSITY, DEFAULT_FPS, DENSITY_PRESETS } from '../../shared/ur/animator';
import { encodePsbtCbor } from '../../shared/ur/registry';

const root = resolve(import.meta.dirname, '../..');

/** A real PSBT of about `kb` KB: one P2WPKH input of the test key, many P2WPKH outputs. */
function psbtOf(kb: number): Uint8Array {
  const rootKey = HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC));
  const key = rootKey.derive("m/84'/0'/0'/0/0");
  const spk = p2wpkh(key.publicKey!, NETWORK).script;
  const tx = new Transaction();
  tx.addInput({ txid: new Uint8Array(32).fill(7), index: 0, witnessUtxo: { script: spk, amount: 10_000_000_000n } });
  const account = rootKey.derive("m/84'/0'/0'/1");
  for (let i = 0; tx.toPSBT().length < kb * 1000; i++) {
    for (let j = 0; j < 20; j++) tx.addOutputAddress(p2wpkh(account.deriveChild(i * 20 + j).publicKey!, NETWORK).address!, 10_000n + BigInt(i), NETWORK);
  }
  return tx.toPSBT();
}

interface Run {
  label: string;
  bytes: number;
  parts: number;
  seconds: number;
  frames: number;
  framesWithCode: number;
  main: number[];
  worker: number[];
  assemble: number[];
  taskMsPerFrame: number;
}

async function scanOnce(label: string, kb: number, width: number, height: number, url: string): Promise<Run> {
  const psbt = psbtOf(kb);
  const cbor = encodePsbtCbor(psbt);
  const an = createAnimator('crypto-psbt', cbor, { maxFragmentLength: DENSITY_PRESETS[DEFAULT_DENSITY] });
  let seed = kb * 7 + width;
  const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const texts: string[] = [];
  for (let i = 0; i < an.partCount * 3 + 20; i++) {
    const t = an.nextFrame();
    if (r() >= 0.2) texts.push(t); // 20 % of the QR frames never reach the camera
  }
  const video = writeQrVideo(resolve(RESULTS_DIR, 'bench', `scan-${kb}k-${height}p.y4m`), texts, { width, height, fps: DEFAULT_FPS * 2, repeat: 2 });
  const s = await launch({ fakeVideo: video });
  try {
    await setUpStation(s.page, url);
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => {
      const m = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return m.metrics.find((x) => x.name === 'TaskDuration')?.value ?? 0;
    };
    await openScan(s.page);
    await s.page.locator('.qr-scanner[data-scan-phase="progress"]').waitFor({ timeout: 60_000 });
    const t0 = Date.now();
    const task0 = await taskSeconds();
    const frames0 = await s.page.evaluate(() => (globalThis as unknown as { __airlockScanStats: { frames: number } }).__airlockScanStats.frames);
    await s.page.locator('[data-received-kind], .qr-scanner[data-scan-phase="done"]').first().waitFor({ timeout: 120_000 });
    const seconds = (Date.now() - t0) / 1000 + 1 / DEFAULT_FPS;
    const task1 = await taskSeconds();
    const st = await s.page.evaluate(() => {
      const x = (globalThis as unknown as { __airlockScanStats: { frames: number; framesWithCode: number; mainMs: number[]; workerMs: number[]; assembleMs: number[] } }).__airlockScanStats;
      return { frames: x.frames, framesWithCode: x.framesWithCode, main: x.mainMs, worker: x.workerMs, assemble: x.assembleMs };
    });
    const errors = s.errors.filter((e) => !e.includes('favicon'));
    if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
    return {
      label, bytes: psbt.length, parts: an.partCount, seconds, frames: st.frames, framesWithCode: st.framesWithCode,
      main: st.main, worker: st.worker, assemble: st.assemble,
      taskMsPerFrame: ((task1 - task0) * 1000) / Math.max(1, st.frames - frames0),
    };
  } finally {
    await s.close();
    rmSync(video, { force: true });
  }
}

export async function run(): Promise<void> {
  if (!existsSync(resolve(root, 'dist/station/index.html'))) execSync('npm run -s build:station', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  // @ts-expect-error plain JS module without types
  const { startServer } = await import('../../station/server/serve.mjs');
  const { server, urls } = await startServer({ port: 0, root: resolve(root, 'dist') });
  const runs: Run[] = [];
  try {
    runs.push(await scanOnce('10 KB PSBT, 1280×720', 10, 1280, 720, urls.station));
    runs.push(await scanOnce('50 KB PSBT, 640×480', 50, 640, 480, urls.station));
  } finally {
    await new Promise((ok) => server.close(ok));
  }
  const rows: (string | number)[][] = [[
    'scan', 'bytes', 'parts', 'frames', 'with code', 'main ms median', 'main ms p95', 'main ms max', 'Chromium main-thread ms/frame', 'worker decode median', 'worker assemble median', 'assemble p95', 's to done', 'KB/s',
  ]];
  for (const x of runs) {
    const m = summarize(x.main);
    const w = summarize(x.worker);
    const a = summarize(x.assemble.length ? x.assemble : [0]);
    rows.push([
      x.label, x.bytes, x.parts, x.frames, x.framesWithCode, fmtMs(m.medianMs), fmtMs(m.p95Ms), fmtMs(Math.max(...x.main)), fmtMs(x.taskMsPerFrame),
      fmtMs(w.medianMs), fmtMs(a.medianMs), fmtMs(a.p95Ms), x.seconds.toFixed(1), (x.bytes / 1000 / x.seconds).toFixed(2),
    ]);
  }
  printTable(`Station scanner in Chromium, fake webcam, ${DENSITY_PRESETS[DEFAULT_DENSITY]} B fragments at ${DEFAULT_FPS} fps, 20 % of QR frames dropped`, rows);
}
