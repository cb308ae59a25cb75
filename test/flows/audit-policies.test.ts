/**
 * Spending-policy screen machine, the rule form (BTC/ETH text ↔ sats/wei), and the policy gate in
 * front of the signing review: refusal names the rule, second confirmation above the threshold,
 * an unreadable policy refuses (fail closed).
 */
import { describe, expect, it } from 'vitest';
import { runFlow } from './flow-step';
import { evaluatePolicy, type Policy } from '../../shared/audit/policy';
import { EMPTY_FORM, formToRule, ruleSummary, ruleToForm } from '../../station/src/flows/policies/rule-form';
import { initialState, transition, type Event, type State } from '../../station/src/flows/policies/machine';
import { gateTransition, initialGate } from '../../station/src/flows/policies/gate';

const NOW = new Date('2025-03-01T12:00:00Z');
const MAX_TX: Policy = { version: 1, rules: [{ name: 'hot', chain: 'btc', fingerprint: '73c5da0a', max_per_tx: 1_000_000n, confirm_above: 500_000n }] };

describe('rule form', () => {
  it('BTC amounts become sats, ETH amounts wei, and back', () => {
    const r = formToRule({ ...EMPTY_FORM, maxPerTx: '0.01', maxPer24h: '0.05', destinations: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\n' });
    expect(r.ok && [r.rule.max_per_tx, r.rule.max_per_24h, r.rule.allowed_destinations]).toEqual([1_000_000n, 5_000_000n, ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4']]);
    const e = formToRule({ ...EMPTY_FORM, chain: 'eth', maxPerTx: '1.5' });
    expect(e.ok && e.rule.max_per_tx).toBe(1_500_000_000_000_000_000n);
    expect(ruleToForm(MAX_TX.rules[0]).maxPerTx).toBe('0.01');
  });
  it('refuses a rule that limits nothing, a bad amount, a bad address', () => {
    expect(formToRule(EMPTY_FORM)).toMatchObject({ ok: false, field: 'rule' });
    expect(formToRule({ ...EMPTY_FORM, maxPerTx: '0.000000001' })).toMatchObject({ ok: false, field: 'maxPerTx' });
    expect(formToRule({ ...EMPTY_FORM, chain: 'eth', destinations: '0x1234' })).toMatchObject({ ok: false, field: 'destinations' });
  });
  it('summary names every limit in words', () => {
    expect(ruleSummary(MAX_TX.rules[0])).toBe('Bitcoin, key 73c5da0a: at most 0.01 BTC per transaction; second confirmation above 0.005 BTC');
  });
});

describe('policies screen machine', () => {
  it('add a rule → passphrase step → saved (the store logs policy-changed)', () => {
    runFlow<State, Event>(transition, initialState, [
      { send: { type: 'loaded', policy: { version: 1, rules: [] } } },
      { expect: 'list' },
      { send: { type: 'add' } },
      { expect: 'edit' },
      { send: { type: 'save-rule' } },
      { expect: 'edit', where: (s) => s.step === 'edit' && expect(s.error?.field).toBe('rule') },
      { send: { type: 'form', form: { ...EMPTY_FORM, maxPerTx: '0.01' } } },
      { send: { type: 'save-rule' } },
      { expect: 'confirm', where: (s) => s.step === 'confirm' && expect(s.next.rules[0].max_per_tx).toBe(1_000_000n) },
      { send: { type: 'submit-passphrase' } },
      { send: { type: 'save-failed', code: 'vault/wrong-password' } },
      { expect: 'confirm', where: (s) => s.step === 'confirm' && expect([s.busy, s.error]).toEqual([false, 'vault/wrong-password']) },
      { send: { type: 'submit-passphrase' } },
      { send: { type: 'cancel' } },
      { expect: 'confirm' }, // cannot cancel while the passphrase is being checked
      { send: { type: 'saved', policy: { version: 1, rules: [{ chain: 'btc', max_per_tx: 1_000_000n }] } } },
      { expect: 'list', where: (s) => s.step === 'list' && expect(s.policy.rules.length).toBe(1) },
    ]);
  });
  it('removing a rule also goes through the passphrase step', () => {
    runFlow<State, Event>(transition, initialState, [
      { send: { type: 'loaded', policy: MAX_TX } },
      { send: { type: 'remove', index: 0 } },
      { expect: 'confirm', where: (s) => s.step === 'confirm' && expect(s.next.rules).toEqual([]) },
      { send: { type: 'cancel' } },
      { expect: 'list', where: (s) => s.step === 'list' && expect(s.policy.rules.length).toBe(1) },
    ]);
  });
});

describe('policy gate before the signing review', () => {
  const decide = (amount: bigint) => evaluatePolicy(MAX_TX, { chain: 'btc', amount, destinations: [], fingerprint: '73c5da0a' }, [], NOW);
  it('above max per transaction: refused, naming the rule', () => {
    const s = gateTransition(initialGate, { type: 'decided', decision: decide(1_000_001n) });
    expect(s).toMatchObject({ step: 'refused', ruleId: 'max-per-tx' });
    expect(s.step === 'refused' && s.rule).toContain('"hot"');
  });
  it('above the confirmation threshold: the review shows only after the second confirmation', () => {
    let s = gateTransition(initialGate, { type: 'decided', decision: decide(600_000n) });
    expect(s.step).toBe('confirm');
    s = gateTransition(s, { type: 'second-confirmation' });
    expect(s).toMatchObject({ step: 'allowed', confirmed: expect.stringContaining('second confirmation above 500000 sat') });
  });
  it('at or below every limit: allowed at once', () => {
    expect(gateTransition(initialGate, { type: 'decided', decision: decide(500_000n) })).toEqual({ step: 'allowed' });
  });
  it('a policy that cannot be read refuses (fail closed)', () => {
    expect(gateTransition(initialGate, { type: 'check-failed', code: 'policy/invalid' })).toMatchObject({ step: 'refused', ruleId: 'unreadable-policy' });
  });
  it('a refused gate cannot be confirmed into signing', () => {
    const s = gateTransition(gateTransition(initialGate, { type: 'decided', decision: decide(2_000_000n) }), { type: 'second-confirmation' });
    expect(s.step).toBe('refused');
  });
});
