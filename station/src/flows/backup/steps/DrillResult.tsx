import type { Source } from '../machine';

const SOURCE_TEXT: Record<Source, string> = { slip39: 'These shares', seedqr: 'This SeedQR', words: 'These recovery words' };

/** Outcome of a backup drill: same fingerprint (verified, date recorded) or not. Nothing was changed. */
export function DrillResult({ source, ok, fingerprint, expected, label, onAgain, onDone }: {
  source: Source;
  ok: boolean;
  fingerprint: string;
  expected: string;
  label: string;
  onAgain: () => void;
  onDone: () => void;
}) {
  return (
    <section class="step">
      <h2>{ok ? 'Backup verified' : 'This backup does NOT restore the key'}</h2>
      <div class={ok ? 'notice info' : 'panel error'} role={ok ? 'status' : 'alert'} data-testid="drill-result" data-ok={String(ok)}>
        {ok
          ? <p>{SOURCE_TEXT[source]} restore “{label}”: fingerprint <span class="fingerprint inline">{fingerprint}</span>. Today’s date is recorded as its last check.</p>
          : <p>{SOURCE_TEXT[source]} restore fingerprint <span class="fingerprint inline">{fingerprint}</span>, but “{label}” is <span class="fingerprint inline">{expected}</span>. Check each word or share, or make a new backup.</p>}
      </div>
      <p class="muted">Nothing was added to or replaced in the vault.</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={onAgain}>Check again</button>
        <button type="button" class="primary" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
