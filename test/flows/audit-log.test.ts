/**
 * Station audit screen machine and the words of each entry. Fixture log: audit seed 32×0x07,
 * entries 0 log-started, 1 psbt-signed (0.01 BTC to bc1q…, fee 1,234 sat), 2 eth-signed.
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from './flow-step';
import { appendEntry, startLog, verifyLog, type AuditEntry } from '../../shared/audit/log';
import { ethSignedEvent, psbtSignedEvent } from '../../shared/audit/events';
import { describeEntry } from '../../shared/audit/describe';
import { exportEntries, initialState, transition, type AuditView, type Event, type State } from '../../station/src/flows/audit/machine';

const SEED = new Uint8Array(32).fill(7);
const ADDR = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
function fixture(): AuditEntry[] {
  const log = [startLog(SEED, '2025-02-01T10:00:00.000Z')];
  log.push(appendEntry(log, psbtSignedEvent({ txid: 'ab'.repeat(32), feeSats: 1234n, inputs: 1, network: 'mainnet', fingerprint: '73c5da0a',
    outputs: [{ address: ADDR, amountSats: 1_000_000n, change: false }, { address: 'bc1qchange', amountSats: 5000n, change: true }] }), SEED, '2025-02-01T10:05:00.000Z'));
  log.push(appendEntry(log, ethSignedEvent({ kind: 'eip1559', chainId: 1, hash: '0x' + 'cd'.repeat(32), to: '0x' + '11'.repeat(20), valueWei: 10n ** 18n, fingerprint: '73c5da0a', path: "m/44'/60'/0'/0/0" }), SEED, '2025-02-01T10:06:00.000Z'));
  return log;
}
function viewOf(entries: AuditEntry[], lastExport: AuditView['lastExport'] = null): AuditView {
  const r = verifyLog(entries);
  return { entries, verify: { valid: r.valid, entries: r.entries, firstBad: r.first_bad_entry, lastHash: r.last_hash, stationKey: r.station_key }, lastExport };
}

describe('audit entries in words', () => {
  it('a psbt-signed entry names amount, destination and fee, not the change', () => {
    const w = describeEntry(fixture()[1]);
    expect(w.title).toBe('Signed a Bitcoin transaction');
    expect(w.text).toBe('0.01 BTC to bc1qw508d6…v8f3t4, fee 1,234 sat');
    expect(w.text).not.toContain('change');
    expect(w.fingerprint).toBe('73c5da0a');
  });
  it('an eth-signed transaction names value, recipient and chain', () => {
    const w = describeEntry(fixture()[2]);
    expect(w.title).toBe('Signed an Ethereum transaction');
    expect(w.text).toContain('1 ETH to 0x11111111');
    expect(w.text).toContain('chain 1');
  });
  it('an unknown event from a newer version is described, not thrown on', () => {
    expect(describeEntry({ event: 'future-thing', details: {} }).title).toContain('future-thing');
  });
});

describe('station audit screen machine', () => {
  it('loads, exports everything, marks it, then has nothing new since the last export', () => {
    const log = fixture();
    const end = runFlow<State, Event>(transition, initialState, [
      { expect: 'loading' },
      { send: { type: 'loaded', view: viewOf(log) } },
      { expect: 'log', where: (s) => s.step === 'log' && expect(s.view.verify.valid).toBe(true) },
      { send: { type: 'export', scope: 'all' } },
      { expect: 'export', where: (s) => s.step === 'export' && expect([s.entries.length, s.mark.seq, s.mark.hash]).toEqual([3, 2, log[2].hash]) },
      { send: { type: 'marked', view: viewOf(log, { seq: 2, hash: log[2].hash }) } },
      { expect: 'log' },
      { send: { type: 'export', scope: 'since-last' } },
      { expect: 'log', where: (s) => s.step === 'log' && expect(s.notice).toBe('Nothing new since the last export.') },
    ]);
    expect(end.step).toBe('log');
  });
  it('since-last exports only the entries after the marked seq', () => {
    const log = fixture();
    expect(exportEntries(viewOf(log, { seq: 1, hash: log[1].hash }), 'since-last').map((e) => e.seq)).toEqual([2]);
    expect(exportEntries(viewOf(log, null), 'since-last').length).toBe(3);
  });
  it('back from the export does not mark anything', () => {
    const log = fixture();
    runFlow<State, Event>(transition, initialState, [
      { send: { type: 'loaded', view: viewOf(log) } },
      { send: { type: 'export', scope: 'all' } },
      { send: { type: 'back' } },
      { expect: 'log', where: (s) => s.step === 'log' && expect(s.view.lastExport).toBeNull() },
    ]);
  });
  it('has no event that edits or removes an entry (append-only UI)', () => {
    const names: Event['type'][] = ['loaded', 'load-failed', 'export', 'marked', 'back'];
    const s = transition({ step: 'log', view: viewOf(fixture()) }, { type: 'delete' } as unknown as Event);
    expect(s.step === 'log' && s.view.entries.length).toBe(3);
    expect(names).not.toContain('delete');
  });
});
