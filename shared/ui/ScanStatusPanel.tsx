/**
 * What the scanner shows under the viewfinder: waiting hint, progress bar with the arriving type,
 * the done state, or a failure with its how-to-fix hint and a "Restart scan" button.
 * Presentational: data in, callbacks out.
 */
import type { ScanCounters, ScanView } from './scan/scan-session';
import { payloadName, scanFailureText, urTypeName } from './scan/scan-messages';

/** Status line(s) for one ScanView, with counters and a restart callback. */
export function ScanStatusPanel({ view, counters, onRestart }: {
  view: ScanView;
  counters: ScanCounters;
  onRestart: () => void;
}) {
  switch (view.phase) {
    case 'waiting':
      return (
        <div class="scan-status" aria-live="polite">
          <p class="scan-headline">Waiting for a QR code…</p>
          <p class="scan-hint">Hold the code 15–30 cm from the camera so it fills about half of the picture.</p>
        </div>
      );
    case 'progress':
      return (
        <div class="scan-status" aria-live="polite">
          <p class="scan-headline">Receiving {urTypeName(view.urType)}… {view.percent}%</p>
          <progress class="scan-progress" max={100} value={view.percent} aria-label="Scan progress" />
          <p class="scan-hint">
            {view.received} of {view.expected} parts. Keep the camera steady; parts can arrive in any order.
          </p>
          <Counters counters={counters} />
        </div>
      );
    case 'done':
      return (
        <div class="scan-status scan-done" role="status">
          <p class="scan-headline">✓ Received: {payloadName(view.payload)}, {view.byteLength.toLocaleString('en-US')} bytes</p>
          <progress class="scan-progress" max={100} value={100} aria-label="Scan progress" />
        </div>
      );
    case 'failed': {
      const { message, hint } = scanFailureText(view.code, view.detail);
      return (
        <div class="scan-status scan-failed" role="alert">
          <p class="scan-headline">{message}</p>
          {hint && <p class="scan-hint">{hint}</p>}
          <button type="button" onClick={onRestart}>Restart scan</button>
        </div>
      );
    }
  }
}

function Counters({ counters }: { counters: ScanCounters }) {
  if (!counters.corrupt && !counters.duplicate) return null;
  return (
    <p class="scan-counters">
      {counters.corrupt > 0 && <span>{counters.corrupt} damaged frame{counters.corrupt === 1 ? '' : 's'} ignored. </span>}
      {counters.duplicate > 0 && <span>{counters.duplicate} repeated frame{counters.duplicate === 1 ? '' : 's'} skipped.</span>}
    </p>
  );
}
