/**
 * The station's audit log screen: verification status at the top (verifyLog), entry count and
 * last hash (to compare with what the companion shows), the timeline, and the export as an
 * animated `ur:bytes` QR (all entries, or those since the last export). No edit or delete controls.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { AppError, userMessage } from '../../../../shared/errors';
import { encodeAuditExportCbor, AUDIT_EXPORT_UR_TYPE } from '../../../../shared/ur/audit-export';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { AuditTimeline } from '../../../../shared/ui/AuditTimeline';
import { codeOrLock } from '../../state/actions';
import { navigate } from '../../state/session';
import { loadAuditView, saveExportMark } from './store';
import { exportEntries, initialState, transition, type AuditView, type Event, type State } from './machine';

export function AuditStatus({ view }: { view: AuditView }) {
  const v = view.verify;
  return (
    <div class={`audit-status ${v.valid || v.entries === 0 ? 'ok' : 'bad'}`} data-audit-valid={String(v.valid)} role="status">
      {v.entries === 0 ? <strong>No entries yet. The log starts with the first key use.</strong>
        : v.valid ? <strong>Verified: the chain of {v.entries} entries and every signature are intact.</strong>
        : <strong>Entry #{v.firstBad} does not verify: it was changed, removed or forged. Entries from #{v.firstBad} on cannot be trusted.</strong>}
      <dl class="audit-facts">
        <dt>Entries</dt><dd data-audit-count>{v.entries}</dd>
        <dt>Last hash</dt><dd data-audit-last-hash>{v.lastHash ?? '—'}</dd>
        <dt>Station audit key</dt><dd>{v.stationKey ?? '—'}</dd>
        <dt>Last export</dt><dd>{view.lastExport ? `up to #${view.lastExport.seq}` : 'never'}</dd>
      </dl>
    </div>
  );
}

export function AuditLogFlow() {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  useEffect(() => {
    loadAuditView().then((view) => send({ type: 'loaded', view }), (e) => send({ type: 'load-failed', code: codeOrLock(e) }));
  }, []);
  const s = state.value;
  const cbor = useMemo(() => (s.step === 'export' ? encodeAuditExportCbor(s.entries) : null), [s.step === 'export' ? s.entries : null]);

  const markDone = async () => {
    const cur = state.value;
    if (cur.step !== 'export') return;
    try {
      await saveExportMark(cur.mark);
      send({ type: 'marked', view: await loadAuditView() });
    } catch (e) {
      send({ type: 'load-failed', code: codeOrLock(e) });
    }
  };

  switch (s.step) {
    case 'loading':
      return <section class="step"><h2>Audit log</h2><p class="muted">Reading and verifying the log…</p></section>;
    case 'failed':
      return (
        <section class="step">
          <h2>Audit log</h2>
          <div class="panel error" role="alert">{userMessage(new AppError(s.code))}</div>
          <button type="button" onClick={() => navigate('home')}>Back to home</button>
        </section>
      );
    case 'log': {
      const fresh = exportEntries(s.view, 'since-last').length;
      return (
        <section class="step wide" data-step="audit-log">
          <h2>Audit log</h2>
          <p>Every use of a key on this station, signed and chained so that a changed, removed or reordered entry shows. Entries cannot be edited or deleted.</p>
          <AuditStatus view={s.view} />
          {s.notice && <p class="notice info" role="status">{s.notice}</p>}
          <div class="actions">
            <button type="button" class="primary" disabled={s.view.entries.length === 0} onClick={() => send({ type: 'export', scope: 'all' })}>Export all entries (QR)</button>
            <button type="button" disabled={fresh === 0 || !s.view.lastExport} onClick={() => send({ type: 'export', scope: 'since-last' })}>
              Export since the last export ({s.view.lastExport ? fresh : '—'} new)
            </button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
          </div>
          <h3>Timeline (newest first)</h3>
          <AuditTimeline entries={s.view.entries} bad={s.view.verify.firstBad} />
        </section>
      );
    }
    case 'export':
      return (
        <section class="step wide" data-step="audit-export" data-export-from={s.entries[0].seq} data-export-to={s.mark.seq}>
          <h2>Scan this with the companion</h2>
          <p>
            {s.scope === 'all' ? 'All' : 'New'} entries #{s.entries[0].seq}–#{s.mark.seq} ({s.entries.length}). In the companion: Audit → Import the station’s log.
            Afterwards compare: the companion must show last hash <code class="wrap">{s.mark.hash}</code>.
          </p>
          <AnimatedQr urType={AUDIT_EXPORT_UR_TYPE} cbor={cbor!} label="Audit log export QR code" />
          <div class="actions">
            <button type="button" class="primary" onClick={() => void markDone()}>Done — the companion has it</button>
            <button type="button" class="secondary" onClick={() => send({ type: 'back' })}>Back without marking</button>
          </div>
        </section>
      );
  }
}
