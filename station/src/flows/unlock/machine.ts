/**
 * Unlock flow: type the vault passphrase, wait for the KDF, succeed or show why not.
 * Pure (ARCHITECTURE 2.7); the passphrase itself never enters the state.
 */
import type { ErrorCode } from '../../../../shared/errors';

export type State =
  | { step: 'enter'; error?: ErrorCode; attempts: number }
  | { step: 'unlocking'; attempts: number }
  | { step: 'unlocked' };

export type Event =
  | { type: 'submit'; empty: boolean }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'succeeded' };

export const initialState: State = { step: 'enter', attempts: 0 };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'enter':
      if (e.type === 'submit') return e.empty ? { ...s, error: 'input/empty' } : { step: 'unlocking', attempts: s.attempts };
      return s;
    case 'unlocking':
      if (e.type === 'failed') return { step: 'enter', error: e.code, attempts: s.attempts + 1 };
      if (e.type === 'succeeded') return { step: 'unlocked' };
      return s;
    case 'unlocked':
      return s;
  }
}
