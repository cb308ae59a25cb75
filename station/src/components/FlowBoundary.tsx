import type { ComponentChildren } from 'preact';
import { useErrorBoundary } from 'preact/hooks';
import { AppError } from '../../../shared/errors';
import { ErrorPanel } from './ErrorPanel';
import { lockStation } from '../state/actions';
import { navigate } from '../state/session';

/**
 * Error boundary around each flow (ARCHITECTURE 2.5). A known AppError is shown with its user
 * message and a way home. Anything else is a bug: the station locks (secrets wiped) and the unlock
 * screen shows the generic message. Nothing from the error itself is rendered or logged.
 */
export function FlowBoundary({ children }: { children: ComponentChildren }) {
  const [error, reset] = useErrorBoundary((e: unknown) => {
    if (!(e instanceof AppError)) lockStation('internal');
  });
  if (error) {
    return (
      <section>
        <ErrorPanel error={error} />
        <button type="button" onClick={() => { reset(); navigate('home'); }}>Back to home</button>
      </section>
    );
  }
  return <>{children}</>;
}
