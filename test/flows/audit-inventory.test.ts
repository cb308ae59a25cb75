/** Key inventory: last use / backup check from the log by fingerprint, rotation due, overdue flag. */
import { describe, expect, it } from 'vitest';
import { appendEntry, startLog, type AuditEntry } from '../../shared/audit/log';
import { psbtSignedEvent } from '../../shared/audit/events';
import type { KeySummary } from '../../shared/vault/vault';
import { buildInventory, DAY_MS, DEFAULT_CRYPTOPERIOD_DAYS, parseCryptoperiod } from '../../station/src/flows/inventory/inventory';

const SEED = new Uint8Array(32).fill(9);
const key = (id: string, fp: string, createdAt: number): KeySummary => ({ id, label: id, fingerprint: fp, createdAt, kind: 'bip39', hasPassphrase: false, status: 'ok' });
const T0 = Date.parse('2023-01-01T00:00:00Z');

function log(): AuditEntry[] {
  const l = [startLog(SEED, '2024-01-01T00:00:00.000Z')];
  l.push(appendEntry(l, { event: 'backup-verified', details: { method: 'word quiz', fingerprint: 'aaaaaaaa' } }, SEED, '2024-01-02T00:00:00.000Z'));
  l.push(appendEntry(l, psbtSignedEvent({ txid: '00'.repeat(32), feeSats: 1n, inputs: 1, outputs: [], network: 'mainnet', fingerprint: 'aaaaaaaa' }), SEED, '2024-02-01T00:00:00.000Z'));
  l.push(appendEntry(l, psbtSignedEvent({ txid: '01'.repeat(32), feeSats: 1n, inputs: 1, outputs: [], network: 'mainnet', fingerprint: 'bbbbbbbb' }), SEED, '2024-03-01T00:00:00.000Z'));
  l.push(appendEntry(l, { event: 'multisig-registered', details: { name: 'Family vault', policy: '2 of 3', fingerprints: ['bbbbbbbb', 'cccccccc', 'dddddddd'] } }, SEED, '2024-03-02T00:00:00.000Z'));
  return l;
}

describe('key inventory', () => {
  it('last used and last backup verification come from the log, per fingerprint', () => {
    const [a, b] = buildInventory([key('A', 'aaaaaaaa', T0), key('B', 'bbbbbbbb', T0)], log(), T0 + 100 * DAY_MS, DEFAULT_CRYPTOPERIOD_DAYS);
    expect([a.lastUsed, a.lastBackupVerified]).toEqual(['2024-02-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z']);
    expect([b.lastUsed, b.lastBackupVerified]).toEqual(['2024-03-01T00:00:00.000Z', null]);
    expect(b.types).toContain('Multisig cosigner (Family vault)');
    expect(a.types).toEqual(['Seed (BIP-39)']);
  });
  it('rotation due = creation + cryptoperiod; past it the key is overdue, 30 days before it due soon', () => {
    const keys = [key('A', 'aaaaaaaa', T0)];
    expect(buildInventory(keys, [], T0 + 729 * DAY_MS, 730)[0].status).toBe('due-soon');
    expect(buildInventory(keys, [], T0 + 699 * DAY_MS, 730)[0].status).toBe('ok');
    const late = buildInventory(keys, [], T0 + 731 * DAY_MS, 730)[0];
    expect([late.status, late.rotationDue]).toEqual(['overdue', T0 + 730 * DAY_MS]);
    expect(buildInventory(keys, [], T0 + 400 * DAY_MS, 365)[0].status).toBe('overdue');
  });
  it('the cryptoperiod setting defaults to 2 years and rejects nonsense', () => {
    expect(DEFAULT_CRYPTOPERIOD_DAYS).toBe(730);
    expect(parseCryptoperiod(undefined)).toBe(730);
    expect(parseCryptoperiod('{"cryptoperiodDays":365}')).toBe(365);
    expect(parseCryptoperiod('{"cryptoperiodDays":-5}')).toBe(730);
  });
});
