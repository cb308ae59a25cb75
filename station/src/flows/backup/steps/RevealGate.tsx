import { useState } from 'preact/hooks';

/** Explicit request before a secret is shown (SeedQR, words): a warning and a deliberate tick. */
export function RevealGate({ what, busy, onReveal, onCancel }: { what: string; busy?: boolean; onReveal: () => void; onCancel: () => void }) {
  const [sure, setSure] = useState(false);
  return (
    <section class="step">
      <h2>Show the {what}?</h2>
      <p class="warning"><strong>The {what} will show your secret key.</strong> Anyone or anything that sees it — a person, a phone, a webcam, a screen recording — can take the funds. Only continue to copy it onto paper or metal.</p>
      <label class="check"><input type="checkbox" checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} /> No one and no camera can see this screen</label>
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
        <button type="button" class="danger" disabled={!sure || busy} onClick={onReveal}>Show the {what}</button>
      </div>
    </section>
  );
}
