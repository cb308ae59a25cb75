/** Ethereum send form: asset (ETH or an added token), recipient, amount. */
import { SecretGuardInput } from '../../../components/SecretGuardInput';
import type { TokenChoice } from '../answer';

export interface EthDraft { asset: string; to: string; amount: string }

export function FormStep({ draft, onDraft, tokens, busy, onSubmit }: { draft: EthDraft; onDraft: (d: Partial<EthDraft>) => void; tokens: TokenChoice[]; busy: boolean; onSubmit: () => void }) {
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <label for="send-asset">Asset</label>
      <select id="send-asset" value={draft.asset} onChange={(e) => onDraft({ asset: e.currentTarget.value })}>
        <option value="ETH">ETH</option>
        {tokens.map((t) => <option value={t.address}>{t.symbol} ({t.address.slice(0, 10)}…)</option>)}
      </select>
      <SecretGuardInput id="send-to" label="Recipient address" value={draft.to} onValue={(to) => onDraft({ to })} placeholder="0x…" />
      <label for="send-amount">Amount</label>
      <input id="send-amount" type="text" inputMode="decimal" value={draft.amount} onInput={(e) => onDraft({ amount: e.currentTarget.value })} />
      <button type="submit" class="primary" disabled={busy}>{busy ? 'Preparing…' : 'Review'}</button>
    </form>
  );
}
