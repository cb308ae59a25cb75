/**
 * Encrypted backup file — restore (pick → passphrases → preview of what changes → merge or
 * replace → done) and drill (pick → passphrase → every key in the file re-derived and matched
 * with the vault's keys; nothing written). Pure: the decrypted items stay in flows/backup/secrets.ts.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { RestorePreview } from '../../../../shared/backup/vault-backup';

export type Mode = 'restore' | 'drill';

export interface DrillKey {
  label: string;
  fingerprint: string;
  /** the file's recorded fingerprint equals the one re-derived from its entropy */
  consistent: boolean;
  /** id of the vault key with that fingerprint, if any */
  matchesKeyId?: string;
}

export type State =
  | { step: 'pick'; mode: Mode; error?: ErrorCode }
  | { step: 'unlock'; mode: Mode; fileName: string; created: string; busy?: boolean; error?: ErrorCode }
  | { step: 'preview'; fileName: string; created: string; preview: RestorePreview; busy?: boolean; error?: ErrorCode }
  | { step: 'restored'; applied: 'merge' | 'replace'; preview: RestorePreview }
  | { step: 'drill-result'; fileName: string; created: string; keys: DrillKey[] }
  | { step: 'cancelled' };

export type Event =
  | { type: 'picked'; fileName: string; created: string }
  | { type: 'pick-failed'; code: ErrorCode }
  | { type: 'submitting' }
  | { type: 'failed'; code: ErrorCode }
  | { type: 'previewed'; preview: RestorePreview }
  | { type: 'checked'; keys: DrillKey[] }
  | { type: 'applied'; applied: 'merge' | 'replace' }
  | { type: 'back' }
  | { type: 'cancel' };

export const initialState = (mode: Mode): State => ({ step: 'pick', mode });

/** Short names for the preview: "key/…" → "key …", "meta/x" → "x". */
export function itemLabel(name: string): string {
  if (name.startsWith('key/')) return `key ${name.slice(4, 12)}…`;
  if (name.startsWith('meta/')) return name.slice(5);
  return name;
}

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return s.step === 'restored' ? s : { step: 'cancelled' };
  switch (s.step) {
    case 'pick':
      if (e.type === 'picked') return { step: 'unlock', mode: s.mode, fileName: e.fileName, created: e.created };
      if (e.type === 'pick-failed') return { step: 'pick', mode: s.mode, error: e.code };
      return s;
    case 'unlock':
      if (e.type === 'submitting') return { ...s, busy: true, error: undefined };
      if (e.type === 'failed') return { ...s, busy: false, error: e.code };
      if (e.type === 'previewed' && s.mode === 'restore' && s.busy) return { step: 'preview', fileName: s.fileName, created: s.created, preview: e.preview };
      if (e.type === 'checked' && s.mode === 'drill' && s.busy) return { step: 'drill-result', fileName: s.fileName, created: s.created, keys: e.keys };
      if (e.type === 'back' && !s.busy) return { step: 'pick', mode: s.mode };
      return s;
    case 'preview':
      if (e.type === 'submitting') return { ...s, busy: true, error: undefined };
      if (e.type === 'failed') return { ...s, busy: false, error: e.code };
      if (e.type === 'applied' && s.busy) return { step: 'restored', applied: e.applied, preview: s.preview };
      return s;
    case 'restored':
    case 'drill-result':
    case 'cancelled':
      return s;
  }
}
