import { backupStatus, ensureVerifiedLoaded, verifiedAt } from '../backup/verified';
import '../backup/backup.css';

/**
 * Key inventory nudge on a key card: when the key's backup was last verified by a drill, and a
 * highlight when never, or more than a year ago.
 */
export function KeyBackupStatus({ keyId }: { keyId: string }) {
  ensureVerifiedLoaded();
  const map = verifiedAt.value;
  if (map === null) return null;
  const rec = map[keyId];
  const status = backupStatus(rec, Date.now());
  const text =
    status === 'never' ? 'Backup never verified — run a backup drill'
    : status === 'stale' ? `Backup last verified ${new Date(rec!.at).toISOString().slice(0, 10)}, over a year ago — verify it again`
    : `Backup verified ${new Date(rec!.at).toISOString().slice(0, 10)}`;
  return <span class={`backup-status ${status}`} data-testid="backup-status" data-status={status}>{text}</span>;
}
