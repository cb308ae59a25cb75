import type { EthReview } from '../../../../../shared/ethereum/review';
import { formatEth } from '../../../../../shared/units';
import { Grouped } from '../../../components/Grouped';
import { HoldToConfirm } from '../../../components/HoldToConfirm';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import type { KeyInfo } from '../machine';
import { chainText, feeRows, headline, kindText } from '../present';
import { EthWarnings } from './EthWarnings';
import { EthData } from './EthData';

/** The Ethereum review: headline, warnings, chain/from/to/value, fees and max cost, decoded data; then hold to sign. */
export function EthReviewStep({ review, keyInfo, busy, onConfirm, onCancel }: {
  review: EthReview;
  keyInfo: KeyInfo;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const isTx = review.kind !== 'typed-data' && review.kind !== 'personal-message';
  return (
    <section class="step wide review" data-step="eth-review" data-kind={review.kind}>
      <h2>{headline(review)}</h2>
      <div class="summary">
        <span>Chain: <strong data-chain-id={review.chain.id.toString()}>{chainText(review)}</strong></span>
        <span>Type: {kindText(review)}</span>
        <span>Key: <strong>{keyInfo.label}</strong> <span class="fingerprint inline">{keyInfo.fingerprint}</span></span>
      </div>
      <section aria-labelledby="eth-warnings">
        <h3 id="eth-warnings">Warnings</h3>
        <EthWarnings warnings={review.warnings} />
      </section>
      <dl class="kv">
        <dt>From (your address)</dt>
        <dd>{review.from ? <Grouped value={review.from} label="From address" /> : '—'} <span class="muted">{review.path}</span></dd>
        {isTx && (
          <>
            <dt>{review.data?.type === 'token-call' || review.data?.type === 'unknown-call' ? 'To (contract called)' : 'To'}</dt>
            <dd>{review.to ? <Grouped value={review.to} label="To address" /> : <strong>none — creates a contract</strong>}</dd>
            <dt>Value</dt>
            <dd class="big" data-value-wei={review.valueWei.toString()}>{formatEth(review.valueWei)}</dd>
            {feeRows(review).map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
            <dt>Maximum total cost</dt>
            <dd class="big">{formatEth(review.maxCostWei)}</dd>
          </>
        )}
        {review.origin && <><dt>Requested by (as the wallet claims)</dt><dd>{review.origin}</dd></>}
      </dl>
      <EthData data={review.data} />
      <p>Nothing is signed until you hold the button below.</p>
      <HoldToConfirm label={busy ? 'Signing…' : 'Hold to sign'} onConfirm={onConfirm} disabled={busy} />
      <div class="actions">
        <ConfirmCancel onCancel={onCancel} question="Discard this request without signing?" label="Cancel — do not sign" />
      </div>
    </section>
  );
}
