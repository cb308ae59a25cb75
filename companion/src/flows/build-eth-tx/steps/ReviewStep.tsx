/** What will be sent to the station. */
import type { EthPending } from '../machine';
import { Summary } from './Summary';

export function ReviewStep({ p, onShow, onBack }: { p: EthPending; onShow: () => void; onBack: () => void }) {
  return (
    <div class="review">
      <h3>Check before sending to the station</h3>
      <Summary p={p} />
      <button type="button" class="primary" onClick={onShow}>Show to the station</button>{' '}
      <button type="button" onClick={onBack}>Back</button>
    </div>
  );
}
