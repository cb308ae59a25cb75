/**
 * Companion audit screen: import the station's audit log from its animated QR (`ur:bytes`, see
 * shared/ur/audit-export.ts), verify it against the pinned station key, show the timeline, and
 * reconcile it with the chain history of the watched accounts (alarm on an unlogged spend).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { AppError, errorCode, userMessage } from '../../../../shared/errors';
import { reconcile, type ChainSpend } from '../../../../shared/audit/reconcile';
import { decodeAuditExportBytes } from '../../../../shared/ur/audit-export';
import { parseEntryLine, type AuditEntry } from '../../../../shared/audit/log';
import { AuditTimeline, type TimelineMark } from '../../../../shared/ui/AuditTimeline';
import { QrScanner, type ScanResult } from '../../../../shared/ui/QrScanner';
import type { BitcoinBackend, EvmBackend } from '../../net/types';
import type { CompanionStore } from '../../watch/store';
import type { BtcWatchAccount, WatchAccountRecord } from '../../watch/types';
import { syncBtcAccount } from '../../watch/btc-sync';
import { loadAuditLog, saveAuditLog } from '../../watch/audit-store';
import { fetchBtcSpends, fetchEthCheck, type EthNonceCheck } from './chain-spends';
import { importAuditExport, problemText } from './import-log';
import { initialState, transition, type Event, type State } from './machine';
import { ReconcilePanel } from './ReconcilePanel';

const ACCEPT = { urTypes: ['bytes'] as const, text: false, expected: 'the station’s audit log export' };
const entriesOf = (text: string) => text.split('\n').map(parseEntryLine).filter((e): e is AuditEntry => e !== undefined);

export interface AuditDeps {
  store: CompanionStore;
  accounts: readonly WatchAccountRecord[];
  btc: (a: BtcWatchAccount) => BitcoinBackend;
  evm: () => EvmBackend;
}

export function CompanionAuditFlow({ deps, onBack }: { deps: AuditDeps; onBack: () => void }) {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  useEffect(() => {
    loadAuditLog(deps.store).then((log) => send({ type: 'loaded', log, entries: log ? entriesOf(log.text) : [] }), () => send({ type: 'loaded', log: null, entries: [] }));
  }, []);

  const onScanned = async (r: ScanResult) => {
    try {
      if (r.payload.kind !== 'bytes') throw new AppError('ur/unsupported-type', { got: r.payload.kind, expected: 'bytes' });
      const cur = state.value;
      const result = importAuditExport(cur.step === 'loading' ? null : cur.log, decodeAuditExportBytes(r.payload.bytes), Date.now());
      if (result.ok) await saveAuditLog(deps.store, result.log);
      send({ type: 'imported', result });
    } catch (e) {
      send({ type: 'import-failed', code: errorCode(e) });
    }
  };

  const runReconcile = async () => {
    const cur = state.value;
    if (cur.step !== 'view' || !cur.log) return;
    send({ type: 'reconcile' });
    try {
      const spends: ChainSpend[] = [];
      const eth: EthNonceCheck[] = [];
      const skipped: string[] = [];
      for (const a of deps.accounts) {
        if (a.kind === 'btc') {
          const backend = deps.btc(a);
          const snap = await syncBtcAccount(a, backend, { now: Date.now() });
          spends.push(...(await fetchBtcSpends(a, snap.used.map((u) => u.address), backend)));
        } else if (a.fingerprint) eth.push(await fetchEthCheck(a, deps.evm(), cur.entries));
        else skipped.push(`${a.label} (an address without its key origin)`);
      }
      if (deps.accounts.length === 0) skipped.push('no watched accounts — pair the station first');
      send({ type: 'reconciled', rec: reconcile(cur.entries, spends), eth, skipped });
    } catch (e) {
      send({ type: 'reconcile-failed', code: errorCode(e) });
    }
  };

  const s = state.value;
  const marks = useMemo(() => {
    const m = new Map<number, TimelineMark>();
    if (s.step === 'view' && s.recon.kind === 'done') {
      for (const x of s.recon.rec.matched) m.set(x.entry.seq, { text: 'on chain', tone: 'ok' });
      for (const x of s.recon.rec.signedNotBroadcast) m.set(x.seq, { text: 'signed, never broadcast', tone: 'warn' });
    }
    return m;
  }, [s]);

  if (s.step === 'loading') return <section class="step"><h2>Station audit log</h2><p class="muted">Loading…</p></section>;
  if (s.step === 'scan') {
    return (
      <section class="step" data-step="audit-scan">
        <h2>Scan the station’s audit log</h2>
        <p>On the station: Audit log → Export. Hold this camera to the animated QR code.</p>
        <QrScanner accept={ACCEPT} maxBytes={4 * 1024 * 1024} onComplete={(r) => void onScanned(r)} />
        <div class="actions"><button type="button" class="secondary" onClick={() => send({ type: 'cancel-scan' })}>Cancel</button></div>
      </section>
    );
  }
  const last = s.last;
  return (
    <section class="step wide" data-step="audit-view">
      <h2>Station audit log</h2>
      {last && 'problem' in last && <div class="audit-alarm" role="alert" data-import="rejected"><h3>The log was NOT accepted</h3><p>{problemText(last.problem)}</p></div>}
      {last && 'code' in last && <div class="panel error" role="alert">{userMessage(new AppError(last.code))}</div>}
      {last && 'added' in last && (
        <div class="audit-status ok" role="status" data-import="verified">
          <strong>Verified: chain and signatures intact. {last.added} new entr{last.added === 1 ? 'y' : 'ies'}.</strong>
          {last.pinnedNow && <p>First import: this station’s audit key was pinned now (trust on first use — the pairing QR cannot carry it). Compare it with the one the station shows. Every later import must be signed by it.</p>}
        </div>
      )}
      {s.log ? (
        <dl class="audit-facts">
          <dt>Entries</dt><dd data-audit-count>{s.entries.length}</dd>
          <dt>Last hash</dt><dd data-audit-last-hash>{s.entries[s.entries.length - 1]?.hash ?? '—'}</dd>
          <dt>Station audit key</dt><dd>{s.log.stationKey} (pinned {new Date(s.log.pinnedAt).toISOString().slice(0, 10)})</dd>
        </dl>
      ) : <p class="panel">No log imported yet. The station’s audit key will be pinned on the first import.</p>}
      <p class="muted">Compare the entry count and last hash with the station’s Audit log screen: a log cut short cannot be detected otherwise.</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => send({ type: 'scan' })}>Import the station’s log (scan)</button>
        <button type="button" disabled={!s.log || s.recon.kind === 'running'} onClick={() => void runReconcile()}>Reconcile with the chain</button>
        <button type="button" class="secondary" onClick={onBack}>Back</button>
      </div>
      <ReconcilePanel recon={s.recon} />
      <h3>Timeline (newest first)</h3>
      <AuditTimeline entries={s.entries} marks={marks} />
    </section>
  );
}
