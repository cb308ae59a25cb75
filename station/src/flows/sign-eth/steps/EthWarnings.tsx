import type { EthWarning } from '../../../../../shared/ethereum/review';
import { ETH_WARNING_TITLES, ethWarningSeverity } from '../present';

/** Loud warnings: red for anything that can cost money, amber for the unknown-chain notice. */
export function EthWarnings({ warnings }: { warnings: readonly EthWarning[] }) {
  if (!warnings.length) return <p class="ok-line" data-no-warnings>No warnings: nothing unusual was found.</p>;
  return (
    <ul class="warnings" aria-label="Warnings">
      {warnings.map((w, i) => (
        <li key={i} class={ethWarningSeverity(w.code)} data-warning={w.code} role={ethWarningSeverity(w.code) === 'danger' ? 'alert' : undefined}>
          <strong>{ETH_WARNING_TITLES[w.code]} <span class="muted">({w.code})</span></strong>
          {w.message}
        </li>
      ))}
    </ul>
  );
}
