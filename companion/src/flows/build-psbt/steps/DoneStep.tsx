/** Broadcast accepted: the transaction id. */
import { Grouped } from '../../../components/Grouped';

export function DoneStep({ txid, onBack }: { txid: string; onBack: () => void }) {
  return (
    <div class="done ok" role="status" data-testid="broadcast-done" data-txid={txid}>
      <h3>Sent</h3>
      <p>Transaction id: <Grouped value={txid} label="Transaction id" /></p>
      <button type="button" onClick={onBack}>Back to the account</button>
    </div>
  );
}
