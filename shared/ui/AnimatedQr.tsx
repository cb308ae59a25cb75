/**
 * <AnimatedQr>: shows a UR message as a QR code, cycling fountain-coded parts when it does not fit
 * in one. Each tick encodes exactly one frame (lazy), so 100 KB+ payloads never freeze the page.
 * Speed (frames/s) and density (bytes per fragment) are user controls, remembered in localStorage.
 * The figure carries data-seq (frames shown), data-part / data-parts for tests.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createAnimator, DEFAULT_DENSITY, DEFAULT_FPS, DENSITY_PRESETS, type Animator } from '../ur/animator';
import { renderQrMatrix } from '../qr/render';
import { userMessage } from '../errors';
import { drawQr } from './qr-canvas';
import {
  FPS_CHOICES, frameIntervalMs, loadQrDisplaySettings, saveQrDisplaySettings, type DensityPreset, type QrDisplaySettings,
} from './qr-display-settings';
import './qr-ui.css';

const LABELS: Record<string, string> = { low: 'Low — easiest to scan', normal: 'Normal', high: 'High — fewest frames' };
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

function maxCssPx(): number {
  if (typeof window === 'undefined') return 480;
  return Math.max(220, Math.min(560, window.innerWidth - 48, Math.round(window.innerHeight * 0.7)));
}

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
  const counter = useRef(0);

  const step = () => {
    if (!animator || !canvasRef.current) return;
    drawQr(canvasRef.current, renderQrMatrix(animator.nextFrame()), maxCssPx());
    counter.current++;
    setSeq(counter.current);
  };

  useEffect(() => {
    counter.current = 0;
    step();
  }, [animator]);

  useEffect(() => {
    if (!animator || paused || animator.isSinglePart) return;
    const id = setInterval(step, frameIntervalMs(settings.fps));
    return () => clearInterval(id);
  }, [animator, paused, settings.fps]);

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
