/**
 * Settings: the change-vault-passphrase form's lifecycle (pure). The idle-time choice is a plain
 * setting (session.updateSettings) and needs no machine.
 */
import type { ErrorCode } from '../../../../shared/errors';

export type State =
  | { step: 'form'; error?: ErrorCode | 'mismatch' | 'too-short' }
  | { step: 'changing' }
  | { step: 'changed' };

export type Event =
  | { type: 'invalid'; reason: 'mismatch' | 'too-short' }
  | { type: 'submitted' }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'succeeded' }
  | { type: 'again' };

export const initialState: State = { step: 'form' };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'form':
      if (e.type === 'invalid') return { step: 'form', error: e.reason };
      if (e.type === 'submitted') return { step: 'changing' };
      return s;
    case 'changing':
      if (e.type === 'failed') return { step: 'form', error: e.code };
      if (e.type === 'succeeded') return { step: 'changed' };
      return s;
    case 'changed':
      if (e.type === 'again') return { step: 'form' };
      return s;
  }
}
