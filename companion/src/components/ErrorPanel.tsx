/** A plain-language error (USER_MESSAGES via userMessage; never the raw message/stack), with an optional retry. */
import { errorCode, userMessage } from '../../../shared/errors';

export function ErrorPanel({ error, onRetry, note }: { error: unknown; onRetry?: () => void; note?: string }) {
  return (
    <div class="error-panel" role="alert" data-error-code={errorCode(error)}>
      <p>{userMessage(error)}</p>
      {note && <p class="muted">{note}</p>}
      {onRetry && <button type="button" onClick={onRetry}>Retry</button>}
    </div>
  );
}
