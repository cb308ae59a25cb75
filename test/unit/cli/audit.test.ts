import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HDKey } from '@scure/bip32';
import { RefusedError, UsageError, createCliContext, type CliContext, type Opts } from '../../../station/cli/framework';
import { AUDIT_OPTIONS, checkCliPolicy, nodeEd25519Verify, readCliAuditLog, recordCliAudit } from '../../../station/cli/audit-hook';
import { auditPublicKey, deriveAuditSeed, verifyLog } from '../../../shared/audit/log';
import { psbtSignedEvent, type AuditEvent } from '../../../shared/audit/events';
import { EthSignRequest } from '@keystonehq/bc-ur-registry-eth';
import { MNEMONIC, eip1559, txRequest } from '../ethereum/fixtures';

const ROOT_DIR = resolve(import.meta.dirname, '../../..');
const ROOT_A = HDKey.fromMasterSeed(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')); // BIP-32 vector 1
const ROOT_B = HDKey.fromMasterSeed(Buffer.from('fffcf9f6f3f0edeae7e4e1dedbd8d5d2cfccc9c6c3c0bdbab7b4b1aeaba8a5a29f9c999693908d8a8784817e7b7875726f6c696663605d5a5754514e4b484542', 'hex')); // vector 2
const KEY_A = auditPublicKey(deriveAuditSeed(ROOT_A));
const DEST = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh';
const T = new Date('2024-06-02T12:00:00.000Z');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-audit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const file = (name: string) => join(dir, `${n++}-${name}`);

/** A real CLI context (framework.ts) with empty stdin and output discarded. */
const fakeCtx = (opts: Opts): CliContext => createCliContext(opts, [], { stdin: () => Buffer.alloc(0), stdout: () => undefined, stderr: () => undefined });

const spend = (sats: bigint): AuditEvent =>
  psbtSignedEvent({ txid: 'cd'.repeat(32), feeSats: 300n, inputs: 1, outputs: [{ address: DEST, amountSats: sats, change: false }], network: 'mainnet', fingerprint: '3442193e' });

async function rejects(p: Promise<unknown> | (() => unknown), cls: Function): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return (e as Error).message;
  }
  throw new Error('expected a rejection');
}

function airlock(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['station/cli/airlock.mjs', ...args], { cwd: ROOT_DIR, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('recordCliAudit (--audit-log hook)', () => {
  it('declares the audit options', () => {
    expect(AUDIT_OPTIONS.map((o) => o.name)).toEqual(['audit-log', 'audit-key-file', 'policy', 'confirm']);
  });

  it('without --audit-log does nothing', async () => {
    const before = readdirSync(dir).length;
    await recordCliAudit(fakeCtx({}), ROOT_A, spend(1n), T);
    expect(readdirSync(dir).length).toBe(before);
  });

  it('starts a new log with the key-publishing entry, then appends keeping the old bytes', async () => {
    const p = file('new.jsonl');
    await recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, spend(10n), T);
    const first = readFileSync(p, 'utf8');
    let r = verifyLog(first);
    expect(r.valid).toBe(true);
    expect(r.entries).toBe(2);
    expect(r.station_key).toBe(KEY_A);
    expect(r.verified.map((e) => e.event)).toEqual(['log-started', 'psbt-signed']);
    expect(r.verified[1].time).toBe(T.toISOString());
    await recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, { event: 'account-exported', details: { fingerprint: '3442193e', paths: ["m/84'/0'/0'"] } }, T);
    const second = readFileSync(p, 'utf8');
    expect(second.startsWith(first)).toBe(true);
    r = verifyLog(second);
    expect(r.valid && r.entries).toBe(3);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an empty file starts a new log', async () => {
    const p = file('empty.jsonl');
    writeFileSync(p, '\n');
    await recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, spend(1n), T);
    expect(verifyLog(readFileSync(p, 'utf8')).entries).toBe(2);
  });

  it('refuses to extend a tampered log and leaves it unchanged', async () => {
    const p = file('tampered.jsonl');
    const ctx = fakeCtx({ 'audit-log': p });
    await recordCliAudit(ctx, ROOT_A, spend(10n), T);
    await recordCliAudit(ctx, ROOT_A, spend(20n), T);
    const tampered = readFileSync(p, 'utf8').replace('"value_sat":"10"', '"value_sat":"1"');
    writeFileSync(p, tampered);
    const msg = await rejects(recordCliAudit(ctx, ROOT_A, spend(30n), T), RefusedError);
    expect(msg).toContain('first bad entry 1');
    expect(readFileSync(p, 'utf8')).toBe(tampered);
  });

  it("refuses to extend another key's log, and a file that is not a log", async () => {
    const p = file('other.jsonl');
    await recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, spend(10n), T);
    const before = readFileSync(p, 'utf8');
    const msg = await rejects(recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_B, spend(10n), T), RefusedError);
    expect(msg).toContain('another audit key');
    expect(readFileSync(p, 'utf8')).toBe(before);
    const q = file('notalog.txt');
    writeFileSync(q, 'shopping list\n');
    await rejects(recordCliAudit(fakeCtx({ 'audit-log': q }), ROOT_A, spend(10n), T), RefusedError);
    expect(readFileSync(q, 'utf8')).toBe('shopping list\n');
  });

  it('--audit-key-file sets the audit key (hex seed); a malformed one is bad usage', async () => {
    const seedHex = '5a'.repeat(32);
    const k = file('key.hex');
    writeFileSync(k, seedHex + '\n');
    const p = file('keyed.jsonl');
    await recordCliAudit(fakeCtx({ 'audit-log': p, 'audit-key-file': k }), ROOT_A, spend(1n), T);
    expect(verifyLog(readFileSync(p, 'utf8')).station_key).toBe(auditPublicKey(Buffer.from(seedHex, 'hex')));
    expect(readFileSync(p, 'utf8')).not.toContain(seedHex);
    await rejects(recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, spend(1n), T), RefusedError); // derived key ≠ file key
    const bad = file('bad.hex');
    writeFileSync(bad, 'abcd');
    await rejects(recordCliAudit(fakeCtx({ 'audit-log': file('x.jsonl'), 'audit-key-file': bad }), ROOT_A, spend(1n), T), UsageError);
  });
});

describe('checkCliPolicy (--policy)', () => {
  const policyFile = (rules: object[]) => {
    const p = file('policy.json');
    writeFileSync(p, JSON.stringify({ version: 1, rules }));
    return p;
  };
  const btc = (amount: bigint) => ({ chain: 'btc' as const, amount, destinations: [DEST] });

  it('no --policy allows anything; max per transaction refuses naming the rule', async () => {
    expect(() => checkCliPolicy(fakeCtx({}), btc(10n ** 12n), [], T)).not.toThrow();
    const ctx = fakeCtx({ policy: policyFile([{ chain: 'btc', max_per_tx: '1000' }]) });
    expect(() => checkCliPolicy(ctx, btc(1000n), [], T)).not.toThrow();
    expect(await rejects(() => checkCliPolicy(ctx, btc(1001n), [], T), RefusedError)).toMatch(/max per transaction/);
  });

  it('second confirmation above the threshold needs --confirm', async () => {
    const p = policyFile([{ chain: 'btc', confirm_above: '500' }]);
    expect(await rejects(() => checkCliPolicy(fakeCtx({ policy: p }), btc(501n), [], T), RefusedError)).toMatch(/--confirm/);
    expect(() => checkCliPolicy(fakeCtx({ policy: p, confirm: true }), btc(501n), [], T)).not.toThrow();
    expect(() => checkCliPolicy(fakeCtx({ policy: p }), btc(500n), [], T)).not.toThrow();
  });

  it('max per 24 h counts the --audit-log file and refuses without one', async () => {
    const policy = policyFile([{ chain: 'btc', max_per_24h: '1000' }]);
    const log = file('window.jsonl');
    await recordCliAudit(fakeCtx({ 'audit-log': log }), ROOT_A, spend(600n), new Date(T.getTime() - 3_600_000));
    await recordCliAudit(fakeCtx({ 'audit-log': log }), ROOT_A, spend(5000n), new Date(T.getTime() - 25 * 3_600_000));
    const ctx = fakeCtx({ policy, 'audit-log': log });
    expect(readCliAuditLog(ctx)).toHaveLength(3);
    expect(() => checkCliPolicy(ctx, btc(400n), undefined, T)).not.toThrow();
    expect(await rejects(() => checkCliPolicy(ctx, btc(401n), undefined, T), RefusedError)).toMatch(/max per 24 h/);
    expect(await rejects(() => checkCliPolicy(fakeCtx({ policy }), btc(1n), undefined, T), RefusedError)).toMatch(/--audit-log/);
  });

  it('a malformed policy file is bad usage', async () => {
    const p = file('bad-policy.json');
    writeFileSync(p, '{"version":1,"rules":[{"chain":"btc","max_per_tx":"lots"}]}');
    expect(await rejects(() => checkCliPolicy(fakeCtx({ policy: p }), btc(1n), [], T), UsageError)).toContain('rules[0].max_per_tx');
  });
});

describe('airlock audit verify (spawned CLI)', () => {
  let log = '';
  beforeAll(async () => {
    const p = file('cli.jsonl');
    for (const s of [1n, 2n, 3n]) await recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, spend(s), T);
    log = readFileSync(p, 'utf8');
  });

  it('valid log: exit 0 and exactly the contract JSON', () => {
    const r = airlock(['audit', 'verify', '--station-key', KEY_A.toUpperCase()], log);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['entries', 'valid', 'first_bad_entry', 'station_key', 'last_hash']);
    expect(j).toEqual({ entries: 4, valid: true, first_bad_entry: null, station_key: KEY_A, last_hash: JSON.parse(log.trim().split('\n')[3]).hash });
  });

  it('removed entry: exit 1 with first_bad_entry at the gap', () => {
    const ls = log.trim().split('\n');
    ls.splice(2, 1);
    const r = airlock(['audit', 'verify'], ls.join('\n'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ entries: 3, valid: false, first_bad_entry: 2, station_key: KEY_A });
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });

  it('log of another station under --station-key: exit 1 at entry 0', () => {
    const r = airlock(['audit', 'verify', '--station-key', auditPublicKey(deriveAuditSeed(ROOT_B))], log);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, first_bad_entry: 0 });
  });

  it('no log entry at all, or a malformed --station-key: exit 2 with one error line', () => {
    for (const [args, input] of [[[], 'not a log\n'], [['--station-key', 'xyz'], log]] as [string[], string][]) {
      const r = airlock(['audit', 'verify', ...args], input);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\n$/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('nodeEd25519Verify (CLI verifier)', () => {
  it('agrees with the default noble verifier on valid, forged, re-keyed and unreadable logs', async () => {
    const p = file('agree.jsonl');
    for (const s of [1n, 2n]) await recordCliAudit(fakeCtx({ 'audit-log': p }), ROOT_A, spend(s), T);
    const good = readFileSync(p, 'utf8');
    const ls = good.trim().split('\n');
    const forged = JSON.parse(ls[2]);
    forged.sig = (forged.sig[0] === 'f' ? 'e' : 'f') + forged.sig.slice(1);
    const badKey = JSON.parse(ls[0]);
    badKey.details.station_key = 'ff'.repeat(32); // not a valid curve point encoding for most values
    const cases = [good, [ls[0], ls[1], JSON.stringify(forged)].join('\n'), [JSON.stringify(badKey), ...ls.slice(1)].join('\n')];
    const results = cases.map((t) => [verifyLog(t), verifyLog(t, { verifySignature: nodeEd25519Verify })]);
    expect(results.map(([a]) => a.first_bad_entry)).toEqual([null, 2, 0]);
    for (const [a, b] of results) expect({ ...b, verified: b.verified.length }).toEqual({ ...a, verified: a.verified.length });
  });
});

describe('policies and the audit log through a real sign command (eth sign)', () => {
  // eip1559() sends 0.1 ETH (1e17 wei) from the "abandon … about" wallet.
  const request = () => {
    const enc = EthSignRequest.fromCBOR(Buffer.from(txRequest(eip1559()))).toUREncoder(2000);
    return enc.nextPart() + '\n';
  };
  let mn = '';
  beforeAll(() => {
    mn = file('mnemonic.txt');
    writeFileSync(mn, MNEMONIC + '\n');
  });
  const policy = (rules: object[]) => {
    const p = file('eth-policy.json');
    writeFileSync(p, JSON.stringify({ version: 1, rules }));
    return p;
  };

  it('max per 24 h counts earlier signatures in --audit-log: the second 0.1 ETH over 0.15 ETH is refused', () => {
    const log = file('eth-audit.jsonl');
    const p = policy([{ name: 'daily eth', chain: 'eth', max_per_24h: '150000000000000000' }]);
    const first = airlock(['eth', 'sign', '--mnemonic-file', mn, '--audit-log', log, '--policy', p], request());
    expect(first.code, first.stderr).toBe(0);
    const before = readFileSync(log, 'utf8');
    const second = airlock(['eth', 'sign', '--mnemonic-file', mn, '--audit-log', log, '--policy', p], request());
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(/^refused: .*max per 24 h.*"daily eth"/);
    expect(readFileSync(log, 'utf8')).toBe(before);
    const v = airlock(['audit', 'verify'], before);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ entries: 2, valid: true });
  });

  it('max per transaction refuses with exit 1; a tampered audit log refuses with exit 1 and no output', () => {
    const tooMuch = airlock(['eth', 'sign', '--mnemonic-file', mn, '--policy', policy([{ chain: 'eth', max_per_tx: '1000' }])], request());
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.stderr).toMatch(/max per transaction/);
    const log = file('eth-tampered.jsonl');
    writeFileSync(log, readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('eth-audit.jsonl'))!), 'utf8').replace('"value_wei":"1', '"value_wei":"2'));
    const r = airlock(['eth', 'sign', '--mnemonic-file', mn, '--audit-log', log], request());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/does not verify \(first bad entry 1\)/);
  });
});
