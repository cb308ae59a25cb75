import { useEffect, useState } from 'preact/hooks';
import { AppError, errorCode, userMessage, type ErrorCode } from '../../../../shared/errors';
import { BACKUP_MIN_PASSPHRASE_CHARS } from '../../../../shared/backup/vault-backup';
import { encodeBytesCbor } from '../../../../shared/ur/registry';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { nextPaint } from '../../state/actions';
import * as keyring from '../../state/keyring';
import { exportBackupFile } from '../backup/secrets';
import { checkNewPassphrase } from '../../components/passphrase';

/** Largest file also offered as an animated `ur:bytes` QR for a second station. */
export const MAX_QR_BACKUP_BYTES = 16 * 1024;

/** `airlock-backup-2025-01-31.airlock` (UTC date). */
export function backupFileName(now: number): string {
  return `airlock-backup-${new Date(now).toISOString().slice(0, 10)}.airlock`;
}

type Out = { name: string; url: string; bytes: Uint8Array };

/**
 * Export the whole vault as an encrypted backup file: the vault passphrase re-confirms the user,
 * the backup passphrase (may differ) seals the file. The file is offered as a Blob download — no
 * network — and, when small, as an animated QR for a second station.
 */
export function ExportFile({ onExit }: { onExit: () => void }) {
  const [vaultPass, setVaultPass] = useState('');
  const [pass, setPass] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [out, setOut] = useState<Out | null>(null);
  const [showQr, setShowQr] = useState(false);
  useEffect(() => () => { if (out) URL.revokeObjectURL(out.url); }, [out]);
  const problem = checkNewPassphrase(pass, confirm, BACKUP_MIN_PASSPHRASE_CHARS);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    await nextPaint();
    try {
      const now = Date.now();
      const bytes = await exportBackupFile(vaultPass, pass, now);
      await keyring.recordAudit({ event: 'backup-made', details: { method: 'encrypted backup file' } });
      setOut({ name: backupFileName(now), url: URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' })), bytes });
      setVaultPass('');
      setPass('');
      setConfirm('');
    } catch (err) {
      setError(errorCode(err));
    } finally {
      setBusy(false);
    }
  };

  if (out) {
    return (
      <section class="step">
        <h2>Backup file ready</h2>
        <p class="notice info" role="status">Encrypted under your backup passphrase ({out.bytes.length.toLocaleString('en-US')} bytes). Save it to a USB stick kept apart from this computer.</p>
        <p><a class="button primary" href={out.url} download={out.name} data-testid="backup-download">Save {out.name}</a></p>
        <p class="muted">Without the backup passphrase the file is useless — to a thief and to you. Write the passphrase down and store it apart from the file.</p>
        {out.bytes.length <= MAX_QR_BACKUP_BYTES && (
          showQr
            ? <AnimatedQr urType="bytes" cbor={encodeBytesCbor(out.bytes)} label="Encrypted backup as animated QR" />
            : <button type="button" onClick={() => setShowQr(true)}>Show as animated QR (for a second station)</button>
        )}
        <div class="actions"><button type="button" onClick={onExit}>Done</button></div>
      </section>
    );
  }
  return (
    <form class="step" onSubmit={submit}>
      <h2>Export an encrypted backup file</h2>
      <p>Everything in the vault — keys, labels, multisig wallets, policies, audit log — in one encrypted file.</p>
      <label>Vault passphrase (to confirm it is you) <input type="password" autoComplete="off" value={vaultPass} onInput={(e) => setVaultPass(e.currentTarget.value)} /></label>
      <label>Backup passphrase <input type="password" autoComplete="new-password" value={pass} onInput={(e) => setPass(e.currentTarget.value)} /></label>
      <label>Backup passphrase again <input type="password" autoComplete="new-password" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} /></label>
      <p class="muted">At least {BACKUP_MIN_PASSPHRASE_CHARS} characters; it may differ from the vault passphrase.</p>
      {pass !== '' && problem === 'too-short' && <p class="field-error">Use at least {BACKUP_MIN_PASSPHRASE_CHARS} characters.</p>}
      {confirm !== '' && problem === 'mismatch' && <p class="field-error">The two backup passphrases differ.</p>}
      {error && <p class="field-error" role="alert">{userMessage(new AppError(error, { min: BACKUP_MIN_PASSPHRASE_CHARS }))}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={onExit}>Cancel</button>
        <button type="submit" class="primary" disabled={busy || !!problem || vaultPass === ''}>{busy ? 'Encrypting…' : 'Create backup file'}</button>
      </div>
    </form>
  );
}
