import { AppError, userMessage } from '../../../../shared/errors';
import type { ReconState } from './machine';

/** The reconciliation result: the alarm first (unlogged spends), then matched and never-broadcast. */
export function ReconcilePanel({ recon }: { recon: ReconState }) {
  if (recon.kind === 'idle') return null;
  if (recon.kind === 'running') return <p class="muted" role="status">Reading the accounts’ history from the chain…</p>;
  if (recon.kind === 'failed') return <div class="panel error" role="alert">Reconciliation failed: {userMessage(new AppError(recon.code))}</div>;
  const { rec, eth, skipped, alarm } = recon;
  return (
    <section data-reconcile={alarm ? 'alarm' : 'ok'} aria-label="Reconciliation with the chain">
      {alarm ? (
        <div class="audit-alarm" role="alert">
          <h3>ALARM: this key signed something the station did not — the seed may be compromised</h3>
          <ul>
            {rec.unlogged.map((u) => <li key={u.txid} data-unlogged-txid={u.txid}>Spend {u.txid} from {u.account ?? 'a watched account'} has no signing entry in the station’s log.</li>)}
            {eth.filter((x) => x.alarm).map((x) => <li key={x.address}>{x.account} ({x.address}) sent {x.sent} transaction(s), the log signed only {x.logged}.</li>)}
          </ul>
          <p>Move the funds to a new key created on the station now, and find out where a copy of the recovery words (or a backup) could have leaked.</p>
        </div>
      ) : (
        <div class="audit-status ok" role="status"><strong>Every spend seen on the chain matches a signature in the station’s log.</strong></div>
      )}
      <p>{rec.matched.length} spend(s) matched a log entry{rec.signedNotBroadcast.length ? `; ${rec.signedNotBroadcast.length} signed transaction(s) never reached the chain (shown in the timeline)` : ''}.</p>
      {eth.filter((x) => !x.alarm).map((x) => <p key={x.address}>{x.account}: {x.sent} sent, {x.logged} signed in the log — consistent.</p>)}
      {skipped.length > 0 && <p class="muted">Not checked: {skipped.join('; ')}.</p>}
    </section>
  );
}
