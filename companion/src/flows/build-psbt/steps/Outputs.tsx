/** Table of a Bitcoin transaction's outputs: address (grouped), amount, role. */
import { formatBtc } from '../../../../../shared/units';
import { Grouped } from '../../../components/Grouped';

export function Outputs({ outputs }: { outputs: { address: string | null; amountSats: bigint; role?: string }[] }) {
  return (
    <table class="outputs">
      <thead><tr><th>To</th><th>Amount</th><th>Role</th></tr></thead>
      <tbody>
        {outputs.map((o) => (
          <tr data-role={o.role ?? ''}>
            <td>{o.address ? <Grouped value={o.address} /> : 'non-standard'}</td>
            <td data-sats={String(o.amountSats)}>{formatBtc(o.amountSats)}</td>
            <td>{o.role === 'change' ? 'change (back to you)' : o.role ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
