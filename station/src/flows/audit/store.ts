/**
 * The audit screens' vault I/O: read the station's log (kept encrypted by state/audit.ts), verify
 * it, and remember which entry was last exported (vault meta `audit-export`: {"seq":N,"hash":HEX}).
 * Append-only: nothing here edits or removes entries.
 */
import { tryUtf8, utf8ToBytes } from '../../../../shared/bytes';
import { parseEntryLine, verifyLog, type AuditEntry } from '../../../../shared/audit/log';
import { readStationAudit } from '../../state/audit';
import { withVaultMeta } from '../../state/keyring';
import type { AuditView, ExportMark } from './machine';

const EXPORT_RECORD = 'audit-export';

/** Parse JSON Lines into entries (unreadable lines dropped; verifyLog on the text judges them). */
export function parseEntries(text: string): AuditEntry[] {
  return text.split('\n').filter((l) => l.trim() !== '').map(parseEntryLine).filter((e): e is AuditEntry => e !== undefined);
}

function parseMark(raw: Uint8Array | undefined): ExportMark | null {
  const t = raw ? tryUtf8(raw) : undefined;
  if (!t) return null;
  try {
    const v = JSON.parse(t) as { seq?: unknown; hash?: unknown };
    return Number.isSafeInteger(v.seq) && typeof v.hash === 'string' ? { seq: v.seq as number, hash: v.hash } : null;
  } catch {
    return null;
  }
}

/** The log, its verification and the last export mark. Throws 'vault/locked'. */
export async function loadAuditView(): Promise<AuditView> {
  return await withVaultMeta(async (v) => {
    const text = await readStationAudit(v);
    const r = verifyLog(text);
    return {
      entries: parseEntries(text),
      verify: { valid: r.valid, entries: r.entries, firstBad: r.first_bad_entry, lastHash: r.last_hash, stationKey: r.station_key },
      lastExport: parseMark(await v.getMeta(EXPORT_RECORD)),
    };
  });
}

/** Remember that the entries up to `mark.seq` reached the companion. */
export async function saveExportMark(mark: ExportMark): Promise<void> {
  await withVaultMeta((v) => v.putMeta(EXPORT_RECORD, utf8ToBytes(JSON.stringify({ seq: mark.seq, hash: mark.hash }))));
}

/** Every readable entry of the log (for policy windows and the inventory). */
export async function loadAuditEntries(): Promise<AuditEntry[]> {
  return await withVaultMeta(async (v) => parseEntries(await readStationAudit(v)));
}
