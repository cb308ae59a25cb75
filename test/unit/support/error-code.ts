/**
 * Test helper: run a function and name what it threw, so a test can assert on the AppError code
 * (the contract) rather than on a message. Anything that is not an AppError comes back as
 * `crash:<what>`, which no expected code matches, so an unexpected crash fails the assertion.
 */
import { AppError } from '../../../shared/errors';

/** The AppError code `fn` throws, `'ok'` when it returns, `crash:…` for any other throw. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : `crash:${String(e)}`;
  }
}
