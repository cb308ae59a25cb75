/**
 * App-level actions that touch both the keyring (secrets) and the session (signals): lock,
 * after-unlock refresh. Kept apart so components never juggle the two by hand.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import * as keyring from './keyring';
import { keys, lastFatal, navigate, notice, phase } from './session';

export type LockCause = 'manual' | 'idle' | 'hidden' | ErrorCode;

const CAUSE_TEXT: Partial<Record<LockCause, string>> = {
  manual: 'Locked. Secrets were removed from memory.',
  idle: 'Locked after a period of inactivity. Secrets were removed from memory.',
  hidden: 'Locked because the page was hidden. Secrets were removed from memory.',
};

/** Wipe secrets and show the unlock screen. `cause` explains why on that screen. */
export function lockStation(cause: LockCause): void {
  keyring.lock();
  keys.value = [];
  if (phase.value === 'unlocked') phase.value = 'locked';
  navigate('home');
  const text = CAUSE_TEXT[cause];
  if (text) {
    lastFatal.value = null;
    notice.value = { kind: 'info', text };
  } else {
    lastFatal.value = cause as ErrorCode;
    notice.value = null;
  }
}

/**
 * Error code for a caught error. An unknown (non-AppError) error is a bug: the station locks, as
 * the flow boundary does for render errors (ARCHITECTURE 2.5), and 'internal' is returned.
 */
export function codeOrLock(e: unknown): ErrorCode {
  if (e instanceof AppError) return e.code;
  lockStation('internal');
  return 'internal';
}

/** Re-read the key list from the vault into the session. */
export function refreshKeys(): void {
  keys.value = keyring.isUnlocked() ? keyring.listKeys() : [];
}

/** Called after a successful unlock or vault creation. */
export function enterUnlocked(): void {
  phase.value = 'unlocked';
  lastFatal.value = null;
  notice.value = null;
  refreshKeys();
  navigate('home');
}

/** Wait for the browser to paint (so "Unlocking…" shows before a blocking KDF runs). */
export function nextPaint(): Promise<void> {
  return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}
