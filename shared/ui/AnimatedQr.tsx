/**
 * <AnimatedQr>: shows a UR message as a QR code, cycling fountain-coded parts when it does not fit
 * in one. Frames are prepared ahead in idle time (UR part + QR matrix, a small ring buffer filled by
 * requestIdleCallback), so a tick only draws a ready matrix; the animation stays smooth for 100 KB+
 * payloads. Per-frame costs are exposed as window.__airlockQrDisplayStats (timings only).
 * Speed (frames/s) and density (bytes per fragment) are user controls, remembered in localStorage.
 * The figure carries data-seq (frames shown), data-part / data-parts for tests.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createAnimator, DEFAULT_DENSITY, DEFAULT_FPS, DENSITY_PRESETS, type Animator } from '../ur/animator';
import { renderQrMatrix, type QrMatrix } from '../qr/render';
import { userMessage } from '../errors';
import { drawQr } from './qr-canvas';
import {
  FPS_CHOICES, frameIntervalMs, loadQrDisplaySettings, saveQrDisplaySettings, type DensityPreset, type QrDisplaySettings,
} from './qr-display-settings';
import './qr-ui.css';

const LABELS: Record<string, string> = { low: 'Low — easiest to scan', normal: 'Normal', high: 'High — fewest frames' };
/** Density presets offered to the user (fragment bytes per QR frame), with labels. */
export const QR_DENSITIES: readonly DensityPreset[] = Object.entries(DENSITY_PRESETS).map(([id, fragmentBytes]) => ({
  id, label: LABELS[id] ?? id, fragmentBytes,
}));
const DEFAULTS: QrDisplaySettings = { fps: DEFAULT_FPS, density: DEFAULT_DENSITY };

export interface AnimatedQrProps {
  urType: string;
  cbor: Uint8Array;
  /** Accessible name, e.g. "Account export QR code". */
  label: string;
}

/** Frames prepared ahead of the one on screen. */
const AHEAD = 6;

export interface QrDisplayStats {
  /** Main-thread ms per tick (take a prepared frame, draw it). Last 600. */
  tickMs: number[];
  /** ms to prepare one frame (next UR part + QR matrix), done in idle time. Last 600. */
  prepareMs: number[];
  /** Ticks that found no prepared frame and had to prepare one inline. */
  misses: number;
}
const displayStats: QrDisplayStats = { tickMs: [], prepareMs: [], misses: 0 };
const keep = (a: number[], v: number) => {
  a.push(v);
  if (a.length > 600) a.shift();
};
if (typeof window !== 'undefined') (window as unknown as { __airlockQrDisplayStats?: QrDisplayStats }).__airlockQrDisplayStats = displayStats;

type Idle = (cb: () => void) => void;
const whenIdle: Idle =
  typeof requestIdleCallback === 'function' ? (cb) => requestIdleCallback(cb, { timeout: 40 }) : (cb) => setTimeout(cb, 0);

/** A ring of prepared frames for one animator, topped up in idle time. */
function frameQueue(animator: Animator) {
  const ready: QrMatrix[] = [];
  let scheduled = false;
  let stopped = false;
  const prepare = (): QrMatrix => {
    const t0 = performance.now();
    const m = renderQrMatrix(animator.nextFrame());
    keep(displayStats.prepareMs, performance.now() - t0);
    return m;
  };
  const fill = () => {
    scheduled = false;
    if (stopped) return;
    // One frame per idle slot keeps each slice short; reschedule until the ring is full.
    if (ready.length < AHEAD) ready.push(prepare());
    if (ready.length < AHEAD) schedule();
  };
  let single: QrMatrix | undefined;
  const schedule = () => {
    if (scheduled || stopped || animator.isSinglePart) return;
    scheduled = true;
    whenIdle(fill);
  };
  return {
    next(): QrMatrix {
      if (animator.isSinglePart) return (single ??= prepare());
      const m = ready.shift();
      schedule();
      if (m) return m;
      displayStats.misses++;
      return prepare();
    },
    stop() {
      stopped = true;
    },
  };
}

function maxCssPx(): number {
  if (typeof window === 'undefined') return 480;
  return Math.max(220, Math.min(560, window.innerWidth - 48, Math.round(window.innerHeight * 0.7)));
}

/** Animated (or single) QR of a UR message, with speed/density controls remembered per device. */
export function AnimatedQr({ urType, cbor, label }: AnimatedQrProps) {
  const [settings, setSettings] = useState(() => loadQrDisplaySettings(QR_DENSITIES, DEFAULTS));
  const [paused, setPaused] = useState(false);
  const [seq, setSeq] = useState(0);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const fragmentBytes = QR_DENSITIES.find((d) => d.id === settings.density)?.fragmentBytes ?? DENSITY_PRESETS[DEFAULT_DENSITY];
  const made = useMemo((): { animator: Animator } | { error: unknown } => {
    try {
      return { animator: createAnimator(urType, cbor, { maxFragmentLength: fragmentBytes }) };
    } catch (error) {
      return { error };
    }
  }, [urType, cbor, fragmentBytes]);
  const animator = 'animator' in made ? made.animator : undefined;
  const queue = useMemo(() => (animator ? frameQueue(animator) : undefined), [animator]);
  const counter = useRef(0);

  const step = () => {
    if (!queue || !canvasRef.current) return;
    const t0 = performance.now();
    drawQr(canvasRef.current, queue.next(), maxCssPx());
    keep(displayStats.tickMs, performance.now() - t0);
    counter.current++;
    setSeq(counter.current);
  };

  useEffect(() => {
    counter.current = 0;
    step();
    return () => queue?.stop();
  }, [queue]);

  useEffect(() => {
    if (!animator || !queue || paused || animator.isSinglePart) return;
    const id = setInterval(step, frameIntervalMs(settings.fps));
    return () => clearInterval(id);
  }, [queue, paused, settings.fps]);

  const update = (patch: Partial<QrDisplaySettings>) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    saveQrDisplaySettings(next);
  };

  if (!animator) return <p role="alert">{userMessage('error' in made ? made.error : undefined)}</p>;
  const parts = animator.partCount;
  const part = seq === 0 ? 0 : ((seq - 1) % parts) + 1;
  const partText = animator.isSinglePart ? 'Single QR code' : `Part ${part} of ${parts}${seq > parts ? ' (repeating with mixed parts)' : ''}`;
  return (
    <figure class="animated-qr" data-seq={seq} data-part={part} data-parts={parts}>
      <div class="qr-frame">
        <canvas ref={canvasRef} role="img" aria-label={`${label}: ${partText}`} />
      </div>
      <figcaption class="qr-part" aria-live="off">{partText}</figcaption>
      {!animator.isSinglePart && (
        <div class="qr-controls">
          <button type="button" onClick={() => setPaused(!paused)}>{paused ? 'Resume' : 'Pause'}</button>
          {paused && <button type="button" onClick={step}>Next part</button>}
          <label>
            Speed
            <select value={settings.fps} onChange={(e) => update({ fps: Number(e.currentTarget.value) })}>
              {FPS_CHOICES.map((f) => <option value={f}>{f} frames/s</option>)}
            </select>
          </label>
          <label>
            Density
            <select value={settings.density} onChange={(e) => update({ density: e.currentTarget.value })}>
              {QR_DENSITIES.map((d) => <option value={d.id}>{d.label} ({d.fragmentBytes} B/frame)</option>)}
            </select>
          </label>
        </div>
      )}
      {!animator.isSinglePart && (
        <p class="scan-hint">If the other device stalls, lower the density or the speed. Scanning can start at any part.</p>
      )}
    </figure>
  );
}
