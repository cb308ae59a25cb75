/**
 * Key inventory screen: one row per key (label, type, created, last used, last backup check,
 * rotation due), overdue rows highlighted; the cryptoperiod is a setting kept in the vault
 * (meta `key-inventory`). Read-only apart from that setting.
 */
import { useEffect, useState } from 'preact/hooks';
import { tryUtf8, utf8ToBytes } from '../../../../shared/bytes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { withVaultMeta } from '../../state/keyring';
import { keys, navigate } from '../../state/session';
import { loadAuditEntries } from '../audit/store';
import { formatEntryTime } from '../../../../shared/ui/AuditTimeline';
import { buildInventory, CRYPTOPERIOD_CHOICES, parseCryptoperiod, type InventoryRow } from './inventory';
import type { AuditEntry } from '../../../../shared/audit/log';
import { hardwareKeys, loadHardwareKeys } from '../ledger/hw-store';

const RECORD = 'key-inventory';
const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));
const STATUS_TEXT: Record<InventoryRow['status'], string> = { ok: 'in period', 'due-soon': 'rotation due soon', overdue: 'OVERDUE — rotate this key', unknown: 'unknown' };

export function InventoryScreen() {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [period, setPeriod] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    Promise.all([loadAuditEntries(), withVaultMeta((v) => v.getMeta(RECORD)), loadHardwareKeys()]).then(([e, raw]) => {
      setEntries(e);
      setPeriod(parseCryptoperiod(raw ? tryUtf8(raw) : undefined));
    }, setError);
  }, []);
  const choose = (days: number) => {
    setPeriod(days);
    withVaultMeta((v) => v.putMeta(RECORD, utf8ToBytes(JSON.stringify({ cryptoperiodDays: days })))).catch(setError);
  };
  if (error !== null) return <section class="step"><h2>Key inventory</h2><ErrorPanel error={error} /></section>;
  if (!entries || period === null) return <section class="step"><h2>Key inventory</h2><p class="muted">Reading the audit log…</p></section>;
  const rows = buildInventory(keys.value, entries, Date.now(), period, hardwareKeys.value);
  const overdue = rows.filter((r) => r.status === 'overdue').length;
  return (
    <section class="step wide" data-step="inventory">
      <h2>Key inventory</h2>
      <p>Every key on this station, when it was last used and its backup last checked (from the audit log), and when it is due for rotation: a key should be replaced by a new one after its cryptoperiod (NIST SP 800-57).</p>
      <label>Cryptoperiod
        <select value={String(period)} onChange={(e) => choose(Number(e.currentTarget.value))}>
          {CRYPTOPERIOD_CHOICES.map((c) => <option key={c.days} value={String(c.days)}>{c.label}</option>)}
          {!CRYPTOPERIOD_CHOICES.some((c) => c.days === period) && <option value={String(period)}>{period} days</option>}
        </select>
      </label>
      {overdue > 0 && <p class="warning" role="alert">{overdue} key{overdue === 1 ? ' is' : 's are'} past the rotation date. Move the funds to a new key and retire the old one.</p>}
      <div class="table-wrap">
        <table class="inventory">
          <thead><tr><th>Key</th><th>Type</th><th>Created</th><th>Last used</th><th>Backup last verified</th><th>Rotation due</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} class={`rot-${r.status}`} data-fingerprint={r.fingerprint} data-status={r.status}>
                <td><strong>{r.label}</strong><br /><span class="audit-fp">{r.fingerprint || '—'}</span></td>
                <td>{r.types.join(' · ')}</td>
                <td>{day(r.createdAt)}</td>
                <td>{r.lastUsed ? formatEntryTime(r.lastUsed) : 'never'}</td>
                <td>{r.lastBackupVerified ? formatEntryTime(r.lastBackupVerified) : r.types[0] === 'Ledger' ? <span class="muted">the Ledger’s own recovery sheet</span> : <span class="field-error">never</span>}</td>
                <td>{day(r.rotationDue)}<br /><span class={`rot-label ${r.status}`}>{STATUS_TEXT[r.status]}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions"><button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button></div>
    </section>
  );
}
