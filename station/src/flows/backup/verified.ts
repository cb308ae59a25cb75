/**
 * When each key's backup was last verified by a drill (public facts: key id → ms since epoch and
 * the kind of backup), stored encrypted in the vault as `meta/backup-verified` (JSON), mirrored in
 * a signal for the key list's nudge. Pure helpers decide what is overdue.
 */
import { signal } from '@preact/signals';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { tryUtf8 } from '../../../../shared/bytes';
import * as keyring from '../../state/keyring';

export type VerifiedMethod = 'words' | 'slip39' | 'seedqr' | 'file';
export interface VerifiedRecord {
  at: number;
  method: VerifiedMethod;
}
export type VerifiedMap = Record<string, VerifiedRecord>;

const META_NAME = 'backup-verified';
export const YEAR_MS = 365 * 24 * 3600 * 1000;

/** null until loaded for the current unlock. */
export const verifiedAt = signal<VerifiedMap | null>(null);
keyring.onLock(() => (verifiedAt.value = null));

/** 'never', 'stale' (over a year ago) or 'ok'. */
export function backupStatus(rec: VerifiedRecord | undefined, now: number): 'never' | 'stale' | 'ok' {
  if (!rec) return 'never';
  return now - rec.at > YEAR_MS ? 'stale' : 'ok';
}

function parse(bytes: Uint8Array | undefined): VerifiedMap {
  if (!bytes) return {};
  try {
    const v = JSON.parse(tryUtf8(bytes) ?? '{}') as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    const out: VerifiedMap = {};
    for (const [id, r] of Object.entries(v as Record<string, VerifiedRecord>)) {
      if (typeof r?.at === 'number' && typeof r.method === 'string') out[id] = { at: r.at, method: r.method };
    }
    return out;
  } catch {
    return {};
  }
}

let loading: Promise<void> | null = null;

/** Load the records once per unlock (the key list calls this lazily). */
export function ensureVerifiedLoaded(): void {
  if (verifiedAt.peek() !== null || loading || !keyring.isUnlocked()) return;
  loading = keyring
    .readMeta(META_NAME)
    .then((b) => {
      verifiedAt.value = parse(b);
    })
    .catch(() => {
      verifiedAt.value = {};
    })
    .finally(() => {
      loading = null;
    });
}

const METHOD_TEXT: Record<VerifiedMethod, string> = { words: 'drill: recovery words', slip39: 'drill: SLIP-39 shares', seedqr: 'drill: SeedQR', file: 'drill: encrypted backup file' };

/**
 * Record a successful drill for `keys` at `now`: the vault record for the key list, and a
 * `backup-verified` audit entry (which the key inventory reads).
 */
export async function markVerified(keys: readonly { keyId: string; fingerprint: string }[], method: VerifiedMethod, now: number): Promise<void> {
  const current = parse(await keyring.readMeta(META_NAME));
  for (const k of keys) current[k.keyId] = { at: now, method };
  await keyring.writeMeta(META_NAME, utf8ToBytes(JSON.stringify(current)));
  verifiedAt.value = current;
  for (const k of keys) await keyring.recordAudit({ event: 'backup-verified', details: { method: METHOD_TEXT[method], fingerprint: k.fingerprint } });
}
