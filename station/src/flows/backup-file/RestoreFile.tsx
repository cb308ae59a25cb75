import { useSignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { AppError, errorCode, userMessage } from '../../../../shared/errors';
import { QrScanner } from '../../../../shared/ui/QrScanner';
import type { RestorePreview } from '../../../../shared/backup/vault-backup';
import { nextPaint, refreshKeys } from '../../state/actions';
import { keys } from '../../state/session';
import * as secrets from '../backup/secrets';
import { markVerified } from '../backup/verified';
import { initialState, itemLabel, transition, type Event as FlowEvent, type Mode, type State } from './machine';

const MAX_FILE_BYTES = 8 * 1024 * 1024;

function List({ title, names, testid, describe }: { title: string; names: string[]; testid: string; describe: Record<string, string> }) {
  return (
    <div data-testid={testid} data-count={names.length}>
      <h3>{title}: {names.length}</h3>
      {names.length > 0 && <ul class="facts">{names.map((n) => <li key={n}>{describe[n] ?? itemLabel(n)}</li>)}</ul>}
    </div>
  );
}

function PreviewLists({ preview, describe }: { preview: RestorePreview; describe: Record<string, string> }) {
  return (
    <div class="restore-preview">
      <List title="Added" names={preview.added} testid="preview-added" describe={describe} />
      <List title="Replaced (different in the file)" names={preview.replaced} testid="preview-replaced" describe={describe} />
      <List title="Unchanged" names={preview.unchanged} testid="preview-unchanged" describe={describe} />
      <List title="Only in this vault (kept by Merge, removed by Replace)" names={preview.removedIfReplace} testid="preview-removed" describe={describe} />
    </div>
  );
}

/**
 * Restore an encrypted backup file (or, mode 'drill', verify one without writing): pick the file
 * (or scan it from a second station) → backup passphrase (+ vault passphrase to preview) → preview
 * → merge or replace. Wrong passphrase, truncated or tampered files leave the vault unchanged.
 */
export function RestoreFile({ mode, onExit }: { mode: Mode; onExit: () => void }) {
  const state = useSignal<State>(initialState(mode));
  const send = (e: FlowEvent) => (state.value = transition(state.value, e));
  const [file, setFile] = useState<Uint8Array | null>(null);
  const [scan, setScan] = useState(false);
  const [backupPass, setBackupPass] = useState('');
  const [vaultPass, setVaultPass] = useState('');
  const [describe, setDescribe] = useState<Record<string, string>>({});
  useEffect(() => () => secrets.discardOpened(), []);
  useEffect(() => {
    if (state.value.step === 'cancelled') onExit();
  }, [state.value.step]);

  const take = (bytes: Uint8Array, name: string) => {
    try {
      const info = secrets.backupFileInfo(bytes);
      setFile(bytes);
      send({ type: 'picked', fileName: name, created: info.created });
    } catch (e) {
      send({ type: 'pick-failed', code: errorCode(e) });
    }
  };
  const pick = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) return send({ type: 'pick-failed', code: 'backup/corrupt' });
    take(new Uint8Array(await f.arrayBuffer()), f.name);
  };
  const unlock = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    send({ type: 'submitting' });
    await nextPaint();
    try {
      await secrets.openBackupFile(file, backupPass);
      if (mode === 'drill') {
        const checks = secrets.checkOpenedKeys();
        secrets.discardOpened();
        const list = keys.value;
        const result = checks.map((c) => ({ ...c, matchesKeyId: list.find((k) => k.status === 'ok' && k.fingerprint === c.fingerprint)?.id }));
        const ok = result.filter((r) => r.consistent && r.matchesKeyId).map((r) => ({ keyId: r.matchesKeyId!, fingerprint: r.fingerprint }));
        if (ok.length > 0) await markVerified(ok, 'file', Date.now());
        send({ type: 'checked', keys: result });
      } else {
        const preview = await secrets.previewOpened(vaultPass);
        const names: Record<string, string> = {};
        for (const k of keys.value) names[`key/${k.id}`] = k.status === 'ok' ? `key “${k.label}” ${k.fingerprint}` : 'damaged key record';
        setDescribe({ ...names, ...secrets.describeOpenedKeys() });
        send({ type: 'previewed', preview });
      }
    } catch (err) {
      send({ type: 'failed', code: errorCode(err) });
    }
  };
  const apply = async (how: 'merge' | 'replace') => {
    send({ type: 'submitting' });
    await nextPaint();
    try {
      await secrets.applyOpened(vaultPass, how);
      setVaultPass('');
      setBackupPass('');
      refreshKeys();
      send({ type: 'applied', applied: how });
    } catch (err) {
      send({ type: 'failed', code: errorCode(err) });
    }
  };

  const s = state.value;
  const title = mode === 'drill' ? 'Verify a backup file' : 'Restore from a backup file';
  switch (s.step) {
    case 'pick':
      return (
        <section class="step">
          <h2>{title}</h2>
          <label>Backup file (.airlock) <input type="file" accept=".airlock,application/octet-stream,application/json" data-testid="backup-file-input" onChange={(e) => void pick(e.currentTarget.files?.[0])} /></label>
          {s.error && <p class="field-error" role="alert" data-testid="file-error">{userMessage(new AppError(s.error))}</p>}
          {scan
            ? <QrScanner accept={{ urTypes: ['bytes'], text: false, expected: 'an Airlock backup (ur:bytes)' }} maxBytes={MAX_FILE_BYTES}
                onComplete={(r) => { setScan(false); if (r.payload.kind === 'bytes') take(r.payload.bytes, 'scanned backup'); else send({ type: 'pick-failed', code: 'backup/corrupt' }); }} />
            : <button type="button" onClick={() => setScan(true)}>Scan it from another station’s screen</button>}
          <div class="actions"><button type="button" class="secondary" onClick={onExit}>Cancel</button></div>
        </section>
      );
    case 'unlock':
      return (
        <form class="step" onSubmit={unlock}>
          <h2>{title}</h2>
          <p>File <strong>{s.fileName}</strong>, made {s.created.slice(0, 10)}.</p>
          <label>Backup passphrase <input type="password" autoComplete="off" value={backupPass} onInput={(e) => setBackupPass(e.currentTarget.value)} /></label>
          {mode === 'restore' && <label>Vault passphrase (to compare with this vault) <input type="password" autoComplete="off" value={vaultPass} onInput={(e) => setVaultPass(e.currentTarget.value)} /></label>}
          {s.error && <p class="field-error" role="alert" data-testid="file-error" data-code={s.error}>{userMessage(new AppError(s.error))}</p>}
          <div class="actions">
            <button type="button" class="secondary" disabled={s.busy} onClick={() => send({ type: 'back' })}>Other file</button>
            <button type="submit" class="primary" disabled={s.busy || backupPass === '' || (mode === 'restore' && vaultPass === '')}>{s.busy ? 'Decrypting…' : mode === 'drill' ? 'Check the file' : 'Show what would change'}</button>
          </div>
        </form>
      );
    case 'preview':
      return (
        <section class="step">
          <h2>What this restore changes</h2>
          <p>File {s.fileName}, made {s.created.slice(0, 10)}. Nothing has been written yet.</p>
          <PreviewLists preview={s.preview} describe={describe} />
          {s.error && <p class="field-error" role="alert">{userMessage(new AppError(s.error))}</p>}
          <div class="actions">
            <button type="button" class="secondary" disabled={s.busy} onClick={() => send({ type: 'cancel' })}>Cancel</button>
            <button type="button" class="primary" disabled={s.busy} onClick={() => apply('merge')}>Merge (keep keys only in this vault)</button>
            <button type="button" class="danger" disabled={s.busy} onClick={() => apply('replace')}>Replace the vault’s contents</button>
          </div>
        </section>
      );
    case 'restored':
      return (
        <section class="step">
          <h2>Backup restored</h2>
          <p class="notice info" role="status" data-testid="restore-done">
            {s.applied === 'merge' ? 'Merged' : 'Replaced'}: {s.preview.added.length} added, {s.preview.replaced.length} replaced, {s.preview.unchanged.length} unchanged{s.applied === 'replace' ? `, ${s.preview.removedIfReplace.length} removed` : ''}.
          </p>
          <div class="actions"><button type="button" class="primary" onClick={onExit}>Done</button></div>
        </section>
      );
    case 'drill-result':
      return (
        <section class="step">
          <h2>Backup file checked</h2>
          <p>File {s.fileName}, made {s.created.slice(0, 10)}: it opens with this passphrase and holds {s.keys.length} key{s.keys.length === 1 ? '' : 's'}. Nothing was changed.</p>
          <ul class="facts" data-testid="file-drill">
            {s.keys.map((k, i) => (
              <li key={i} data-ok={String(k.consistent && !!k.matchesKeyId)}>
                “{k.label}” <span class="fingerprint inline">{k.fingerprint}</span> —{' '}
                {!k.consistent ? 'DAMAGED: its recorded fingerprint does not match its words.' : k.matchesKeyId ? 'restores the same key as on this station (verified today).' : 'not on this station.'}
              </li>
            ))}
          </ul>
          <div class="actions"><button type="button" class="primary" onClick={onExit}>Done</button></div>
        </section>
      );
    case 'cancelled':
      return null;
  }
}
