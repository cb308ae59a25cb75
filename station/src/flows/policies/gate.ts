/**
 * Policy gate before a signing review (issue 9 §4): the spend is checked against the stored
 * policy; a refusal names the rule and ends the flow (nothing is signed), a spend above a
 * confirm_above threshold needs an explicit second confirmation before the review (and its
 * hold-to-sign button) appears. Pure: no Preact, no vault.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { PolicyDecision, RuleId } from '../../../../shared/audit/policy';

export type GateState =
  | { step: 'checking' }
  | { step: 'allowed'; confirmed?: string }
  | { step: 'confirm'; rule: string }
  | { step: 'refused'; ruleId: RuleId | 'unreadable-policy'; rule: string };

export type GateEvent =
  | { type: 'decided'; decision: PolicyDecision }
  | { type: 'check-failed'; code: ErrorCode }
  | { type: 'second-confirmation' };

export const initialGate: GateState = { step: 'checking' };

export function gateTransition(s: GateState, e: GateEvent): GateState {
  if (s.step === 'checking') {
    if (e.type === 'decided') {
      const d = e.decision;
      if (!d.allowed) return { step: 'refused', ruleId: d.ruleId, rule: d.rule };
      return d.needsSecondConfirmation ? { step: 'confirm', rule: d.confirmRule ?? 'second confirmation' } : { step: 'allowed' };
    }
    // fail closed: a policy we cannot read or evaluate refuses
    if (e.type === 'check-failed') return { step: 'refused', ruleId: 'unreadable-policy', rule: `the spending policy could not be read (${e.code})` };
    return s;
  }
  if (s.step === 'confirm' && e.type === 'second-confirmation') return { step: 'allowed', confirmed: s.rule };
  return s;
}
