/**
 * Spending policies (issue 9 §4): pure evaluation of a proposed spend against per-key/per-account
 * rules and the audit log. No clock is read: `now` is passed in.
 *
 * Policy file (JSON, for the CLI's `--policy FILE` and the station's settings), version 1:
 *   {
 *     "version": 1,
 *     "rules": [
 *       { "name": "hot btc",                 // optional label, shown in refusals
 *         "chain": "btc",                     // "btc" (amounts in sats) or "eth" (amounts in wei)
 *         "fingerprint": "73c5da0a",          // optional: only this master key (8 hex)
 *         "account": "m/84'/0'/0'",           // optional: only this account path
 *         "max_per_tx": "1000000",            // optional: refuse a spend above this amount
 *         "max_per_24h": "5000000",           // optional: refuse if the rolling 24 h total would exceed this
 *         "allowed_destinations": ["bc1q…"],  // optional: every destination must be in the list
 *         "confirm_above": "500000" }         // optional: above this, a second confirmation is needed
 *     ]
 *   }
 * Amounts are decimal strings (or safe JSON integers). "Above" and "exceed" are strict (>).
 * A spend's amount is the sum of its non-change outputs (btc) or the value sent (eth); its
 * destinations are the non-change output addresses (btc) or the `to` address (eth).
 * A rule applies when its chain matches and each of its fingerprint/account filters either matches
 * the spend or the spend does not say (unknown is treated as matching: conservative). Every
 * applicable rule must allow the spend.
 * Rolling 24 h: the sum over valid log entries (`psbt-signed` non-change outputs, `eth-signed`
 * value_wei) whose time t satisfies now-24h <= t <= now and that the rule applies to (again,
 * entries without a fingerprint/account count against every rule of their chain). Entries with
 * an unreadable time are counted too (fail closed).
 * An entry's account is `psbt-signed.account`, or the first three levels of `eth-signed.path`.
 * Address comparison: bech32 (bc1/tb1/bcrt1) and 0x addresses case-insensitively, base58 exactly.
 * Deliberately not done: descriptors in allowed_destinations, fee limits (psbt review warns).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toHex } from '../bytes';
import { AppError } from '../errors';
import type { AuditEvent } from './events';
import { canonicalJson, type AuditEntry } from './log';

export type Chain = 'btc' | 'eth';

export interface PolicyRule {
  name?: string;
  chain: Chain;
  fingerprint?: string;
  account?: string;
  max_per_tx?: bigint;
  max_per_24h?: bigint;
  allowed_destinations?: string[];
  confirm_above?: bigint;
}

export interface Policy {
  version: 1;
  rules: PolicyRule[];
}

export interface ProposedSpend {
  chain: Chain;
  /** Sats (btc, non-change outputs) or wei (eth value). */
  amount: bigint;
  destinations: string[];
  fingerprint?: string;
  account?: string;
}

export type RuleId = 'max-per-tx' | 'max-per-24h' | 'allowed-destinations';

export type PolicyDecision =
  | { allowed: true; needsSecondConfirmation: boolean; confirmRule?: string }
  | { allowed: false; ruleId: RuleId; rule: string };

export const DAY_MS = 24 * 60 * 60 * 1000;

function parseAmount(v: unknown, field: string): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^\d{1,78}$/.test(v)) return BigInt(v);
  throw new AppError('policy/invalid', { field });
}

/** Parse a policy file (JSON text). Throws AppError('policy/invalid') naming the bad field. */
export function parsePolicy(text: string): Policy {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new AppError('policy/invalid', { field: 'JSON' }, { cause: e });
  }
  const o = v as { version?: unknown; rules?: unknown };
  if (typeof o !== 'object' || o === null || o.version !== 1) throw new AppError('policy/invalid', { field: 'version' });
  if (!Array.isArray(o.rules)) throw new AppError('policy/invalid', { field: 'rules' });
  const known = new Set(['name', 'chain', 'fingerprint', 'account', 'max_per_tx', 'max_per_24h', 'allowed_destinations', 'confirm_above']);
  const rules = o.rules.map((r: unknown, i): PolicyRule => {
    const field = (f: string) => `rules[${i}].${f}`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new AppError('policy/invalid', { field: `rules[${i}]` });
    const x = r as Record<string, unknown>;
    for (const k of Object.keys(x)) if (!known.has(k)) throw new AppError('policy/invalid', { field: field(k) });
    if (x.chain !== 'btc' && x.chain !== 'eth') throw new AppError('policy/invalid', { field: field('chain') });
    const rule: PolicyRule = { chain: x.chain };
    for (const k of ['name', 'account'] as const) {
      if (x[k] === undefined) continue;
      if (typeof x[k] !== 'string') throw new AppError('policy/invalid', { field: field(k) });
      rule[k] = x[k] as string;
    }
    if (x.fingerprint !== undefined) {
      if (typeof x.fingerprint !== 'string' || !/^[0-9a-fA-F]{8}$/.test(x.fingerprint))
        throw new AppError('policy/invalid', { field: field('fingerprint') });
      rule.fingerprint = x.fingerprint.toLowerCase();
    }
    for (const k of ['max_per_tx', 'max_per_24h', 'confirm_above'] as const) {
      const a = parseAmount(x[k], field(k));
      if (a !== undefined) rule[k] = a;
    }
    if (x.allowed_destinations !== undefined) {
      const d = x.allowed_destinations;
      if (!Array.isArray(d) || !d.every((s) => typeof s === 'string'))
        throw new AppError('policy/invalid', { field: field('allowed_destinations') });
      rule.allowed_destinations = d as string[];
    }
    return rule;
  });
  return { version: 1, rules };
}

/** Policy as JSON-safe object (amounts as decimal strings), the inverse of parsePolicy. */
export function policyToJson(p: Policy): Record<string, unknown> {
  return {
    version: 1,
    rules: p.rules.map((r) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (v !== undefined) o[k] = typeof v === 'bigint' ? v.toString() : v;
      return o;
    }),
  };
}

/** Normalize an address for comparison: bech32 and 0x hex are case-insensitive, base58 is not. */
export function normalizeAddress(a: string): string {
  const t = a.trim();
  return /^(bc1|tb1|bcrt1|0x)/i.test(t) ? t.toLowerCase() : t;
}

function applies(rule: PolicyRule, chain: Chain, fingerprint?: string, account?: string): boolean {
  if (rule.chain !== chain) return false;
  if (rule.fingerprint && fingerprint && rule.fingerprint !== fingerprint.toLowerCase()) return false;
  if (rule.account && account && rule.account !== account) return false;
  return true;
}

/** What a log entry spent: chain, amount (non-change sats / wei), fingerprint and account; undefined if not a spend. */
export function entrySpend(e: AuditEntry): { chain: Chain; amount: bigint; fingerprint?: string; account?: string } | undefined {
  const d = e.details as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const amt = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : 0n);
  if (e.event === 'psbt-signed') {
    const outs = Array.isArray(d.outputs) ? (d.outputs as Record<string, unknown>[]) : [];
    const amount = outs.reduce((s, o) => (o && o.change === true ? s : s + amt(o?.value_sat)), 0n);
    return { chain: 'btc', amount, fingerprint: str(d.fingerprint), account: str(d.account) };
  }
  if (e.event === 'eth-signed') {
    // account = the first three levels of the signing path (m/44'/60'/N' for m/44'/60'/N'/0/0)
    const path = str(d.path);
    const account = path === undefined ? undefined : path.split('/').slice(0, 4).join('/');
    return { chain: 'eth', amount: amt(d.value_wei), fingerprint: str(d.fingerprint), account };
  }
  return undefined;
}

/** Sum spent under `rule` by log entries with time in [now-24h, now] (unreadable times count). */
export function spentInWindow(rule: PolicyRule, log: readonly AuditEntry[], now: Date): bigint {
  const end = now.getTime();
  const start = end - DAY_MS;
  let sum = 0n;
  for (const e of log) {
    const s = entrySpend(e);
    if (!s || !applies(rule, s.chain, s.fingerprint, s.account)) continue;
    const t = Date.parse(e.time);
    if (Number.isNaN(t) || (t >= start && t <= end)) sum += s.amount;
  }
  return sum;
}

function label(rule: PolicyRule, i: number): string {
  return rule.name ? `"${rule.name}"` : `rule ${i + 1}`;
}

/** Evaluate a proposed spend (amount in sats/wei) against every applicable rule; pure. */
export function evaluatePolicy(policy: Policy, proposed: ProposedSpend, log: readonly AuditEntry[], now: Date): PolicyDecision {
  const unit = proposed.chain === 'btc' ? 'sat' : 'wei';
  let confirmRule: string | undefined;
  for (const [i, rule] of policy.rules.entries()) {
    if (!applies(rule, proposed.chain, proposed.fingerprint, proposed.account)) continue;
    const name = label(rule, i);
    if (rule.max_per_tx !== undefined && proposed.amount > rule.max_per_tx) {
      return {
        allowed: false,
        ruleId: 'max-per-tx',
        rule: `max per transaction (${name}): ${proposed.amount} ${unit} is above the limit of ${rule.max_per_tx} ${unit}`,
      };
    }
    if (rule.allowed_destinations) {
      const allowed = new Set(rule.allowed_destinations.map(normalizeAddress));
      const bad = proposed.destinations.find((d) => !allowed.has(normalizeAddress(d)));
      if (bad !== undefined) {
        return { allowed: false, ruleId: 'allowed-destinations', rule: `allowed destinations (${name}): ${bad} is not on the list` };
      }
    }
    if (rule.max_per_24h !== undefined) {
      const spent = spentInWindow(rule, log, now);
      if (spent + proposed.amount > rule.max_per_24h) {
        return {
          allowed: false,
          ruleId: 'max-per-24h',
          rule: `max per 24 h (${name}): ${spent} ${unit} already signed in the last 24 h plus ${proposed.amount} ${unit} is above the limit of ${rule.max_per_24h} ${unit}`,
        };
      }
    }
    if (rule.confirm_above !== undefined && proposed.amount > rule.confirm_above && !confirmRule) {
      confirmRule = `second confirmation above ${rule.confirm_above} ${unit} (${name})`;
    }
  }
  return confirmRule ? { allowed: true, needsSecondConfirmation: true, confirmRule } : { allowed: true, needsSecondConfirmation: false };
}

/** SHA-256 (hex) of the policy's canonical JSON: what a `policy-changed` entry commits to. */
export function policyDigest(p: Policy): string {
  return toHex(sha256(utf8ToBytes(canonicalJson(policyToJson(p)))));
}

/** The audit event recording a policy change (the caller logs it after the passphrase check). */
export function policyChangedEvent(p: Policy): AuditEvent {
  return { event: 'policy-changed', details: { policy_sha256: policyDigest(p), summary: `${p.rules.length} rule(s)` } };
}
