/**
 * Companion audit screen (issue 9 §3): import the station's log by QR (verified, key pinned on
 * first use), show it as a timeline, and reconcile it with the chain; an on-chain spend the log
 * does not explain raises the alarm. Pure: no Preact, no network, no storage.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { AuditEntry } from '../../../../shared/audit/log';
import type { Reconciliation } from '../../../../shared/audit/reconcile';
import type { EthNonceCheck } from './chain-spends';
import type { ImportProblem, ImportResult, StoredAuditLog } from './import-log';

export type ReconState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; rec: Reconciliation; eth: EthNonceCheck[]; skipped: string[]; alarm: boolean }
  | { kind: 'failed'; code: ErrorCode };

export interface View {
  log: StoredAuditLog | null;
  entries: AuditEntry[];
  /** outcome of the last import on this screen */
  last?: { added: number; pinnedNow: boolean; lastHash: string } | { problem: ImportProblem } | { code: ErrorCode };
  recon: ReconState;
}

export type State = { step: 'loading' } | ({ step: 'view' } & View) | ({ step: 'scan' } & View);

export type Event =
  | { type: 'loaded'; log: StoredAuditLog | null; entries: AuditEntry[] }
  | { type: 'scan' }
  | { type: 'cancel-scan' }
  | { type: 'imported'; result: ImportResult }
  | { type: 'import-failed'; code: ErrorCode }
  | { type: 'reconcile' }
  | { type: 'reconciled'; rec: Reconciliation; eth: EthNonceCheck[]; skipped: string[] }
  | { type: 'reconcile-failed'; code: ErrorCode };

export const initialState: State = { step: 'loading' };

const view = (s: View): View => ({ log: s.log, entries: s.entries, last: s.last, recon: s.recon });

export function transition(s: State, e: Event): State {
  if (s.step === 'loading') return e.type === 'loaded' ? { step: 'view', log: e.log, entries: e.entries, recon: { kind: 'idle' } } : s;
  switch (e.type) {
    case 'scan':
      return s.step === 'view' && s.recon.kind !== 'running' ? { step: 'scan', ...view(s) } : s;
    case 'cancel-scan':
      return s.step === 'scan' ? { step: 'view', ...view(s) } : s;
    case 'imported':
      if (s.step !== 'scan') return s;
      if (!e.result.ok) return { step: 'view', ...view(s), last: { problem: e.result.problem } };
      // a new log invalidates an earlier reconciliation
      return { step: 'view', log: e.result.log, entries: e.result.entries, recon: { kind: 'idle' }, last: { added: e.result.added, pinnedNow: e.result.pinnedNow, lastHash: e.result.lastHash } };
    case 'import-failed':
      return s.step === 'scan' ? { step: 'view', ...view(s), last: { code: e.code } } : s;
    case 'reconcile':
      return s.step === 'view' && s.log && s.recon.kind !== 'running' ? { ...s, recon: { kind: 'running' } } : s;
    case 'reconciled':
      return s.step === 'view' && s.recon.kind === 'running'
        ? { ...s, recon: { kind: 'done', rec: e.rec, eth: e.eth, skipped: e.skipped, alarm: e.rec.alarm || e.eth.some((x) => x.alarm) } }
        : s;
    case 'reconcile-failed':
      return s.step === 'view' && s.recon.kind === 'running' ? { ...s, recon: { kind: 'failed', code: e.code } } : s;
    default:
      return s;
  }
}
