/**
 * Whole-vault export/import for backups: read every record of a vault store as plaintext items
 * (for vault-backup.ts) and write items back, merging or replacing, in ONE atomic store batch.
 *
 * Works on the documented vault format (shared/vault/envelope.ts "Airlock vault format, version 1"):
 * the `header` record (plaintext "airlock-vault-v1") checks the passphrase; `key/<32 hex>` and
 * `meta/<name>` records are opened/sealed with the record id as AAD under the vault's own KDF spec,
 * using kdf.ts/envelope.ts (no crypto here). Item names are the store keys. Deliberately does NOT
 * interpret key records (vault.ts does; an unreadable one is listed as 'corrupt' there) and never
 * touches `header`, so the vault passphrase is unchanged by an import.
 */
import { AppError } from '../errors';
import { wipe } from '../bytes';
import { openRecord, parseEnvelope, sameKdf, sealRecord, type Envelope } from '../vault/envelope';
import type { StoreOp, VaultStore } from '../vault/store';
import { HEADER_ID, openVaultKey } from '../vault/header';
import { previewRestore, type BackupItem, type RestorePreview } from './vault-backup';

const NAME_RE = /^(key\/[0-9a-f]{32}|meta\/[A-Za-z0-9][A-Za-z0-9._-]{0,63})$/;

/** True for names a vault record may have in a backup (`key/<32 hex>`, `meta/<name>`). */
export function isVaultItemName(name: string): boolean {
  return NAME_RE.test(name);
}

async function readItems(store: VaultStore, key: Uint8Array, header: Envelope): Promise<BackupItem[]> {
  const items: BackupItem[] = [];
  for (const name of await store.list()) {
    if (name === HEADER_ID) continue;
    if (!isVaultItemName(name)) throw new AppError('vault/corrupt', { record: name });
    const env = parseEnvelope((await store.get(name))!);
    if (!sameKdf(env.kdf, header.kdf)) throw new AppError('vault/corrupt', { record: name });
    items.push({ name, data: openRecord(key, env, name) });
  }
  return items;
}

/**
 * Every record of the vault as plaintext items (secret: wipe `data` after use). Refuses a vault
 * with any damaged record ('vault/corrupt' {record}) rather than silently leaving it out.
 * Throws 'vault/not-found', 'vault/wrong-password', 'vault/weak-kdf', 'vault/unsupported-version'.
 */
export async function exportVaultRecords(store: VaultStore, passphrase: string): Promise<BackupItem[]> {
  const { key, header } = await openVaultKey(store, passphrase);
  try {
    return await readItems(store, key, header);
  } finally {
    wipe(key);
  }
}

/**
 * Restore `items` into the vault: 'merge' adds and replaces, 'replace' also deletes records the
 * backup lacks. With `dryRun` nothing is written. Returns the preview of what changes (computed
 * against the decrypted current records). One atomic batch. Throws the vault's unlock codes and
 * 'backup/corrupt' for an item name that is not a vault record.
 */
export async function importVaultRecords(
  store: VaultStore,
  passphrase: string,
  items: readonly BackupItem[],
  mode: 'merge' | 'replace',
  dryRun = false,
): Promise<RestorePreview> {
  for (const i of items) if (!isVaultItemName(i.name)) throw new AppError('backup/corrupt', { record: i.name });
  const { key, header } = await openVaultKey(store, passphrase);
  let current: BackupItem[] = [];
  try {
    current = await readItems(store, key, header);
    const preview = previewRestore(current, items);
    if (dryRun) return preview;
    const ops: StoreOp[] = [];
    const writes = new Set([...preview.added, ...preview.replaced]);
    for (const i of items) if (writes.has(i.name)) ops.push({ kind: 'put', key: i.name, value: sealRecord(key, header.kdf, i.name, i.data) });
    if (mode === 'replace') for (const name of preview.removedIfReplace) ops.push({ kind: 'delete', key: name });
    if (ops.length > 0) await store.batch(ops);
    return preview;
  } finally {
    wipe(key, ...current.map((c) => c.data));
  }
}
