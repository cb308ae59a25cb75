/**
 * Main-thread side of the decode worker: one request in flight per frame, results matched by id.
 * The worker is bundled inline (`?worker&inline`) so it loads from a blob: URL under the station's
 * CSP and the station stays one self-contained file.
 */
import DecodeWorker from './scan.worker.ts?worker&inline';
import { transferablesOf, type DecoderName, type FramePixels, type FromWorker } from './worker-protocol';

export interface DecodeResult {
  text?: string;
  /** Worker-side decode time, ms. */
  ms: number;
  width: number;
  height: number;
}

export interface DecoderClient {
  decode(pixels: FramePixels): Promise<DecodeResult>;
  dispose(): void;
}

/** Start a decode worker. `decoder` picks the QR library inside it (default `qr`). */
export function createDecoderClient(decoder: DecoderName = 'qr'): DecoderClient {
  const worker: Worker = new DecodeWorker();
  const pending = new Map<number, (r: DecodeResult) => void>();
  let nextId = 1;
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    if (m.type !== 'result') return;
    const resolve = pending.get(m.id);
    pending.delete(m.id);
    resolve?.({ text: m.text, ms: m.ms, width: m.width, height: m.height });
  };
  worker.postMessage({ type: 'config', decoder });
  return {
    decode(pixels) {
      const id = nextId++;
      return new Promise<DecodeResult>((resolve) => {
        pending.set(id, resolve);
        const msg = { type: 'frame' as const, id, pixels };
        worker.postMessage(msg, transferablesOf(msg));
      });
    },
    dispose() {
      worker.terminate();
      for (const r of pending.values()) r({ ms: 0, width: 0, height: 0 });
      pending.clear();
    },
  };
}
