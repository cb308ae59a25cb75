/**
 * Spending policy storage and enforcement on the station. The policy is kept encrypted in the
 * vault (meta `spending-policy`, the documented JSON of shared/audit/policy.ts — the same file the
 * CLI's `--policy` reads). Saving needs the vault passphrase again and appends `policy-changed`.
 * Enforcement reads every readable log entry for the rolling 24 h window; a stored policy that
 * cannot be read refuses every spend (fail closed).
 */
import { tryUtf8, utf8ToBytes } from '../../../../shared/bytes';
import { AppError } from '../../../../shared/errors';
import { evaluatePolicy, parsePolicy, policyChangedEvent, policyToJson, type Policy, type PolicyDecision, type ProposedSpend } from '../../../../shared/audit/policy';
import type { PsbtReview } from '../../../../shared/bitcoin/review';
import type { EthReview } from '../../../../shared/ethereum/review';
import { appendStationAudit } from '../../state/audit';
import { checkVaultPassphrase, withVaultMeta } from '../../state/keyring';
import { loadAuditEntries } from '../audit/store';

const POLICY_RECORD = 'spending-policy';
export const EMPTY_POLICY: Policy = { version: 1, rules: [] };

/** The stored policy (an empty one when none). Throws 'policy/invalid' for a damaged record, 'vault/locked'. */
export async function loadPolicy(): Promise<Policy> {
  const raw = await withVaultMeta((v) => v.getMeta(POLICY_RECORD));
  if (!raw) return { version: 1, rules: [] };
  const text = tryUtf8(raw);
  if (text === undefined) throw new AppError('policy/invalid', { field: 'JSON' });
  return parsePolicy(text);
}

/** Check the passphrase, store `next`, log `policy-changed`. Throws 'vault/wrong-password' (nothing changes). */
export async function savePolicy(next: Policy, passphrase: string): Promise<void> {
  await checkVaultPassphrase(passphrase);
  await withVaultMeta(async (v) => {
    await v.putMeta(POLICY_RECORD, utf8ToBytes(JSON.stringify(policyToJson(next))));
    await appendStationAudit(v, policyChangedEvent(next));
  });
}

/** Evaluate a proposed spend against the stored policy and the log, at `now`. Throws 'policy/invalid'. */
export async function checkSpend(spend: ProposedSpend, now: Date = new Date()): Promise<PolicyDecision> {
  const policy = await loadPolicy();
  if (policy.rules.length === 0) return { allowed: true, needsSecondConfirmation: false };
  return evaluatePolicy(policy, spend, await loadAuditEntries(), now);
}

/** The spend a PSBT review proposes: non-change outputs (sats) and their destinations. */
export function psbtSpend(review: PsbtReview, fingerprint: string): ProposedSpend {
  // an output without an address (unknown script) still goes somewhere: it is named so that an
  // allowed-destinations rule refuses it (fail closed) rather than letting it through unlisted
  const destinations = review.outputs.flatMap((o) => (o.role === 'payment' ? [o.address] : o.role === 'unknown-script' ? [`script ${o.scriptHex}`] : []));
  return { chain: 'btc', amount: review.sentSats, destinations, fingerprint };
}

/** The spend an Ethereum review proposes: value (wei) to `to`, account = first three path levels. */
export function ethSpend(review: EthReview, fingerprint: string): ProposedSpend {
  return { chain: 'eth', amount: review.valueWei, destinations: review.to ? [review.to] : [], fingerprint, account: review.path.split('/').slice(0, 4).join('/') };
}
