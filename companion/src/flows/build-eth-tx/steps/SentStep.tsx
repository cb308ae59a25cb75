/** Broadcast accepted: the hash, then the block it was mined in (or that it reverted). */
import { Grouped } from '../../../components/Grouped';
import type { EvmReceipt } from '../../../net/types';
import { sentTitle } from '../machine';

export function SentStep({ hash, receipt, onBack }: { hash: string; receipt: EvmReceipt | null; onBack: () => void }) {
  return (
    <div class="done ok" role="status" data-testid="broadcast-done" data-txid={hash} data-mined={receipt ? String(receipt.blockNumber) : ''}>
      <h3>{sentTitle(receipt)}</h3>
      <p>Transaction hash: <Grouped value={hash} label="Transaction hash" /></p>
      <button type="button" onClick={onBack}>Back to the account</button>
    </div>
  );
}
