/** The send's summary (to, amount, token, max fee, nonce, chain) as a definition list. */
import type { EthPending } from '../machine';

export function Summary({ p }: { p: EthPending }) {
  return (
    <dl class="eth-summary">
      {Object.entries(p.summary).map(([k, v]) => <><dt>{k}</dt><dd data-field={k}>{v}</dd></>)}
    </dl>
  );
}
