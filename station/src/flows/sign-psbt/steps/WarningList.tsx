import type { ReviewWarning } from '../../../../../shared/bitcoin/review';
import { WARNING_TITLES, warningSeverity } from '../present';

/** Every warning with its plain-language explanation; money-at-risk ones in red. */
export function WarningList({ warnings }: { warnings: readonly ReviewWarning[] }) {
  if (!warnings.length) return <p class="ok-line" data-no-warnings>No warnings: nothing unusual was found.</p>;
  return (
    <ul class="warnings" aria-label="Warnings">
      {warnings.map((w, i) => (
        <li key={i} class={warningSeverity(w.code)} data-warning={w.code} role={warningSeverity(w.code) === 'danger' ? 'alert' : undefined}>
          <strong>{WARNING_TITLES[w.code]} <span class="muted">({w.code})</span></strong>
          {w.message}
        </li>
      ))}
    </ul>
  );
}
