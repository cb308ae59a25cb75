/**
 * The first step of a flow that works on a scanned payload when nothing was scanned yet: what to
 * scan, a button to the scanner and one back home.
 */
import { navigate } from '../state/session';

export function ScanFirst({ title, hint }: { title: string; hint: string }) {
  return (
    <section class="step">
      <h2>{title}</h2>
      <p>{hint}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => navigate('scan')}>Scan a QR code</button>
        <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
      </div>
    </section>
  );
}
