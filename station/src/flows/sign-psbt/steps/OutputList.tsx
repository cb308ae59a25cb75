import type { ReviewOutput } from '../../../../../shared/bitcoin/review';
import { Grouped } from '../../../components/Grouped';
import { btcAndSats, outputLabel } from '../present';

/** Every output: amount in BTC and sats, its address in 4-character groups, and its role label. */
export function OutputList({ outputs }: { outputs: readonly ReviewOutput[] }) {
  return (
    <ol class="rows" aria-label="Outputs">
      {outputs.map((o) => {
        const l = outputLabel(o);
        const [btc, sats] = btcAndSats(o.valueSats);
        return (
          <li key={o.index} class={`row ${l.tone}`} data-output={o.index} data-role={o.role}>
            <div class="row-head">
              <span class="amount">{btc}<small>{sats}</small></span>
              <span class={`tag ${l.tone}`} data-label>{l.text}</span>
            </div>
            <p class="hint">Output {o.index}: {l.hint}</p>
            {o.address !== null && <Grouped value={o.address} label={`Address of output ${o.index}`} />}
            {o.role === 'op-return' && <code class="wrap">{o.dataHex || '(empty)'}</code>}
            {o.role === 'unknown-script' && <code class="wrap">{o.scriptHex}</code>}
          </li>
        );
      })}
    </ol>
  );
}
