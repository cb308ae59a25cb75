/** Hardware keys in the key inventory (issue 8 × issue 9): type "Ledger", last use and multisig membership from the log. */
import { describe, expect, it } from 'vitest';
import { appendEntry, startLog, type AuditEntry } from '../../../shared/audit/log';
import { psbtSignedEvent } from '../../../shared/audit/events';
import type { KeySummary } from '../../../shared/vault/vault';
import { buildInventory, DAY_MS } from '../../../station/src/flows/inventory/inventory';

const SEED = new Uint8Array(32).fill(3);
const T0 = Date.parse('2024-01-01T00:00:00Z');
const seedKey: KeySummary = { id: 'k1', label: 'Seed key', fingerprint: '73c5da0a', createdAt: T0, kind: 'bip39', hasPassphrase: false, status: 'ok' };
const ledger = { id: 'hw-f5acc2fd-testnet', label: 'My Ledger', fingerprint: 'f5acc2fd', createdAt: T0 + DAY_MS };

function log(): AuditEntry[] {
  const l = [startLog(SEED, '2024-01-01T00:00:00.000Z')];
  l.push(appendEntry(l, psbtSignedEvent({ txid: '00'.repeat(32), feeSats: 1n, inputs: 1, outputs: [], network: 'testnet', fingerprint: 'f5acc2fd' }), SEED, '2024-02-01T00:00:00.000Z'));
  l.push(appendEntry(l, { event: 'multisig-registered', details: { name: 'Family vault', policy: '2 of 2', fingerprints: ['73c5da0a', 'f5acc2fd'] } }, SEED, '2024-02-02T00:00:00.000Z'));
  return l;
}

describe('key inventory with hardware keys', () => {
  it('a hardware key is a row of type "Ledger" after the seed keys, with its last use and multisig wallet from the log', () => {
    const rows = buildInventory([seedKey], log(), T0 + 10 * DAY_MS, 730, [ledger]);
    expect(rows.map((r) => [r.id, r.types[0]])).toEqual([['k1', 'Seed (BIP-39)'], ['hw-f5acc2fd-testnet', 'Ledger']]);
    const hw = rows[1];
    expect(hw.types).toEqual(['Ledger', 'Multisig cosigner (Family vault)']);
    expect([hw.lastUsed, hw.createdAt, hw.rotationDue]).toEqual(['2024-02-01T00:00:00.000Z', T0 + DAY_MS, T0 + DAY_MS + 730 * DAY_MS]);
  });
  it('without hardware keys the inventory is unchanged (seed keys only)', () => {
    expect(buildInventory([seedKey], log(), T0, 730).map((r) => r.id)).toEqual(['k1']);
  });
});
