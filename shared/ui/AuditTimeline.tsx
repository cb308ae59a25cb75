/**
 * <AuditTimeline>: audit log entries as a timeline, newest first — time, what happened in words
 * (shared/audit/describe.ts), the key's fingerprint, and the raw public facts on demand.
 * Used by the station's audit screen and the companion's import screen. Read-only by design:
 * there is no control that edits or removes an entry. Each item carries data-seq / data-event.
 */
import { describeEntry } from '../audit/describe';
import type { AuditEntry } from '../audit/log';
import './audit-ui.css';

export interface TimelineMark {
  /** short badge text, e.g. "on chain", "not broadcast" */
  text: string;
  tone: 'ok' | 'warn' | 'danger';
}

/** "2025-01-31 14:05 UTC" from an ISO time (the raw text when unreadable). */
export function formatEntryTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** The audit log as a list, newest first, with export marks and the first bad entry flagged. */
export function AuditTimeline({ entries, marks, bad }: {
  entries: readonly AuditEntry[];
  /** badges per seq (reconciliation results) */
  marks?: ReadonlyMap<number, TimelineMark>;
  /** seq of the first entry that failed verification (it and later ones are flagged) */
  bad?: number | null;
}) {
  if (entries.length === 0) return <p class="muted">No entries yet.</p>;
  const list = [...entries].reverse();
  return (
    <ol class="audit-timeline" aria-label="Audit log entries, newest first">
      {list.map((e) => {
        const w = describeEntry(e);
        const mark = marks?.get(e.seq);
        const failed = bad !== undefined && bad !== null && e.seq >= bad;
        return (
          <li key={e.seq} class={`audit-entry tone-${w.tone}${failed ? ' failed' : ''}`} data-seq={e.seq} data-event={e.event}>
            <div class="audit-head">
              <span class="audit-seq">#{e.seq}</span>
              <time dateTime={e.time}>{formatEntryTime(e.time)}</time>
              <strong class="audit-title">{w.title}</strong>
              {w.fingerprint && <span class="audit-fp">{w.fingerprint}</span>}
              {mark && <span class={`audit-mark ${mark.tone}`}>{mark.text}</span>}
              {failed && <span class="audit-mark danger">does not verify</span>}
            </div>
            {w.text && <p class="audit-text">{w.text}</p>}
            <details>
              <summary>Details</summary>
              <pre class="audit-raw">{JSON.stringify(e.details, null, 1)}</pre>
              <p class="audit-hash">hash {e.hash}</p>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
