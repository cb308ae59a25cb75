/**
 * Where the companion keeps the station's audit log it imported and the pinned station audit key:
 * one record in the companion store's cache (`audit:log`). Public data only (the log has no secrets).
 */
import type { CompanionStore } from './store';
import type { StoredAuditLog } from '../flows/audit/import-log';

const KEY = 'audit:log';

export async function loadAuditLog(store: CompanionStore): Promise<StoredAuditLog | null> {
  const v = await store.getCache<StoredAuditLog>(KEY);
  return v && typeof v.stationKey === 'string' && typeof v.text === 'string' ? v : null;
}

export async function saveAuditLog(store: CompanionStore, log: StoredAuditLog): Promise<void> {
  await store.putCache(KEY, log);
}
