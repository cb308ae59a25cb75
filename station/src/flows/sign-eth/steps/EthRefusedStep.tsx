import { AppError, userMessage, type ErrorCode } from '../../../../../shared/errors';
import type { EthReview } from '../../../../../shared/ethereum/review';
import { chainText, headline } from '../present';
import { EthWarnings } from './EthWarnings';

const ADVICE: Partial<Record<ErrorCode, string>> = {
  'eth/wrong-fingerprint': 'The online wallet was connected to a different key. Load that key on this station, or connect the wallet again from “Export to wallet (QR)”.',
  'eth/wrong-address': 'The online wallet expects a different address. Connect it again from “Export to wallet (QR)”.',
  'eth/bad-path': 'Airlock signs only for Ethereum accounts under m/44\'/60\'/…',
  'eth/no-replay-protection': 'Ask the online wallet for an EIP-155 or EIP-1559 transaction instead.',
};

const TITLES: Partial<Record<ErrorCode, string>> = {
  'eth/wrong-fingerprint': 'Request for another key',
  'eth/wrong-address': 'Request for another address',
  'eth/bad-path': 'Account this station does not sign for',
  'eth/no-replay-protection': 'Transaction without chain id',
  'eth/bad-typed-data': 'Unreadable typed data',
  'eth/request-too-large': 'Request too large',
};

/** Refusal: why, what to do, and what the request was (when it could be read). */
export function EthRefusedStep({ code, detail, review, onDone }: { code: ErrorCode; detail?: Record<string, string | number>; review?: EthReview; onDone: () => void }) {
  const message = review?.refusal?.message ?? userMessage(new AppError(code, detail));
  return (
    <section class="step wide review" data-step="eth-refused" data-error-code={code}>
      <div class="refusal" role="alert">
        <h2>{TITLES[code] ?? 'This request cannot be signed'} — not signed</h2>
        <p class="big">{message}</p>
        <p>Nothing was signed. {ADVICE[code] ?? 'Create the request again in your online wallet.'}</p>
      </div>
      {review && (
        <>
          <h3>The request: {headline(review)} · {chainText(review)}</h3>
          {review.warnings.length > 0 && <EthWarnings warnings={review.warnings} />}
        </>
      )}
      <div class="actions"><button type="button" class="primary" onClick={onDone}>Done</button></div>
    </section>
  );
}
