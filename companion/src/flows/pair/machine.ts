/**
 * Pairing flow: scan (or paste) the station's account export → preview of what will be watched →
 * saving → saved (the app then opens the account, or home for several). A refused export keeps the
 * user at "scan" with the error; "Scan again" from the preview gives a fresh scanner. Pure: no Preact,
 * no storage; reading the export (read.ts) and saving happen outside and arrive as events.
 */
import type { WatchDraft } from '../../watch/types';

export type State =
  | { step: 'scan'; attempt: number; error?: unknown }
  | { step: 'preview'; drafts: WatchDraft[]; attempt: number; error?: unknown }
  | { step: 'saving'; drafts: WatchDraft[]; attempt: number }
  | { step: 'saved'; ids: string[] };

export type Event =
  /** an export was read: these accounts would be watched */
  | { type: 'read'; drafts: WatchDraft[] }
  | { type: 'read-failed'; error: unknown }
  | { type: 'rescan' }
  | { type: 'add' }
  | { type: 'added'; ids: string[] }
  | { type: 'add-failed'; error: unknown };

export const initialState: State = { step: 'scan', attempt: 0 };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'scan':
      if (e.type === 'read') return { step: 'preview', drafts: e.drafts, attempt: s.attempt };
      if (e.type === 'read-failed') return { ...s, error: e.error };
      return s;
    case 'preview':
      if (e.type === 'add') return { step: 'saving', drafts: s.drafts, attempt: s.attempt };
      if (e.type === 'rescan') return { step: 'scan', attempt: s.attempt + 1 };
      return s;
    case 'saving':
      if (e.type === 'added') return { step: 'saved', ids: e.ids };
      if (e.type === 'add-failed') return { step: 'preview', drafts: s.drafts, attempt: s.attempt, error: e.error };
      return s;
    default:
      return s;
  }
}

/** Where the app goes once saved: the account itself when one was added, else home. */
export function routeAfterSave(ids: string[]): { name: 'account'; id: string } | { name: 'home' } {
  return ids.length === 1 ? { name: 'account', id: ids[0] } : { name: 'home' };
}

/** The preview's heading. */
export function previewTitle(drafts: WatchDraft[]): string {
  return drafts.length === 1 ? 'This account will be watched' : `These ${drafts.length} accounts will be watched`;
}
