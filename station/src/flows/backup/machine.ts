/**
 * Restore-or-drill flow for one key backup (SLIP-39 shares, SeedQR, BIP-39 words), as a pure
 * state machine (ARCHITECTURE 2.7). The same steps serve two modes:
 * - 'import': the backup becomes a new key in the vault (fingerprint shown, label asked);
 * - 'drill':  the backup is compared with a stored key's fingerprint; nothing is added or replaced.
 * Secrets never enter State/Event: the flow component hands them to flows/backup/secrets.ts and
 * sends back public results (fingerprints, share positions, error codes).
 *
 *   input → review (import: label, BIP-39 passphrase) → saved
 *         ↘ drill-result (same fingerprint or not)
 */
import type { ErrorCode } from '../../../../shared/errors';

export type Mode = 'import' | 'drill';
export type Source = 'slip39' | 'seedqr' | 'words';

export interface InputError {
  code: ErrorCode;
  /** the share (from 1) or word position the error names */
  share?: number;
  position?: number;
}

export type State =
  | { step: 'input'; mode: Mode; source: Source; error?: InputError; busy?: boolean }
  | { step: 'review'; mode: 'import'; source: Source; fingerprint: string; wordCount: number; busy?: boolean; error?: ErrorCode }
  | { step: 'saved'; keyId: string; label: string; fingerprint: string }
  | { step: 'drill-result'; source: Source; ok: boolean; fingerprint: string; expected: string }
  | { step: 'cancelled' };

export type Event =
  | { type: 'submitting' }
  | { type: 'restored'; fingerprint: string; wordCount: number }
  | { type: 'input-failed'; error: InputError }
  | { type: 'passphrase-changed'; fingerprint: string }
  | { type: 'saving' }
  | { type: 'saved'; keyId: string; label: string }
  | { type: 'save-failed'; code: ErrorCode }
  | { type: 'drilled'; fingerprint: string; expected: string }
  | { type: 'again' }
  | { type: 'cancel' };

export function initialState(mode: Mode, source: Source): State {
  return { step: 'input', mode, source };
}

/** Fingerprints compare as 8 lower-hex characters. */
export function sameFingerprint(a: string, b: string): boolean {
  return /^[0-9a-f]{8}$/i.test(a) && a.toLowerCase() === b.toLowerCase();
}

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return s.step === 'saved' ? s : { step: 'cancelled' };
  switch (s.step) {
    case 'input':
      if (e.type === 'submitting') return { step: 'input', mode: s.mode, source: s.source, busy: true };
      if (e.type === 'input-failed') return { step: 'input', mode: s.mode, source: s.source, error: e.error };
      // a restored key in drill mode must go through 'drilled' (compare), never to the label step
      if (e.type === 'restored' && s.mode === 'import') return { step: 'review', mode: 'import', source: s.source, fingerprint: e.fingerprint, wordCount: e.wordCount };
      if (e.type === 'drilled' && s.mode === 'drill') return { step: 'drill-result', source: s.source, ok: sameFingerprint(e.fingerprint, e.expected), fingerprint: e.fingerprint, expected: e.expected };
      return s;
    case 'review':
      if (s.busy) return e.type === 'saved' ? { step: 'saved', keyId: e.keyId, label: e.label, fingerprint: s.fingerprint } : e.type === 'save-failed' ? { ...s, busy: false, error: e.code } : s;
      if (e.type === 'passphrase-changed') return { ...s, fingerprint: e.fingerprint };
      if (e.type === 'saving') return { ...s, busy: true, error: undefined };
      if (e.type === 'again') return { step: 'input', mode: 'import', source: s.source };
      return s;
    case 'drill-result':
      if (e.type === 'again') return { step: 'input', mode: 'drill', source: s.source };
      return s;
    case 'saved':
    case 'cancelled':
      return s;
  }
}
