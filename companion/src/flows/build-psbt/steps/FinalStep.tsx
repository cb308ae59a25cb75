/** Last look at the signed transaction before broadcasting. */
import type { FinalTx } from '../../../../../shared/bitcoin/build-psbt';
import { formatBtc } from '../../../../../shared/units';
import { Grouped } from '../../../components/Grouped';
import type { BtcPending } from '../machine';
import { Outputs } from './Outputs';

export function FinalStep({ p, final, busy, onBroadcast, onCancel }: { p: BtcPending; final: FinalTx; busy: boolean; onBroadcast: () => void; onCancel: () => void }) {
  return (
    <div class="final" data-testid="final-tx">
      <h3>Signed. Last look before broadcasting</h3>
      <Outputs outputs={final.outputs.map((o, i) => ({ ...o, role: p.outputs[i]?.role }))} />
      <p data-testid="final-fee">Fee: {formatBtc(final.feeSats)} ({(Number(final.feeSats) / final.vsize).toFixed(1)} sat/vB)</p>
      <p>Transaction id: <Grouped value={final.txid} label="Transaction id" /></p>
      <button type="button" class="primary" disabled={busy} onClick={onBroadcast}>{busy ? 'Broadcasting…' : 'Broadcast'}</button>{' '}
      <button type="button" onClick={onCancel}>Cancel (don't broadcast)</button>
    </div>
  );
}
