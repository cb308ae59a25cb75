/**
 * The station's audit log (issue 9, shared/audit): an append-only, hash-chained, Ed25519-signed
 * list of key uses (psbt-signed, eth-signed, multisig-registered…), kept ENCRYPTED in the vault as
 * two meta records: `audit-seed` (a random 32-byte audit key, made on first use) and `audit-log`
 * (JSON Lines, shared/audit/log.ts format, the same one `airlock audit verify` reads).
 * Called only by keyring.ts, which owns the unlocked Vault. Events carry public facts only.
 * Not handled here: exporting the log (a later screen), two tabs appending at once.
 */
import { utf8ToBytes, tryUtf8 } from '../../../shared/bytes';
import type { Vault } from '../../../shared/vault/vault';
import type { AuditEvent } from '../../../shared/audit/events';
import { appendEntry, generateAuditSeed, parseEntryLine, serializeLog, startLog, type AuditEntry } from '../../../shared/audit/log';

const SEED_RECORD = 'audit-seed';
const LOG_RECORD = 'audit-log';

function readEntries(raw: Uint8Array | undefined): AuditEntry[] {
  const text = raw ? tryUtf8(raw) ?? '' : '';
  return text.split('\n').filter((l) => l.trim() !== '').map(parseEntryLine).filter((e): e is AuditEntry => e !== undefined);
}

/** Append `event` to the vault's audit log (starting the log when there is none). */
export async function appendStationAudit(vault: Vault, event: AuditEvent, now: Date = new Date()): Promise<void> {
  let seed = await vault.getMeta(SEED_RECORD);
  if (!seed || seed.length !== 32) {
    seed = generateAuditSeed();
    await vault.putMeta(SEED_RECORD, seed);
  }
  try {
    const time = now.toISOString();
    const entries = readEntries(await vault.getMeta(LOG_RECORD));
    if (entries.length === 0) entries.push(startLog(seed, time));
    entries.push(appendEntry(entries, event, seed, time));
    await vault.putMeta(LOG_RECORD, utf8ToBytes(serializeLog(entries)));
  } finally {
    seed.fill(0);
  }
}

/** The vault's audit log as JSON Lines text ('' when nothing was recorded yet). */
export async function readStationAudit(vault: Vault): Promise<string> {
  return serializeLog(readEntries(await vault.getMeta(LOG_RECORD)));
}
