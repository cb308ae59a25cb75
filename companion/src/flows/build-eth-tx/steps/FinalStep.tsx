/** Last look at the signed transaction before broadcasting. */
import type { AssembledTx } from '../../../../../shared/ethereum/build-tx';
import { Grouped } from '../../../components/Grouped';
import type { EthPending } from '../machine';
import { Summary } from './Summary';

export function FinalStep({ p, tx, busy, onBroadcast, onCancel }: { p: EthPending; tx: AssembledTx; busy: boolean; onBroadcast: () => void; onCancel: () => void }) {
  return (
    <div class="final" data-testid="final-tx">
      <h3>Signed by {tx.from}. Last look before broadcasting</h3>
      <Summary p={p} />
      <p>Transaction hash: <Grouped value={tx.hash} label="Transaction hash" /></p>
      <button type="button" class="primary" disabled={busy} onClick={onBroadcast}>{busy ? 'Broadcasting…' : 'Broadcast'}</button>{' '}
      <button type="button" onClick={onCancel}>Cancel (don't broadcast)</button>
    </div>
  );
}
