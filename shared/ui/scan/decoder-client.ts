/**
 * Main-thread side of the scan worker: one request in flight per frame, answers matched by id.
 * With `startSession` the worker also assembles the scanned texts (UR/BBQr, fountain decoding) and
 * answers with ScanUpdates; pasted texts and restarts go through the same worker session, so there
 * is exactly one assembler per scanner.
 * The worker is bundled inline (`?worker&inline`) so it loads from a blob: URL under the station's
 * CSP and the station stays one self-contained file.
 */
import DecodeWorker from './scan.worker.ts?worker&inline';
import type { AcceptPolicy } from './scan-session';
import { transferablesOf, type DecoderName, type FramePixels, type FromWorker, type ScanUpdate, type ToWorker } from './worker-protocol';

export interface DecodeResult {
  /** Decoded text (no session running). */
  text?: string;
  /** Session update (session running and a code was decoded). */
  scan?: ScanUpdate;
  /** Worker-side decode time, ms. */
  ms: number;
  width: number;
  height: number;
}

export interface DecoderClient {
  decode(pixels: FramePixels): Promise<DecodeResult>;
  /** Run the scan session in the worker from now on (replaces any previous one). */
  startSession(accept: AcceptPolicy, maxBytes: number): void;
  /** Feed typed/pasted texts to the worker's session. */
  pushTexts(texts: string[]): Promise<ScanUpdate>;
  /** Forget what the session received. */
  restart(): Promise<ScanUpdate>;
  dispose(): void;
}

/** Start a scan worker. `decoder` picks the QR library inside it (default `qr`). */
export function createDecoderClient(decoder: DecoderName = 'qr'): DecoderClient {
  const worker: Worker = new DecodeWorker();
  const pending = new Map<number, (m: FromWorker) => void>();
  let nextId = 1;
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    if (m.type === 'ready') return;
    const resolve = pending.get(m.id);
    pending.delete(m.id);
    resolve?.(m);
  };
  const post = (msg: ToWorker) => worker.postMessage(msg, transferablesOf(msg));
  const request = (make: (id: number) => ToWorker) => {
    const id = nextId++;
    return new Promise<FromWorker>((resolve) => {
      pending.set(id, resolve);
      post(make(id));
    });
  };
  const scanOf = (m: FromWorker): ScanUpdate => {
    if (m.type === 'scan') return m.scan;
    throw new Error('scan worker stopped');
  };
  post({ type: 'config', decoder });
  return {
    async decode(pixels) {
      const m = await request((id) => ({ type: 'frame', id, pixels }));
      return m.type === 'result' ? { text: m.text, scan: m.scan, ms: m.ms, width: m.width, height: m.height } : { ms: 0, width: 0, height: 0 };
    },
    startSession(accept, maxBytes) {
      post({ type: 'session', accept: { urTypes: [...accept.urTypes], text: accept.text, expected: accept.expected }, maxBytes });
    },
    pushTexts: async (texts) => scanOf(await request((id) => ({ type: 'texts', id, texts }))),
    restart: async () => scanOf(await request((id) => ({ type: 'restart', id }))),
    dispose() {
      worker.terminate();
      for (const r of pending.values()) r({ type: 'ready' });
      pending.clear();
    },
  };
}
