/**
 * Audit log export for the QR link station → companion (issue 9 §2).
 *
 * Format: a `ur:bytes` message (BCR-2020-006 `bytes`: a CBOR byte string, encoded by
 * @keystonehq/bc-ur-registry's `Bytes` through shared/ur/registry.ts — no hand-written CBOR) whose
 * bytes are the UTF-8 text of the log in JSON Lines, exactly the format `airlock audit verify`
 * reads (shared/audit/log.ts: one entry per line, each line ending in "\n").
 * - A full export starts at seq 0 (the `log-started` entry publishing the station's audit key).
 * - A partial export ("since the last export") is the lines from seq N > 0 to the end, unchanged:
 *   the first line's `prev` chains it to entry N-1, which the receiver already holds, and the
 *   receiver verifies it with verifyLog(..., {anchor: {seq: N-1, hash}, stationKey}).
 * Why `bytes` and not a custom UR type: every UR decoder (ours, Keystone's, Sparrow's) can carry it,
 * and the text inside is self-describing and the same file the CLI verifies.
 * Deliberately not done here: verification (shared/audit/log.ts verifyLog) and compression.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { tryUtf8 } from '../bytes';
import { AppError } from '../errors';
import { parseEntryLine, serializeLog, type AuditEntry } from '../audit/log';
import { decodeUrPayload, encodeBytesCbor } from './registry';

/** The UR type an audit export travels as. */
export const AUDIT_EXPORT_UR_TYPE = 'bytes';

export interface AuditExport {
  /** The JSON Lines text, as received (every line, readable or not: verifyLog judges them). */
  text: string;
  /** Non-blank lines. */
  lines: number;
  /** seq of the first readable line (0 for a full export), or null when none is readable. */
  firstSeq: number | null;
  /** True when the export does not start at seq 0 (entries since an earlier export). */
  partial: boolean;
}

/** CBOR of the `ur:bytes` message carrying `entries` as JSON Lines. */
export function encodeAuditExportCbor(entries: readonly AuditEntry[]): Uint8Array {
  return encodeBytesCbor(utf8ToBytes(serializeLog(entries)));
}

/**
 * Read the bytes of a `ur:bytes` message as an audit export. Throws AppError('audit/invalid-log')
 * with {entry: 0} when the bytes are not UTF-8 text or no line looks like a log entry.
 */
export function decodeAuditExportBytes(bytes: Uint8Array): AuditExport {
  const text = tryUtf8(bytes);
  if (text === undefined) throw new AppError('audit/invalid-log', { entry: 0 });
  const all = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const parsed = all.map(parseEntryLine);
  const first = parsed.find((e) => e !== undefined);
  if (!first) throw new AppError('audit/invalid-log', { entry: 0 });
  return { text, lines: all.length, firstSeq: first.seq, partial: (parsed[0]?.seq ?? first.seq) !== 0 };
}

/** Decode the CBOR of a `ur:bytes` audit export. Throws AppError('ur/corrupt'), AppError('audit/invalid-log'). */
export function decodeAuditExportCbor(cbor: Uint8Array): AuditExport {
  const p = decodeUrPayload(AUDIT_EXPORT_UR_TYPE, cbor);
  if (p.kind !== 'bytes') throw new AppError('ur/corrupt');
  return decodeAuditExportBytes(p.bytes);
}
