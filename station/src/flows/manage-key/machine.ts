/**
 * Key management for one key: rename, or delete after typing its fingerprint (ARCHITECTURE 2.7:
 * destructive actions need an explicit confirmation naming what is destroyed). Pure.
 */
import type { ErrorCode } from '../../../../shared/errors';

export type State =
  | { step: 'menu'; message?: string }
  | { step: 'rename'; busy?: boolean; error?: ErrorCode }
  | { step: 'delete'; busy?: boolean; error?: ErrorCode }
  | { step: 'deleted'; label: string };

export type Event =
  | { type: 'start-rename' }
  | { type: 'start-delete' }
  | { type: 'submitted' }
  | { type: 'renamed'; label: string }
  | { type: 'deleted'; label: string }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'back' };

export const initialState: State = { step: 'menu' };

/** The typed confirmation matches the key's fingerprint (case and surrounding spaces ignored). */
export function fingerprintMatches(typed: string, fingerprint: string): boolean {
  return fingerprint !== '' && typed.trim().toLowerCase() === fingerprint.toLowerCase();
}

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'menu':
      if (e.type === 'start-rename') return { step: 'rename' };
      if (e.type === 'start-delete') return { step: 'delete' };
      return s;
    case 'rename':
    case 'delete':
      if (e.type === 'submitted') return { step: s.step, busy: true };
      if (e.type === 'failed') return { step: s.step, error: e.code };
      if (e.type === 'back' && !s.busy) return { step: 'menu' };
      if (s.step === 'rename' && e.type === 'renamed') return { step: 'menu', message: `Renamed to “${e.label}”.` };
      if (s.step === 'delete' && e.type === 'deleted') return { step: 'deleted', label: e.label };
      return s;
    case 'deleted':
      return s;
  }
}
