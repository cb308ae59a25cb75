/**
 * Audit log screen (issue 9 §1–2): the timeline with its verification status, and the export of
 * all entries or of the entries since the last export as an animated QR (shared/ur/audit-export.ts).
 * The last exported entry is remembered only when the user says the companion received it.
 * Append-only: there is no event that edits or removes an entry. Pure: no Preact, no vault.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { AuditEntry } from '../../../../shared/audit/log';

export interface ExportMark {
  seq: number;
  hash: string;
}

export interface AuditView {
  entries: AuditEntry[];
  verify: { valid: boolean; entries: number; firstBad: number | null; lastHash: string | null; stationKey: string | null };
  lastExport: ExportMark | null;
}

export type ExportScope = 'all' | 'since-last';

export type State =
  | { step: 'loading' }
  | { step: 'log'; view: AuditView; notice?: string }
  | { step: 'export'; view: AuditView; scope: ExportScope; entries: AuditEntry[]; mark: ExportMark }
  | { step: 'failed'; code: ErrorCode };

export type Event =
  | { type: 'loaded'; view: AuditView }
  | { type: 'load-failed'; code: ErrorCode }
  | { type: 'export'; scope: ExportScope }
  | { type: 'marked'; view: AuditView }
  | { type: 'back' };

export const initialState: State = { step: 'loading' };

/** The entries an export of `scope` carries: all, or those after the last exported seq ([] = nothing new). */
export function exportEntries(view: AuditView, scope: ExportScope): AuditEntry[] {
  if (scope === 'all' || !view.lastExport) return view.entries;
  const after = view.lastExport.seq;
  return view.entries.filter((e) => e.seq > after);
}

export function transition(s: State, e: Event): State {
  switch (e.type) {
    case 'loaded':
      return s.step === 'loading' ? { step: 'log', view: e.view } : s;
    case 'load-failed':
      return s.step === 'loading' ? { step: 'failed', code: e.code } : s;
    case 'export': {
      if (s.step !== 'log') return s;
      const entries = exportEntries(s.view, e.scope);
      const last = entries[entries.length - 1];
      if (!last) return { ...s, notice: 'Nothing new since the last export.' };
      return { step: 'export', view: s.view, scope: e.scope, entries, mark: { seq: last.seq, hash: last.hash } };
    }
    case 'marked':
      return s.step === 'export'
        ? { step: 'log', view: e.view, notice: `Entries up to #${s.mark.seq} marked as exported. The next “since the last export” starts at #${s.mark.seq + 1}.` }
        : s;
    case 'back':
      return s.step === 'export' ? { step: 'log', view: s.view } : s;
    default:
      return s;
  }
}
