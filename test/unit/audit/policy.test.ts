import { describe, expect, it } from 'vitest';
import { appendEntry, serializeLog, startLog, verifyLog, type AuditEntry } from '../../../shared/audit/log';
import { ethSignedEvent, psbtSignedEvent } from '../../../shared/audit/events';
import { DAY_MS, evaluatePolicy, parsePolicy, policyChangedEvent, policyDigest, policyToJson, spentInWindow, type Policy, type ProposedSpend } from '../../../shared/audit/policy';
import { AppError } from '../../../shared/errors';

const SEED = new Uint8Array(32).fill(0x42);
const NOW = new Date('2024-06-02T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const DEST = 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh';
const OTHER = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const CHANGE = 'bc1q9d4ywgfnd8h43da5tpcxcn6ajv590cg6d3tg6axemvljvt2k76zs50tv4q';

/** A log of btc spends (non-change sats) at the given times, each with a 1,000,000-sat change output. */
function logOf(spends: { t: number; sats: bigint; fp?: string }[], eth: { t: number; wei: bigint }[] = []): AuditEntry[] {
  const log = [startLog(SEED, iso(NOW.getTime() - 10 * DAY_MS))];
  for (const s of spends) {
    const ev = psbtSignedEvent({
      txid: 'ab'.repeat(32),
      feeSats: 500n,
      inputs: 1,
      outputs: [
        { address: DEST, amountSats: s.sats, change: false },
        { address: CHANGE, amountSats: 1_000_000n, change: true },
      ],
      network: 'mainnet',
      fingerprint: s.fp,
    });
    log.push(appendEntry(log, ev, SEED, iso(s.t)));
  }
  for (const e of eth) {
    log.push(appendEntry(log, ethSignedEvent({ kind: 'eip1559', chainId: 1, hash: '0x' + '01'.repeat(32), to: '0x' + '22'.repeat(20), valueWei: e.wei }), SEED, iso(e.t)));
  }
  return log;
}

const btc = (amount: bigint, destinations = [DEST], extra: Partial<ProposedSpend> = {}): ProposedSpend => ({ chain: 'btc', amount, destinations, ...extra });
const pol = (rules: object[]): Policy => parsePolicy(JSON.stringify({ version: 1, rules }));

describe('policy rules', () => {
  it('max per transaction: allows at the limit, refuses one above, naming the rule', () => {
    const p = pol([{ chain: 'btc', max_per_tx: '100000' }]);
    expect(evaluatePolicy(p, btc(100_000n), [], NOW)).toEqual({ allowed: true, needsSecondConfirmation: false });
    const r = evaluatePolicy(p, btc(100_001n), [], NOW);
    expect(r.allowed).toBe(false);
    if (!r.allowed) {
      expect(r.ruleId).toBe('max-per-tx');
      expect(r.rule).toMatch(/max per transaction/);
      expect(r.rule).toContain('100000 sat');
    }
  });

  it('allowed destinations: allows listed addresses (bech32 any case), refuses others', () => {
    const p = pol([{ name: 'savings only', chain: 'btc', allowed_destinations: [DEST.toUpperCase()] }]);
    expect(evaluatePolicy(p, btc(5n, [DEST]), [], NOW).allowed).toBe(true);
    const r = evaluatePolicy(p, btc(5n, [DEST, OTHER]), [], NOW);
    expect(r.allowed).toBe(false);
    if (!r.allowed) {
      expect(r.ruleId).toBe('allowed-destinations');
      expect(r.rule).toContain(OTHER);
      expect(r.rule).toContain('"savings only"');
    }
  });

  it('second confirmation above a threshold: needed above, not at the threshold', () => {
    const p = pol([{ chain: 'btc', confirm_above: 50_000 }]);
    expect(evaluatePolicy(p, btc(50_000n), [], NOW)).toEqual({ allowed: true, needsSecondConfirmation: false });
    const r = evaluatePolicy(p, btc(50_001n), [], NOW);
    expect(r.allowed && r.needsSecondConfirmation).toBe(true);
  });

  it('max per 24 h: refuses when the log total plus this spend exceeds the limit, allows at the limit', () => {
    const p = pol([{ chain: 'btc', max_per_24h: '300000' }]);
    const log = logOf([{ t: NOW.getTime() - 3_600_000, sats: 200_000n }]);
    expect(evaluatePolicy(p, btc(100_000n), log, NOW).allowed).toBe(true);
    const r = evaluatePolicy(p, btc(100_001n), log, NOW);
    expect(r.allowed).toBe(false);
    if (!r.allowed) {
      expect(r.ruleId).toBe('max-per-24h');
      expect(r.rule).toContain('200000 sat already signed');
    }
  });

  it('24 h window counts entries just inside and not just outside [now-24h, now]', () => {
    const rule = pol([{ chain: 'btc', max_per_24h: '1' }]).rules[0];
    const n = NOW.getTime();
    expect(spentInWindow(rule, logOf([{ t: n - DAY_MS, sats: 7n }]), NOW)).toBe(7n);
    expect(spentInWindow(rule, logOf([{ t: n - DAY_MS - 1, sats: 7n }]), NOW)).toBe(0n);
    expect(spentInWindow(rule, logOf([{ t: n, sats: 7n }]), NOW)).toBe(7n);
    expect(spentInWindow(rule, logOf([{ t: n + 1, sats: 7n }]), NOW)).toBe(0n);
    const mixed = logOf([
      { t: n - DAY_MS - 1000, sats: 1_000n },
      { t: n - DAY_MS + 1000, sats: 20n },
      { t: n - 1000, sats: 300n },
    ]);
    expect(spentInWindow(rule, mixed, NOW)).toBe(320n);
  });

  it('24 h window ignores change outputs and counts only its chain', () => {
    const n = NOW.getTime();
    const log = logOf([{ t: n - 1000, sats: 10n }], [{ t: n - 1000, wei: 10n ** 18n }]);
    const p = pol([{ chain: 'btc', max_per_24h: '1' }, { chain: 'eth', max_per_24h: '1' }]);
    expect(spentInWindow(p.rules[0], log, NOW)).toBe(10n);
    expect(spentInWindow(p.rules[1], log, NOW)).toBe(10n ** 18n);
  });

  it('24 h window counts the log the same after a save/reload (lock/unlock) round trip', () => {
    const n = NOW.getTime();
    const log = logOf([{ t: n - 5000, sats: 250n }, { t: n - 2 * DAY_MS, sats: 999n }]);
    const reloaded = verifyLog(serializeLog(log)).verified;
    const rule = pol([{ chain: 'btc', max_per_24h: '1' }]).rules[0];
    expect(spentInWindow(rule, reloaded, NOW)).toBe(250n);
    expect(spentInWindow(rule, reloaded, NOW)).toBe(spentInWindow(rule, log, NOW));
  });

  it('rules apply only to their chain, key and account', () => {
    const p = pol([
      { chain: 'eth', max_per_tx: '1' },
      { chain: 'btc', fingerprint: 'AABBCCDD', max_per_tx: '1' },
      { chain: 'btc', account: "m/84'/0'/1'", max_per_tx: '1' },
    ]);
    expect(evaluatePolicy(p, btc(5n, [DEST], { fingerprint: '11223344', account: "m/84'/0'/0'" }), [], NOW).allowed).toBe(true);
    expect(evaluatePolicy(p, btc(5n, [DEST], { fingerprint: 'aabbccdd', account: "m/84'/0'/0'" }), [], NOW).allowed).toBe(false);
    expect(evaluatePolicy(p, btc(5n, [DEST], { fingerprint: '11223344', account: "m/84'/0'/1'" }), [], NOW).allowed).toBe(false);
    expect(evaluatePolicy(p, { chain: 'eth', amount: 2n, destinations: [] }, [], NOW).allowed).toBe(false);
  });

  it('24 h window counts only entries of the rule key, plus entries that name no key (fail closed)', () => {
    const n = NOW.getTime();
    const log = logOf([
      { t: n - 10, sats: 1n, fp: 'aabbccdd' },
      { t: n - 10, sats: 20n, fp: '11223344' },
      { t: n - 10, sats: 300n },
    ]);
    const rule = pol([{ chain: 'btc', fingerprint: 'aabbccdd', max_per_24h: '1' }]).rules[0];
    expect(spentInWindow(rule, log, NOW)).toBe(301n);
  });

  it("eth account rules count entries signed at that account's paths", () => {
    const n = NOW.getTime();
    const log = [startLog(SEED, iso(n - DAY_MS))];
    for (const [path, wei] of [["m/44'/60'/0'/0/0", 5n], ["m/44'/60'/1'/0/0", 70n]] as const) {
      const ev = ethSignedEvent({ kind: 'eip1559', chainId: 1, hash: '0x' + '01'.repeat(32), to: null, valueWei: wei, fingerprint: '73c5da0a', path });
      log.push(appendEntry(log, ev, SEED, iso(n - 1000)));
    }
    const rule = pol([{ chain: 'eth', account: "m/44'/60'/0'", max_per_24h: '1' }]).rules[0];
    expect(spentInWindow(rule, log, NOW)).toBe(5n);
  });

  it('no rules allow everything; every applicable rule must allow', () => {
    expect(evaluatePolicy(pol([]), btc(10n ** 15n, [OTHER]), [], NOW).allowed).toBe(true);
    const p = pol([{ chain: 'btc', max_per_tx: '100' }, { chain: 'btc', allowed_destinations: [DEST] }]);
    const r = evaluatePolicy(p, btc(50n, [OTHER]), [], NOW);
    expect(!r.allowed && r.ruleId).toBe('allowed-destinations');
  });
});

describe('policy file', () => {
  it('round trips through policyToJson', () => {
    const p = pol([{ name: 'x', chain: 'btc', fingerprint: '73c5da0a', account: "m/84'/0'/0'", max_per_tx: '1', max_per_24h: 2, allowed_destinations: [DEST], confirm_above: '3' }]);
    expect(parsePolicy(JSON.stringify(policyToJson(p)))).toEqual(p);
    expect(p.rules[0].max_per_24h).toBe(2n);
  });

  it('policy digest commits to every rule value (policy-changed event)', () => {
    const a = pol([{ chain: 'btc', max_per_tx: '100' }]);
    const b = pol([{ chain: 'btc', max_per_tx: '101' }]);
    expect(policyDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(policyDigest(a)).not.toBe(policyDigest(b));
    expect(policyDigest(pol([{ max_per_tx: 100, chain: 'btc' }]))).toBe(policyDigest(a));
    expect(policyChangedEvent(a)).toEqual({ event: 'policy-changed', details: { policy_sha256: policyDigest(a), summary: '1 rule(s)' } });
  });

  it('rejects bad files naming the field', () => {
    const field = (t: string) => {
      try {
        parsePolicy(t);
      } catch (e) {
        return (e as AppError).detail?.field;
      }
      return 'accepted';
    };
    expect(field('not json')).toBe('JSON');
    expect(field('{"version":2,"rules":[]}')).toBe('version');
    expect(field('{"version":1,"rules":[{"chain":"doge"}]}')).toBe('rules[0].chain');
    expect(field('{"version":1,"rules":[{"chain":"btc","max_per_tx":"-1"}]}')).toBe('rules[0].max_per_tx');
    expect(field('{"version":1,"rules":[{"chain":"btc","max_per_tx":1.5}]}')).toBe('rules[0].max_per_tx');
    expect(field('{"version":1,"rules":[{"chain":"btc","maxPerTx":"1"}]}')).toBe('rules[0].maxPerTx');
    expect(field('{"version":1,"rules":[{"chain":"btc","fingerprint":"xyz"}]}')).toBe('rules[0].fingerprint');
  });
});
