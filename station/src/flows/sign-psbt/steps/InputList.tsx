import type { ReviewInput } from '../../../../../shared/bitcoin/review';
import { btcAndSats, inputTypeText } from '../present';

const WHY: Record<NonNullable<ReviewInput['reason']>, string> = {
  'missing-utxo': 'uses this key, but carries no coin data: cannot be signed',
  finalized: 'already finalized',
  'unsupported-script': 'uses this key in a script Airlock does not sign',
};

/** Coins spent: amount, script type, and whether this station signs them. */
export function InputList({ inputs }: { inputs: readonly ReviewInput[] }) {
  return (
    <ol class="rows" aria-label="Inputs">
      {inputs.map((i) => {
        const amount = i.valueSats === null ? ['amount unknown', ''] : btcAndSats(i.valueSats);
        return (
          <li key={i.index} class={`row ${i.ours ? '' : 'foreign'}`} data-input={i.index} data-ours={i.ours}>
            <div class="row-head">
              <span class="amount">{amount[0]}<small>{amount[1]}</small></span>
              <span class={`tag ${i.ours ? 'change' : 'data'}`}>{i.ours ? 'yours — will be signed' : 'not signed by this key'}</span>
            </div>
            <p class="hint">
              Input {i.index}: {inputTypeText(i.scriptType)}{i.path ? ` · ${i.path}` : ''}
              {i.reason ? ` · ${WHY[i.reason]}` : ''}
              {i.utxo === 'witness-only' && i.scriptType !== 'p2tr' ? ' · full previous transaction missing' : ''}
            </p>
            <p class="hint"><code>{i.txid}:{i.vout}</code></p>
          </li>
        );
      })}
    </ol>
  );
}
