/**
 * Key inventory (issue 9 §5), pure: every key with its type, creation date, last use and last
 * backup verification (both from the audit log, matched by fingerprint), and a rotation-due date
 * from a configurable cryptoperiod (NIST SP 800-57 Part 1 §5.3: a key's authorized use period;
 * default 2 years, counted from creation). Overdue keys and keys due within 30 days are flagged.
 * Types: "Seed (BIP-39)" for vault keys; "Multisig cosigner" when a `multisig-registered` entry
 * lists the fingerprint; "Ledger" for hardware keys (flows/ledger hw-keys record: public keys only,
 * the Ledger keeps the secret and its own backup, so no backup check is tracked here).
 */
import type { KeySummary } from '../../../../shared/vault/vault';
import type { AuditEntry } from '../../../../shared/audit/log';

export const DAY_MS = 86_400_000;
export const DEFAULT_CRYPTOPERIOD_DAYS = 730;
export const DUE_SOON_DAYS = 30;
export const CRYPTOPERIOD_CHOICES: readonly { days: number; label: string }[] = [
  { days: 182, label: '6 months' },
  { days: 365, label: '1 year' },
  { days: 730, label: '2 years (default)' },
  { days: 1095, label: '3 years' },
  { days: 1826, label: '5 years' },
];

export type RotationStatus = 'ok' | 'due-soon' | 'overdue' | 'unknown';

export interface InventoryRow {
  id: string;
  label: string;
  fingerprint: string;
  types: string[];
  /** ms since epoch, null when the record is damaged */
  createdAt: number | null;
  /** time (ISO) of the last signature with this key, from the log */
  lastUsed: string | null;
  /** time (ISO) of the last backup-verified entry for this key */
  lastBackupVerified: string | null;
  /** ms since epoch */
  rotationDue: number | null;
  status: RotationStatus;
}

const SIGN_EVENTS = new Set(['psbt-signed', 'eth-signed']);

function fpOf(e: AuditEntry): string | undefined {
  const f = (e.details as Record<string, unknown>).fingerprint;
  return typeof f === 'string' ? f.toLowerCase() : undefined;
}

/** A hardware key as the inventory needs it (public). */
export interface HardwareKeyRow {
  id: string;
  label: string;
  fingerprint: string;
  createdAt: number;
}

/** Build the inventory at `now` (ms) with a cryptoperiod in days; hardware keys get the type "Ledger". */
export function buildInventory(keys: readonly KeySummary[], entries: readonly AuditEntry[], now: number, cryptoperiodDays: number, hardware: readonly HardwareKeyRow[] = []): InventoryRow[] {
  const all: (KeySummary | (HardwareKeyRow & { hardware: true }))[] = [...keys, ...hardware.map((h) => ({ ...h, hardware: true as const }))];
  return all.map((k) => {
    const fp = k.fingerprint.toLowerCase();
    let lastUsed: string | null = null;
    let lastBackupVerified: string | null = null;
    const wallets: string[] = [];
    for (const e of entries) {
      const d = e.details as Record<string, unknown>;
      if (SIGN_EVENTS.has(e.event) && fpOf(e) === fp) lastUsed = e.time;
      if (e.event === 'backup-verified' && fpOf(e) === fp) lastBackupVerified = e.time;
      if (e.event === 'multisig-registered' && Array.isArray(d.fingerprints) && d.fingerprints.some((f) => typeof f === 'string' && f.toLowerCase() === fp)) {
        wallets.push(typeof d.name === 'string' ? d.name : 'multisig');
      }
    }
    const hw = 'hardware' in k;
    const types = hw ? ['Ledger'] : k.status === 'ok' ? ['Seed (BIP-39)'] : ['Damaged record'];
    if (!hw && k.hasPassphrase) types.push('with BIP-39 passphrase');
    if (wallets.length) types.push(`Multisig cosigner (${[...new Set(wallets)].join(', ')})`);
    const createdAt = (hw || k.status === 'ok') && k.createdAt > 0 ? k.createdAt : null;
    const rotationDue = createdAt === null ? null : createdAt + cryptoperiodDays * DAY_MS;
    const status: RotationStatus = rotationDue === null ? 'unknown' : now > rotationDue ? 'overdue' : now > rotationDue - DUE_SOON_DAYS * DAY_MS ? 'due-soon' : 'ok';
    return { id: k.id, label: k.label || (hw ? 'Ledger' : 'damaged key'), fingerprint: k.fingerprint, types, createdAt, lastUsed, lastBackupVerified, rotationDue, status };
  });
}

/** A stored cryptoperiod setting (JSON {"cryptoperiodDays":N}) or the default. */
export function parseCryptoperiod(text: string | undefined): number {
  try {
    const v = JSON.parse(text ?? '') as { cryptoperiodDays?: unknown };
    const d = v.cryptoperiodDays;
    return typeof d === 'number' && Number.isSafeInteger(d) && d >= 1 && d <= 3650 ? d : DEFAULT_CRYPTOPERIOD_DAYS;
  } catch {
    return DEFAULT_CRYPTOPERIOD_DAYS;
  }
}
