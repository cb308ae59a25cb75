/**
 * Importing the station's audit log into the companion (issue 9 §3), pure. The companion keeps
 * the whole log it has seen and the station's audit key, pinned on the first import (trust on
 * first use: the pairing QR, `crypto-account`, has no field for it — the screen says so).
 * A new export must:
 * - be signed by the pinned key (else: "a log from another station");
 * - verify as a chain (verifyLog: edited, removed, reordered, forged entries);
 * - agree with what was imported before: a full export must start with exactly the stored entries
 *   (fewer = entries cut off the end; different hashes = history rewritten); a partial export
 *   ("since the last export") must continue from an entry we hold (else: a gap to fill with a full
 *   export), and overlapping entries must be identical.
 */
import { verifyLog, parseEntryLine, serializeLog, type AuditEntry } from '../../../../shared/audit/log';
import type { AuditExport } from '../../../../shared/ur/audit-export';

export interface StoredAuditLog {
  stationKey: string;
  /** JSON Lines of every verified entry imported so far, from seq 0 */
  text: string;
  /** when the key was pinned (ms) */
  pinnedAt: number;
}

export type ImportProblem =
  | { kind: 'tampered'; firstBad: number }
  | { kind: 'other-station'; got: string | null; pinned: string }
  | { kind: 'truncated'; stored: number; got: number }
  | { kind: 'diverged'; seq: number }
  | { kind: 'gap'; have: number; from: number }
  | { kind: 'no-key' };

export type ImportResult =
  | { ok: true; log: StoredAuditLog; entries: AuditEntry[]; added: number; pinnedNow: boolean; lastHash: string }
  | { ok: false; problem: ImportProblem };

function entriesOf(text: string): AuditEntry[] {
  return text.split('\n').filter((l) => l.trim() !== '').map(parseEntryLine).filter((e): e is AuditEntry => e !== undefined);
}

/** Check an export against the stored log (null on first import) and return the merged log or the problem. */
export function importAuditExport(stored: StoredAuditLog | null, exp: AuditExport, now: number): ImportResult {
  const have = stored ? entriesOf(stored.text) : [];
  if (!exp.partial) {
    const open = verifyLog(exp.text);
    if (!open.station_key) return { ok: false, problem: open.valid ? { kind: 'no-key' } : { kind: 'tampered', firstBad: open.first_bad_entry ?? 0 } };
    if (stored && open.station_key !== stored.stationKey) return { ok: false, problem: { kind: 'other-station', got: open.station_key, pinned: stored.stationKey } };
    if (!open.valid) return { ok: false, problem: { kind: 'tampered', firstBad: open.first_bad_entry ?? 0 } };
    const got = open.verified;
    for (const h of have) {
      const g = got[h.seq];
      if (!g) return { ok: false, problem: { kind: 'truncated', stored: have.length, got: got.length } };
      if (g.hash !== h.hash) return { ok: false, problem: { kind: 'diverged', seq: h.seq } };
    }
    const log = { stationKey: open.station_key, text: serializeLog(got), pinnedAt: stored?.pinnedAt ?? now };
    return { ok: true, log, entries: got, added: got.length - have.length, pinnedNow: !stored, lastHash: got[got.length - 1].hash };
  }
  // partial export: continue from an entry we already hold, with the pinned key
  if (!stored || exp.firstSeq === null) return { ok: false, problem: { kind: 'gap', have: have.length, from: exp.firstSeq ?? 0 } };
  const first = exp.firstSeq;
  const anchor = have[first - 1];
  if (!anchor) return { ok: false, problem: { kind: 'gap', have: have.length, from: first } };
  const r = verifyLog(exp.text, { stationKey: stored.stationKey, anchor: { seq: anchor.seq, hash: anchor.hash } });
  if (!r.valid) {
    // a continuation signed by another key fails at its first entry
    return { ok: false, problem: { kind: 'tampered', firstBad: r.first_bad_entry ?? first } };
  }
  for (const g of r.verified) {
    const h = have[g.seq];
    if (h && h.hash !== g.hash) return { ok: false, problem: { kind: 'diverged', seq: g.seq } };
  }
  const merged = [...have.slice(0, first), ...r.verified];
  if (merged.length < have.length) return { ok: false, problem: { kind: 'truncated', stored: have.length, got: merged.length } };
  const log = { stationKey: stored.stationKey, text: serializeLog(merged), pinnedAt: stored.pinnedAt };
  return { ok: true, log, entries: merged, added: merged.length - have.length, pinnedNow: false, lastHash: merged[merged.length - 1].hash };
}

/** The problem in words, for the alarm panel. */
export function problemText(p: ImportProblem): string {
  switch (p.kind) {
    case 'tampered':
      return `Entry #${p.firstBad} does not verify: it was changed, removed, reordered or its signature is forged. Do not trust this log from entry #${p.firstBad} on.`;
    case 'other-station':
      return `This log is signed by another station (key ${p.got ?? 'unknown'}), not the one pinned here (${p.pinned}).`;
    case 'truncated':
      return `Entries were cut off the end: this companion already holds ${p.stored} entries, the station now shows only ${p.got}.`;
    case 'diverged':
      return `The station's log no longer matches what was imported before, from entry #${p.seq} on: its history was rewritten.`;
    case 'gap':
      return `This export starts at entry #${p.from}, but this companion holds only ${p.have} entries: export all entries on the station instead.`;
    case 'no-key':
      return 'This log does not start with the station key entry (log-started).';
  }
}
