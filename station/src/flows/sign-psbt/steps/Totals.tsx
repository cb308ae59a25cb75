import type { PsbtReview } from '../../../../../shared/bitcoin/review';
import { formatBtc, formatSats } from '../../../../../shared/units';
import { feeText } from '../present';

/** Sent to others, fee (sats and sat/vB), change back to you, and the total leaving the wallet. */
export function Totals({ review }: { review: PsbtReview }) {
  const leaving = review.feeSats === null ? null : review.sentSats + review.feeSats;
  return (
    <table class="totals" aria-label="Totals">
      <tbody>
        <tr data-total="sent"><th>Sent to others</th><td>{formatBtc(review.sentSats)} · {formatSats(review.sentSats)}</td></tr>
        <tr data-total="fee"><th>Network fee</th><td>{feeText(review)}</td></tr>
        <tr data-total="change"><th>Change back to you</th><td>{formatBtc(review.changeSats)} · {formatSats(review.changeSats)}</td></tr>
        <tr class="total" data-total="leaving">
          <th>Leaves your wallet</th>
          <td>{leaving === null ? 'unknown' : `${formatBtc(leaving)} · ${formatSats(leaving)}`}</td>
        </tr>
      </tbody>
    </table>
  );
}
