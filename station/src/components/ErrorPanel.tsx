import { userMessage } from '../../../shared/errors';

/** A readable error: always `userMessage(e)` (never e.message/stack, which may hold secrets). */
export function ErrorPanel({ error, title = 'That did not work', onRetry, retryLabel = 'Try again' }: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <div class="panel error" role="alert">
      <strong>{title}</strong>
      <p>{userMessage(error)}</p>
      {onRetry && <button type="button" onClick={onRetry}>{retryLabel}</button>}
    </div>
  );
}

/** An inline error line for forms (already-rendered text, e.g. from userMessage). */
export function FieldError({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return <p class="field-error" role="alert">{text}</p>;
}
