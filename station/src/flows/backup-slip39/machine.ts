/**
 * SLIP-39 split flow (choose M-of-N or groups → show each share once, in order → done) and the
 * pure helpers the share screens use: presets, share numbering ("Share 2 of 3, group 1"), and the
 * live progress text of share entry ("2 more shares needed"). No Preact, no secrets: the shares
 * themselves stay in flows/backup/secrets.ts.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { Slip39Progress } from '../../../../shared/backup/slip39';

export interface SplitPlan {
  groupThreshold: number;
  groups: { threshold: number; count: number }[];
}

export interface SetInfo extends SplitPlan {
  wordCount: number;
  fingerprint: string;
}

export type State =
  | { step: 'options'; busy?: boolean; error?: ErrorCode }
  | { step: 'show'; set: SetInfo; index: number }
  | { step: 'done'; set: SetInfo }
  | { step: 'cancelled' };

export type Event =
  | { type: 'splitting' }
  | { type: 'split'; set: SetInfo }
  | { type: 'split-failed'; code: ErrorCode }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'cancel' };

export const initialState: State = { step: 'options' };

/** Single-group plan M-of-N. */
export function simplePlan(threshold: number, count: number): SplitPlan {
  return { groupThreshold: 1, groups: [{ threshold, count }] };
}

/** Parse "2/3, 3/5" (member threshold/count per group). null when malformed. */
export function parseGroups(text: string): SplitPlan['groups'] | null {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const out: SplitPlan['groups'] = [];
  for (const p of parts) {
    const m = /^(\d{1,2})\s*(?:\/|of)\s*(\d{1,2})$/.exec(p);
    if (!m) return null;
    out.push({ threshold: Number(m[1]), count: Number(m[2]) });
  }
  return out;
}

/** Why a plan is invalid (SLIP-39 "Generating the shares" step 1), or null when it is fine. */
export function planProblem(p: SplitPlan): string | null {
  if (p.groups.length < 1 || p.groups.length > 16) return 'Use 1 to 16 groups.';
  if (!Number.isInteger(p.groupThreshold) || p.groupThreshold < 1 || p.groupThreshold > p.groups.length) return 'The groups needed must be between 1 and the number of groups.';
  for (const [i, g] of p.groups.entries()) {
    const where = p.groups.length > 1 ? `Group ${i + 1}: ` : '';
    if (g.count < 1 || g.count > 16) return `${where}use 1 to 16 shares.`;
    if (g.threshold < 1 || g.threshold > g.count) return `${where}the shares needed must be between 1 and the number of shares.`;
    if (g.threshold === 1 && g.count > 1) return `${where}a 1-of-N group would just be N copies of the same share; SLIP-39 requires 1-of-1 instead.`;
  }
  return null;
}

export interface ShareRef {
  group: number;
  member: number;
}

/** Every share of a set in display order (group by group). */
export function shareRefs(p: SplitPlan): ShareRef[] {
  return p.groups.flatMap((g, group) => Array.from({ length: g.count }, (_, member) => ({ group, member })));
}

/** "Share 2 of 3" (one group) or "Share 2 of 3, group 1 of 2". */
export function shareTitle(p: SplitPlan, r: ShareRef): string {
  const g = p.groups[r.group];
  const base = `Share ${r.member + 1} of ${g.count}`;
  return p.groups.length > 1 ? `${base}, group ${r.group + 1} of ${p.groups.length}` : base;
}

/** One sentence on what recovers the key, e.g. "Any 2 of the 3 shares restore this key." */
export function planSummary(p: SplitPlan): string {
  if (p.groups.length === 1) {
    const g = p.groups[0];
    return g.count === 1 ? 'The single share restores this key.' : `Any ${g.threshold} of the ${g.count} shares restore this key.`;
  }
  const each = p.groups.map((g, i) => `group ${i + 1}: ${g.threshold} of ${g.count}`).join('; ');
  return `Any ${p.groupThreshold} of the ${p.groups.length} groups restore this key, each with enough of its own shares (${each}).`;
}

/** "2-of-3" or "2-of-3 groups (2/3, 2/3, 1/1)" for the audit log. */
export function planSummaryShort(p: SplitPlan): string {
  if (p.groups.length === 1) return `${p.groups[0].threshold}-of-${p.groups[0].count}`;
  return `${p.groupThreshold}-of-${p.groups.length} groups (${p.groups.map((g) => `${g.threshold}/${g.count}`).join(', ')})`;
}

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return { step: 'cancelled' };
  switch (s.step) {
    case 'options':
      if (e.type === 'splitting') return { step: 'options', busy: true };
      if (e.type === 'split-failed') return { step: 'options', error: e.code };
      if (e.type === 'split' && s.busy) return { step: 'show', set: e.set, index: 0 };
      return s;
    case 'show': {
      const total = shareRefs(s.set).length;
      if (e.type === 'next') return s.index + 1 < total ? { ...s, index: s.index + 1 } : { step: 'done', set: s.set };
      if (e.type === 'previous' && s.index > 0) return { ...s, index: s.index - 1 };
      return s;
    }
    case 'done':
      if (e.type === 'previous') return { step: 'show', set: s.set, index: shareRefs(s.set).length - 1 };
      return s;
    case 'cancelled':
      return s;
  }
}

/** Live text while shares are typed in: how many more are needed, or that it is ready. */
export function progressText(p: Slip39Progress): string {
  switch (p.kind) {
    case 'empty':
      return 'No shares entered yet.';
    case 'error':
      return 'The shares entered do not fit together.';
    case 'ready':
      return 'Enough shares: ready to restore.';
    case 'need-more': {
      const n = p.missingShares;
      const shares = `${n} more share${n === 1 ? '' : 's'} needed`;
      if (p.groupCount === 1) return `${shares}.`;
      const g = p.missingGroups;
      return `${shares}, from ${g} more group${g === 1 ? '' : 's'} (${p.groupsComplete} of ${p.groupThreshold} groups complete).`;
    }
  }
}
