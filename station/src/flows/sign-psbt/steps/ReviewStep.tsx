import type { PsbtReview } from '../../../../../shared/bitcoin/review';
import { HoldToConfirm } from '../../../components/HoldToConfirm';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import type { KeyInfo } from '../machine';
import { NETWORK_TEXT } from '../present';
import { OutputList } from './OutputList';
import { InputList } from './InputList';
import { Totals } from './Totals';
import { WarningList } from './WarningList';

/** The review: network and key, warnings, outputs with roles, totals, inputs; then hold to sign. */
export function ReviewStep({ review, keyInfo, busy, onConfirm, onCancel }: {
  review: PsbtReview;
  keyInfo: KeyInfo;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ours = review.inputs.filter((i) => i.ours).length;
  return (
    <section class="step wide review" data-step="psbt-review">
      <h2>Review this Bitcoin transaction</h2>
      <div class="summary">
        <span>Network: <strong data-network={review.network}>{NETWORK_TEXT[review.network] ?? review.network}</strong></span>
        <span>Key: <strong>{keyInfo.label}</strong> <span class="fingerprint inline">{keyInfo.fingerprint}</span></span>
        <span>Signs {ours} of {review.inputs.length} input{review.inputs.length === 1 ? '' : 's'}</span>
      </div>
      <section aria-labelledby="psbt-warnings">
        <h3 id="psbt-warnings">Warnings</h3>
        <WarningList warnings={review.warnings} />
      </section>
      <section aria-labelledby="psbt-outputs">
        <h3 id="psbt-outputs">Where the money goes ({review.outputs.length} output{review.outputs.length === 1 ? '' : 's'})</h3>
        <OutputList outputs={review.outputs} />
      </section>
      <section aria-labelledby="psbt-totals">
        <h3 id="psbt-totals">Totals</h3>
        <Totals review={review} />
      </section>
      <details>
        <summary>Coins spent ({review.inputs.length} input{review.inputs.length === 1 ? '' : 's'})</summary>
        <InputList inputs={review.inputs} />
      </details>
      <p>Nothing is signed until you hold the button below. Check every address against the one you intended to pay.</p>
      <HoldToConfirm label={busy ? 'Signing…' : 'Hold to sign'} onConfirm={onConfirm} disabled={busy} />
      <div class="actions">
        <ConfirmCancel onCancel={onCancel} question="Discard this transaction without signing?" label="Cancel — do not sign" />
      </div>
    </section>
  );
}
