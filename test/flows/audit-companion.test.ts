/**
 * Companion audit import and reconciliation. Fixture: station audit seed 32×0x05 (another station:
 * 32×0x06); log 0 log-started, 1 psbt-signed txid T1, 2 psbt-signed txid T2 (never broadcast),
 * 3 backup-verified. Chain history of the watched account: T1 (spends our coin), plus, in the
 * alarm case, TX (spends our coin, not in the log) and an incoming tx (not a spend).
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from './flow-step';
import { appendEntry, serializeLog, startLog, type AuditEntry } from '../../shared/audit/log';
import { psbtSignedEvent, ethSignedEvent } from '../../shared/audit/events';
import { reconcile } from '../../shared/audit/reconcile';
import { utf8ToBytes } from '../../shared/bytes';
import { decodeAuditExportBytes } from '../../shared/ur/audit-export';
import { importAuditExport } from '../../companion/src/flows/audit/import-log';
import { ethNonceCheck, outgoingBtcSpends } from '../../companion/src/flows/audit/chain-spends';
import { initialState, transition, type Event, type State } from '../../companion/src/flows/audit/machine';
import type { EsploraTx } from '../../companion/src/net/types';
import type { BtcWatchAccount, EthWatchAccount } from '../../companion/src/watch/types';

const SEED = new Uint8Array(32).fill(5);
const OTHER = new Uint8Array(32).fill(6);
const T1 = '11'.repeat(32);
const T2 = '22'.repeat(32);
const TX = '99'.repeat(32);
const OURS = 'bc1qours0000000000000000000000000000000';
function makeLog(seed = SEED): AuditEntry[] {
  const l = [startLog(seed, '2025-01-01T00:00:00.000Z')];
  for (const txid of [T1, T2]) l.push(appendEntry(l, psbtSignedEvent({ txid, feeSats: 10n, inputs: 1, outputs: [{ address: 'bc1qdest', amountSats: 5000n, change: false }], network: 'mainnet', fingerprint: '73c5da0a' }), seed, '2025-01-02T00:00:00.000Z'));
  l.push(appendEntry(l, { event: 'backup-verified', details: { method: 'word quiz', fingerprint: '73c5da0a' } }, seed, '2025-01-03T00:00:00.000Z'));
  return l;
}
const exp = (entries: AuditEntry[], text = serializeLog(entries)) => decodeAuditExportBytes(utf8ToBytes(text));
const account: BtcWatchAccount = { kind: 'btc', id: 'a', label: 'Savings', network: 'mainnet', scriptType: 'p2wpkh', fingerprint: '73c5da0a', path: "m/84'/0'/0'", xpub: 'xpub' };
const tx = (txid: string, fromOurs: boolean): EsploraTx => ({ txid, confirmed: true, feeSats: 10n, vin: [{ txid: '00'.repeat(32), vout: 0, address: fromOurs ? OURS : 'bc1qstranger', valueSats: 9000n }], vout: [{ address: fromOurs ? 'bc1qdest' : OURS, valueSats: 8990n }] });

describe('importing the station log', () => {
  it('first import verifies and pins the station key (trust on first use)', () => {
    const r = importAuditExport(null, exp(makeLog()), 1000);
    expect(r.ok && [r.pinnedNow, r.added, r.log.stationKey]).toEqual([true, 4, makeLog()[0].details.station_key]);
  });
  it('an edited entry is rejected, naming the entry', () => {
    const text = serializeLog(makeLog()).replace('"value_sat":"5000"', '"value_sat":"50"');
    expect(importAuditExport(null, exp(makeLog(), text), 0)).toEqual({ ok: false, problem: { kind: 'tampered', firstBad: 1 } });
  });
  it('a removed entry and reordered entries are rejected', () => {
    const l = makeLog();
    expect(importAuditExport(null, exp([l[0], l[2], l[3]]), 0)).toMatchObject({ ok: false, problem: { kind: 'tampered', firstBad: 1 } });
    expect(importAuditExport(null, exp([l[0], l[2], l[1], l[3]]), 0)).toMatchObject({ ok: false, problem: { kind: 'tampered', firstBad: 1 } });
  });
  it('a log from another station is rejected once a key is pinned', () => {
    const first = importAuditExport(null, exp(makeLog()), 0);
    if (!first.ok) throw new Error('fixture');
    expect(importAuditExport(first.log, exp(makeLog(OTHER)), 0)).toMatchObject({ ok: false, problem: { kind: 'other-station' } });
  });
  it('a forged signature is rejected', () => {
    const l = makeLog();
    const forged = { ...l[2], sig: (l[2].sig[0] === 'a' ? 'b' : 'a') + l[2].sig.slice(1) };
    expect(importAuditExport(null, exp([l[0], l[1], forged, l[3]]), 0)).toMatchObject({ ok: false, problem: { kind: 'tampered', firstBad: 2 } });
  });
  it('entries cut off the end since the last import are detected', () => {
    const first = importAuditExport(null, exp(makeLog()), 0);
    if (!first.ok) throw new Error('fixture');
    expect(importAuditExport(first.log, exp(makeLog().slice(0, 2)), 0)).toEqual({ ok: false, problem: { kind: 'truncated', stored: 4, got: 2 } });
  });
  it('a partial export continues the stored log; one with a gap is refused', () => {
    const l = makeLog();
    const first = importAuditExport(null, exp(l.slice(0, 2)), 0);
    if (!first.ok) throw new Error('fixture');
    const more = importAuditExport(first.log, exp(l.slice(2)), 0);
    expect(more.ok && [more.added, more.entries.length, more.pinnedNow]).toEqual([2, 4, false]);
    const short = importAuditExport(null, exp(l.slice(0, 1)), 0);
    if (!short.ok) throw new Error('fixture');
    expect(importAuditExport(short.log, exp(l.slice(3)), 0)).toEqual({ ok: false, problem: { kind: 'gap', have: 1, from: 3 } });
  });
  it('a partial export signed by another station does not verify', () => {
    const l = makeLog();
    const first = importAuditExport(null, exp(l.slice(0, 2)), 0);
    if (!first.ok) throw new Error('fixture');
    const foreign = makeLog(OTHER).slice(2).map((e) => ({ ...e }));
    expect(importAuditExport(first.log, exp(foreign), 0).ok).toBe(false);
  });
});

describe('reconciliation with the chain', () => {
  const entries = makeLog();
  it('a spend with no log entry raises the alarm; the matching one does not', () => {
    const spends = outgoingBtcSpends([tx(T1, true), tx(TX, true), tx('33'.repeat(32), false)], new Set([OURS]), account);
    expect(spends.map((s) => s.txid)).toEqual([T1, TX]); // the incoming tx is not a spend
    const r = reconcile(entries, spends);
    expect([r.alarm, r.unlogged.map((u) => u.txid), r.matched.map((m) => m.entry.seq)]).toEqual([true, [TX], [1]]);
  });
  it('with matching entries only: no alarm, and the never-broadcast signature is listed', () => {
    const r = reconcile(entries, outgoingBtcSpends([tx(T1, true)], new Set([OURS]), account));
    expect([r.alarm, r.signedNotBroadcast.map((t) => t.txid)]).toEqual([false, [T2]]);
  });
  it('ethereum: more transactions sent (nonce) than signed in the log raises the alarm', () => {
    const l = [startLog(SEED, '2025-01-01T00:00:00.000Z')];
    l.push(appendEntry(l, ethSignedEvent({ kind: 'eip1559', chainId: 1, hash: '0x' + 'aa'.repeat(32), to: null, valueWei: 1n, fingerprint: '73c5da0a', path: "m/44'/60'/0'/0/0" }), SEED, '2025-01-01T00:00:00.000Z'));
    const eth: EthWatchAccount = { kind: 'eth', id: 'e', label: 'ETH', address: '0x' + '12'.repeat(20), fingerprint: '73c5da0a', addressPath: "m/44'/60'/0'/0/0", tokens: [] };
    expect(ethNonceCheck(eth, 1n, l).alarm).toBe(false);
    expect(ethNonceCheck(eth, 2n, l)).toMatchObject({ alarm: true, sent: 2, logged: 1 });
  });
});

describe('companion audit screen machine', () => {
  it('scan → verified import → reconcile → alarm; a new import clears the old reconciliation', () => {
    const r = importAuditExport(null, exp(makeLog()), 0);
    const rec = reconcile(makeLog(), outgoingBtcSpends([tx(TX, true)], new Set([OURS]), account));
    runFlow<State, Event>(transition, initialState, [
      { send: { type: 'loaded', log: null, entries: [] } },
      { expect: 'view' },
      { send: { type: 'reconcile' } },
      { expect: 'view', where: (s) => s.step === 'view' && expect(s.recon.kind).toBe('idle') }, // nothing to reconcile yet
      { send: { type: 'scan' } },
      { expect: 'scan' },
      { send: { type: 'imported', result: r } },
      { expect: 'view', where: (s) => s.step === 'view' && expect(s.entries.length).toBe(4) },
      { send: { type: 'reconcile' } },
      { send: { type: 'reconciled', rec, eth: [], skipped: [] } },
      { expect: 'view', where: (s) => s.step === 'view' && expect(s.recon.kind === 'done' && s.recon.alarm).toBe(true) },
      { send: { type: 'scan' } },
      { send: { type: 'imported', result: r } },
      { expect: 'view', where: (s) => s.step === 'view' && expect(s.recon.kind).toBe('idle') },
    ]);
  });
  it('a rejected import keeps the stored log and shows the problem', () => {
    const good = importAuditExport(null, exp(makeLog()), 0);
    if (!good.ok) throw new Error('fixture');
    runFlow<State, Event>(transition, initialState, [
      { send: { type: 'loaded', log: good.log, entries: good.entries } },
      { send: { type: 'scan' } },
      { send: { type: 'imported', result: { ok: false, problem: { kind: 'truncated', stored: 4, got: 2 } } } },
      { expect: 'view', where: (s) => s.step === 'view' && expect([s.entries.length, s.last && 'problem' in s.last]).toEqual([4, true]) },
    ]);
  });
});
