/**
 * Spending policies screen (issue 9 §4): list the rules, add/edit/remove one, and save only after
 * the vault passphrase is typed again (the keyring checks it; the change is logged as
 * `policy-changed`). Pure: no Preact, no vault.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { Policy } from '../../../../shared/audit/policy';
import { EMPTY_FORM, formToRule, ruleSummary, ruleToForm, type FormField, type RuleForm } from './rule-form';

export type State =
  | { step: 'loading' }
  | { step: 'list'; policy: Policy; notice?: string }
  | { step: 'edit'; policy: Policy; index: number | null; form: RuleForm; error?: { field: FormField; message: string } }
  | { step: 'confirm'; policy: Policy; next: Policy; change: string; busy: boolean; error?: ErrorCode }
  | { step: 'failed'; code: ErrorCode };

export type Event =
  | { type: 'loaded'; policy: Policy }
  | { type: 'load-failed'; code: ErrorCode }
  | { type: 'add' }
  | { type: 'edit'; index: number }
  | { type: 'remove'; index: number }
  | { type: 'form'; form: RuleForm }
  | { type: 'save-rule' }
  | { type: 'submit-passphrase' }
  | { type: 'save-failed'; code: ErrorCode }
  | { type: 'saved'; policy: Policy }
  | { type: 'cancel' };

export const initialState: State = { step: 'loading' };

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'loading':
      if (e.type === 'loaded') return { step: 'list', policy: e.policy };
      return e.type === 'load-failed' ? { step: 'failed', code: e.code } : s;
    case 'list':
      if (e.type === 'add') return { step: 'edit', policy: s.policy, index: null, form: { ...EMPTY_FORM } };
      if (e.type === 'edit' && s.policy.rules[e.index]) return { step: 'edit', policy: s.policy, index: e.index, form: ruleToForm(s.policy.rules[e.index]) };
      if (e.type === 'remove' && s.policy.rules[e.index]) {
        const next: Policy = { version: 1, rules: s.policy.rules.filter((_, i) => i !== e.index) };
        return { step: 'confirm', policy: s.policy, next, change: `Remove: ${ruleSummary(s.policy.rules[e.index])}`, busy: false };
      }
      return s;
    case 'edit': {
      if (e.type === 'form') return { ...s, form: e.form, error: undefined };
      if (e.type === 'cancel') return { step: 'list', policy: s.policy };
      if (e.type !== 'save-rule') return s;
      const r = formToRule(s.form);
      if (!r.ok) return { ...s, error: { field: r.field, message: r.message } };
      const rules = [...s.policy.rules];
      if (s.index === null) rules.push(r.rule);
      else rules[s.index] = r.rule;
      return { step: 'confirm', policy: s.policy, next: { version: 1, rules }, change: `${s.index === null ? 'Add' : 'Change'}: ${ruleSummary(r.rule)}`, busy: false };
    }
    case 'confirm':
      if (e.type === 'submit-passphrase') return s.busy ? s : { ...s, busy: true, error: undefined };
      if (e.type === 'save-failed') return { ...s, busy: false, error: e.code };
      if (e.type === 'saved') return { step: 'list', policy: e.policy, notice: 'Policy saved and recorded in the audit log.' };
      if (e.type === 'cancel' && !s.busy) return { step: 'list', policy: s.policy };
      return s;
    case 'failed':
      return s;
  }
}
