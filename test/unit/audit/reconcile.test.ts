import { describe, expect, it } from 'vitest';
import { appendEntry, startLog, type AuditEntry } from '../../../shared/audit/log';
import { ethSignedEvent, psbtSignedEvent, type AuditEvent } from '../../../shared/audit/events';
import { reconcile, signedTransactions } from '../../../shared/audit/reconcile';

const SEED = new Uint8Array(32).fill(9);
const TX1 = '11'.repeat(32);
const TX2 = '22'.repeat(32);
const ETH_TX = '0x' + '33'.repeat(32);
const MSG_HASH = '0x' + '44'.repeat(32);

function log(): AuditEntry[] {
  const evs: AuditEvent[] = [
    psbtSignedEvent({ txid: TX1, feeSats: 1n, inputs: 1, outputs: [], network: 'mainnet', fingerprint: '73c5da0a' }),
    psbtSignedEvent({ txid: TX2, feeSats: 1n, inputs: 1, outputs: [], network: 'mainnet', fingerprint: '73c5da0a' }),
    ethSignedEvent({ kind: 'eip1559', chainId: 1, hash: ETH_TX, to: null, valueWei: 0n }),
    ethSignedEvent({ kind: 'personal-message', chainId: null, hash: MSG_HASH, to: null, valueWei: 0n }),
    { event: 'vault-unlocked', details: {} },
  ];
  const l = [startLog(SEED, '2024-01-01T00:00:00Z')];
  for (const e of evs) l.push(appendEntry(l, e, SEED, '2024-01-01T00:00:01Z'));
  return l;
}

describe('reconcile', () => {
  it('all spends matching log entries: no alarm', () => {
    const r = reconcile(log(), [
      { chain: 'btc', txid: TX1.toUpperCase(), account: 'wpkh' },
      { chain: 'btc', txid: TX2, fingerprint: '73C5DA0A' },
      { chain: 'eth', txid: ETH_TX.slice(2) },
    ]);
    expect(r.alarm).toBe(false);
    expect(r.unlogged).toEqual([]);
    expect(r.matched.map((m) => m.entry.seq)).toEqual([1, 2, 3]);
    expect(r.signedNotBroadcast).toEqual([]);
  });

  it('a spend not in the log raises the alarm', () => {
    const rogue = { chain: 'btc' as const, txid: 'ff'.repeat(32), account: 'wpkh' };
    const r = reconcile(log(), [{ chain: 'btc', txid: TX1 }, rogue]);
    expect(r.alarm).toBe(true);
    expect(r.unlogged).toEqual([rogue]);
  });

  it('same id on another chain or another key does not match', () => {
    expect(reconcile(log(), [{ chain: 'eth', txid: TX1 }]).alarm).toBe(true);
    expect(reconcile(log(), [{ chain: 'btc', txid: TX1, fingerprint: 'deadbeef' }]).alarm).toBe(true);
  });

  it('signed but never broadcast transactions are listed; signed messages are not', () => {
    const r = reconcile(log(), [{ chain: 'btc', txid: TX1 }]);
    expect(r.signedNotBroadcast.map((t) => t.txid)).toEqual([TX2, ETH_TX]);
    expect(signedTransactions(log()).map((t) => t.chain)).toEqual(['btc', 'btc', 'eth']);
  });
});
