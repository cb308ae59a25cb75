/** What will be sent to the station: outputs with roles, fee and fee rate. */
import { formatBtc } from '../../../../../shared/units';
import type { BtcPending } from '../machine';
import { Outputs } from './Outputs';

export function ReviewStep({ p, onShow, onBack }: { p: BtcPending; onShow: () => void; onBack: () => void }) {
  return (
    <div class="review">
      <h3>Check before sending to the station</h3>
      <Outputs outputs={p.outputs} />
      <p data-testid="fee">Fee: {formatBtc(p.feeSats)} (~{(Number(p.feeSats) / p.vsize).toFixed(1)} sat/vB, {p.vsize} vB)</p>
      <button type="button" class="primary" onClick={onShow}>Show to the station</button>{' '}
      <button type="button" onClick={onBack}>Back</button>
    </div>
  );
}
