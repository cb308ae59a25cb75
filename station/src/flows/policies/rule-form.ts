/**
 * Spending-policy rules as the form edits them: amounts typed in BTC / ETH (decimal text),
 * destinations one per line, converted to and from shared/audit/policy.ts rules (sats / wei).
 * Also the one-line summary of a rule in words. Pure.
 */
import { formatBtc, formatEth, parseUnits } from '../../../../shared/units';
import type { Chain, PolicyRule } from '../../../../shared/audit/policy';

export interface RuleForm {
  name: string;
  chain: Chain;
  /** '' = every key */
  fingerprint: string;
  /** '' = every account of the key */
  account: string;
  maxPerTx: string;
  maxPer24h: string;
  confirmAbove: string;
  /** one address per line */
  destinations: string;
}

export type FormField = 'maxPerTx' | 'maxPer24h' | 'confirmAbove' | 'destinations' | 'account' | 'rule';

export const EMPTY_FORM: RuleForm = { name: '', chain: 'btc', fingerprint: '', account: '', maxPerTx: '', maxPer24h: '', confirmAbove: '', destinations: '' };

const decimalsOf = (c: Chain) => (c === 'btc' ? 8 : 18);
export const unitOf = (c: Chain) => (c === 'btc' ? 'BTC' : 'ETH');
const fmt = (c: Chain, v: bigint) => (c === 'btc' ? formatBtc(v) : formatEth(v));
const plain = (c: Chain, v: bigint) => fmt(c, v).replace(/ [A-Z]+$/, '').replace(/,/g, '');

/** A rule → form text (amounts in BTC/ETH). */
export function ruleToForm(r: PolicyRule): RuleForm {
  const amt = (v?: bigint) => (v === undefined ? '' : plain(r.chain, v));
  return {
    name: r.name ?? '', chain: r.chain, fingerprint: r.fingerprint ?? '', account: r.account ?? '',
    maxPerTx: amt(r.max_per_tx), maxPer24h: amt(r.max_per_24h), confirmAbove: amt(r.confirm_above),
    destinations: (r.allowed_destinations ?? []).join('\n'),
  };
}

/** Form → rule, or the first field that is wrong and why. A rule must limit something. */
export function formToRule(f: RuleForm): { ok: true; rule: PolicyRule } | { ok: false; field: FormField; message: string } {
  const rule: PolicyRule = { chain: f.chain };
  if (f.name.trim()) rule.name = f.name.trim();
  if (f.fingerprint) rule.fingerprint = f.fingerprint.toLowerCase();
  const acct = f.account.trim();
  if (acct) {
    if (!/^m(\/\d+'?)+$/.test(acct)) return { ok: false, field: 'account', message: "Write the account path like m/84'/0'/0'." };
    rule.account = acct;
  }
  const amounts: [FormField, 'max_per_tx' | 'max_per_24h' | 'confirm_above'][] = [
    ['maxPerTx', 'max_per_tx'], ['maxPer24h', 'max_per_24h'], ['confirmAbove', 'confirm_above'],
  ];
  for (const [field, key] of amounts) {
    const t = f[field as 'maxPerTx'].trim();
    if (!t) continue;
    try {
      rule[key] = parseUnits(t, decimalsOf(f.chain));
    } catch {
      return { ok: false, field, message: `Write an amount in ${unitOf(f.chain)}, e.g. 0.05 (at most ${decimalsOf(f.chain)} decimals).` };
    }
  }
  const dests = f.destinations.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
  if (dests.length) {
    const bad = dests.find((d) => (f.chain === 'eth' ? !/^0x[0-9a-fA-F]{40}$/.test(d) : !/^[a-zA-Z0-9]{14,90}$/.test(d)));
    if (bad) return { ok: false, field: 'destinations', message: `“${bad}” is not a ${f.chain === 'eth' ? 'Ethereum' : 'Bitcoin'} address.` };
    rule.allowed_destinations = dests;
  }
  if (rule.max_per_tx === undefined && rule.max_per_24h === undefined && rule.confirm_above === undefined && !rule.allowed_destinations) {
    return { ok: false, field: 'rule', message: 'Set at least one limit: a maximum, a confirmation threshold or allowed destinations.' };
  }
  return { ok: true, rule };
}

/** A rule in words: "Bitcoin, key 73c5da0a: at most 0.01 BTC per transaction; …". */
export function ruleSummary(r: PolicyRule): string {
  const who = [r.chain === 'btc' ? 'Bitcoin' : 'Ethereum', r.fingerprint ? `key ${r.fingerprint}` : 'every key', r.account ? `account ${r.account}` : ''].filter(Boolean).join(', ');
  const limits: string[] = [];
  if (r.max_per_tx !== undefined) limits.push(`at most ${fmt(r.chain, r.max_per_tx)} per transaction`);
  if (r.max_per_24h !== undefined) limits.push(`at most ${fmt(r.chain, r.max_per_24h)} per 24 hours`);
  if (r.allowed_destinations) limits.push(`only to ${r.allowed_destinations.length} listed address${r.allowed_destinations.length === 1 ? '' : 'es'}`);
  if (r.confirm_above !== undefined) limits.push(`second confirmation above ${fmt(r.chain, r.confirm_above)}`);
  return `${who}: ${limits.join('; ')}`;
}
