import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Irreversible actions (sign) need a deliberate gesture (ARCHITECTURE 2.7): press and HOLD the
 * button (mouse, touch, or Space/Enter) for `holdMs`; letting go early cancels. A progress bar
 * shows how far along the hold is. A stray click or a scanner's "Enter" cannot sign anything.
 */
export function HoldToConfirm({ label, onConfirm, holdMs = 1500, disabled = false, danger = false }: {
  label: string;
  onConfirm: () => void;
  holdMs?: number;
  disabled?: boolean;
  danger?: boolean;
}) {
  const [progress, setProgress] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  const started = useRef(0);
  const done = useRef(false);

  const stop = () => {
    if (timer.current !== undefined) clearInterval(timer.current);
    timer.current = undefined;
    if (!done.current) setProgress(0);
  };
  const start = () => {
    if (disabled || done.current || timer.current !== undefined) return;
    started.current = Date.now();
    timer.current = setInterval(() => {
      const p = Math.min(1, (Date.now() - started.current) / holdMs);
      setProgress(p);
      if (p >= 1) {
        done.current = true;
        stop();
        onConfirm();
      }
    }, 40) as unknown as number;
  };
  useEffect(() => stop, []);

  const key = (e: KeyboardEvent, down: boolean) => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    if (down && !e.repeat) start();
    if (!down) stop();
  };
  return (
    <div class="hold-to-confirm">
      <button
        type="button"
        class={danger ? 'danger hold' : 'primary hold'}
        disabled={disabled}
        aria-describedby="hold-hint"
        onPointerDown={(e) => { (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId); start(); }}
        onPointerUp={stop}
        onPointerCancel={stop}
        onPointerLeave={stop}
        onKeyDown={(e) => key(e, true)}
        onKeyUp={(e) => key(e, false)}
        onContextMenu={(e) => e.preventDefault()}
      >
        {label}
      </button>
      <progress max={100} value={Math.round(progress * 100)} aria-label="Hold progress" />
      <p id="hold-hint" class="muted">Press and hold for {Math.round(holdMs / 100) / 10} seconds. Let go to stop.</p>
    </div>
  );
}
