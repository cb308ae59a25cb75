/** Bitcoin send form: recipient, amount or max, fee rate (with the server's estimates). */
import type { NetworkName } from '../../../../../shared/bitcoin/networks';
import { SecretGuardInput } from '../../../components/SecretGuardInput';
import type { BtcDraft } from '../answer';

export interface FeeHints { fast: number; normal: number; slow: number }

export function FormStep({ draft, onDraft, fees, network, busy, onSubmit }: { draft: BtcDraft; onDraft: (d: Partial<BtcDraft>) => void; fees: FeeHints | null; network: NetworkName; busy: boolean; onSubmit: () => void }) {
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <SecretGuardInput id="send-to" label="Recipient address" value={draft.to} onValue={(to) => onDraft({ to })} placeholder={network === 'mainnet' ? 'bc1…' : 'tb1… / bcrt1…'} />
      <label for="send-amount">Amount (BTC)</label>
      <input id="send-amount" type="text" inputMode="decimal" value={draft.amount} disabled={draft.max} onInput={(e) => onDraft({ amount: e.currentTarget.value })} />
      <label class="check"><input type="checkbox" checked={draft.max} onChange={(e) => onDraft({ max: e.currentTarget.checked })} /> Send everything (max)</label>
      <label for="send-fee">Fee rate (sat/vB)</label>
      <input id="send-fee" type="text" inputMode="decimal" value={draft.fee} onInput={(e) => onDraft({ fee: e.currentTarget.value })} />
      {fees && <p class="muted">Server estimates: next block {fees.fast}, ~30 min {fees.normal}, ~1 h {fees.slow} sat/vB</p>}
      <p class="muted">Replace-by-fee is on: you can bump the fee later. Change goes to your next change address.</p>
      <button type="submit" class="primary" disabled={busy}>{busy ? 'Preparing…' : 'Review'}</button>
    </form>
  );
}
