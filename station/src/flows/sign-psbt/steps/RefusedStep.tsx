import { userMessage, AppError, type ErrorCode } from '../../../../../shared/errors';
import type { PsbtReview } from '../../../../../shared/bitcoin/review';
import { NETWORK_TEXT, REFUSAL_ADVICE, REFUSAL_TITLES } from '../present';
import type { RefusalReason } from '../machine';
import { WarningList } from './WarningList';
import { OutputList } from './OutputList';
import { LedgerRegisterOffer } from '../../ledger/RegisterOffer';

/** Why the station will not sign, what to do about it, and (when known) what the PSBT contained. */
export function RefusedStep({ reason, code, detail, review, onDone }: {
  reason: RefusalReason;
  code: ErrorCode;
  detail?: Record<string, string | number>;
  review?: PsbtReview;
  onDone: () => void;
}) {
  return (
    <section class="step wide review" data-step="psbt-refused" data-reason={reason} data-error-code={code}>
      <div class="refusal" role="alert">
        <h2>{REFUSAL_TITLES[reason]}</h2>
        <p class="big">{userMessage(new AppError(code, detail))}</p>
        <p>Nothing was signed. {REFUSAL_ADVICE[reason]}</p>
        <LedgerRegisterOffer code={code} />
        {review && <p>This station is set to <strong>{NETWORK_TEXT[review.network] ?? review.network}</strong>.</p>}
      </div>
      {review && (
        <>
          <h3>What the transaction contained</h3>
          <WarningList warnings={review.warnings} />
          <OutputList outputs={review.outputs} />
        </>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
