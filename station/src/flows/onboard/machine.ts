/**
 * Onboarding flow (create or import a key; on first run, create the vault first), as a pure
 * state machine (ARCHITECTURE 2.7). Secrets never enter State or Event: the flow component asks
 * the keyring to generate/check/save and sends back public results (fingerprint, wrong positions).
 *
 *   vault-passphrase → choose → create-options → show-words → confirm-words → label → done
 *                             ↘ import ───────────────────────────────────↗
 */
import type { ErrorCode } from '../../../../shared/errors';

export type WordCount = 12 | 24;
export const QUIZ_SIZE = 3;

export type State =
  | { step: 'vault-passphrase'; error?: ErrorCode; busy?: boolean }
  | { step: 'choose'; firstRun: boolean }
  | { step: 'create-options'; error?: ErrorCode }
  | { step: 'show-words'; wordCount: number; fingerprint: string }
  | { step: 'confirm-words'; wordCount: number; fingerprint: string; positions: number[]; attempts: number; wrong: number[] }
  | { step: 'import'; error?: { code: ErrorCode; position?: number } }
  | { step: 'label'; source: 'created' | 'imported'; wordCount: number; fingerprint: string; error?: ErrorCode; busy?: boolean }
  | { step: 'done'; keyId: string; label: string; fingerprint: string }
  | { step: 'cancelled' };

export type Step = State['step'];

export type Event =
  | { type: 'vault-submitting' }
  | { type: 'vault-created' }
  | { type: 'vault-failed'; code: ErrorCode }
  | { type: 'choose-create' }
  | { type: 'choose-import' }
  | { type: 'generated'; wordCount: number; fingerprint: string }
  | { type: 'generate-failed'; code: ErrorCode }
  | { type: 'written-down'; positions: number[] }
  | { type: 'show-words-again' }
  | { type: 'quiz-checked'; ok: boolean; wrong: number[] }
  | { type: 'imported'; wordCount: number; fingerprint: string }
  | { type: 'import-failed'; code: ErrorCode; position?: number }
  | { type: 'saving' }
  | { type: 'saved'; keyId: string; label: string }
  | { type: 'save-failed'; code: ErrorCode }
  | { type: 'back' }
  | { type: 'cancel' };

/** Positions come from shared/backup/verify-quiz pickQuizPositions (CSPRNG) in the flow component. */
/** Where the flow starts: vault creation on first run, else the create/import choice. */
export function initialState(hasVault: boolean): State {
  return hasVault ? { step: 'choose', firstRun: false } : { step: 'vault-passphrase' };
}

function validPositions(p: number[], wordCount: number): boolean {
  return p.length === Math.min(QUIZ_SIZE, wordCount) && new Set(p).size === p.length && p.every((x) => Number.isInteger(x) && x >= 1 && x <= wordCount);
}

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return s.step === 'done' ? s : { step: 'cancelled' };
  switch (s.step) {
    case 'vault-passphrase':
      if (e.type === 'vault-submitting') return { step: 'vault-passphrase', busy: true };
      if (e.type === 'vault-created') return { step: 'choose', firstRun: true };
      if (e.type === 'vault-failed') return { step: 'vault-passphrase', error: e.code };
      return s;
    case 'choose':
      if (e.type === 'choose-create') return { step: 'create-options' };
      if (e.type === 'choose-import') return { step: 'import' };
      return s;
    case 'create-options':
      if (e.type === 'generated') return { step: 'show-words', wordCount: e.wordCount, fingerprint: e.fingerprint };
      if (e.type === 'generate-failed') return { step: 'create-options', error: e.code };
      if (e.type === 'back') return { step: 'choose', firstRun: false };
      return s;
    case 'show-words':
      if (e.type === 'written-down' && validPositions(e.positions, s.wordCount))
        return { step: 'confirm-words', wordCount: s.wordCount, fingerprint: s.fingerprint, positions: [...e.positions], attempts: 0, wrong: [] };
      return s;
    case 'confirm-words':
      if (e.type === 'quiz-checked') {
        if (e.ok && e.wrong.length === 0) return { step: 'label', source: 'created', wordCount: s.wordCount, fingerprint: s.fingerprint };
        return { ...s, attempts: s.attempts + 1, wrong: e.wrong.filter((p) => s.positions.includes(p)) };
      }
      if (e.type === 'show-words-again' || e.type === 'back') return { step: 'show-words', wordCount: s.wordCount, fingerprint: s.fingerprint };
      return s;
    case 'import':
      if (e.type === 'imported') return { step: 'label', source: 'imported', wordCount: e.wordCount, fingerprint: e.fingerprint };
      if (e.type === 'import-failed') return { step: 'import', error: e.position === undefined ? { code: e.code } : { code: e.code, position: e.position } };
      if (e.type === 'back') return { step: 'choose', firstRun: false };
      return s;
    case 'label':
      if (e.type === 'saving') return { ...s, busy: true, error: undefined };
      if (e.type === 'saved') return { step: 'done', keyId: e.keyId, label: e.label, fingerprint: s.fingerprint };
      if (e.type === 'save-failed') return { ...s, busy: false, error: e.code };
      return s;
    case 'done':
    case 'cancelled':
      return s;
  }
}
