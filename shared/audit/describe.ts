/**
 * Audit entries in words, for the station's and the companion's timelines (issue 9 §1, §3):
 * "Signed a Bitcoin transaction: 0.01 BTC to bc1q…, fee 1,234 sat". Pure formatting of the
 * public facts an entry carries (shared/audit/events.ts); amounts via shared/units.ts.
 * Readers meet entries from newer versions: unknown events and missing fields are described
 * generically, never thrown on. Deliberately not done: verification (log.ts).
 */
import { formatBtc, formatEth, formatSats } from '../units';
import type { AuditEntry } from './log';

export interface EntryWords {
  /** Short headline, e.g. "Signed a Bitcoin transaction". */
  title: string;
  /** The facts in one sentence (may be ''). */
  text: string;
  /** Fingerprint (8 hex) of the key involved, when the entry names one. */
  fingerprint?: string;
  /** 'spend' (signed something that moves money), 'refusal', 'key' (lifecycle), 'info'. */
  tone: 'spend' | 'refusal' | 'key' | 'info';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const amount = (v: unknown): bigint => (typeof v === 'string' && /^\d{1,78}$/.test(v) ? BigInt(v) : 0n);

/** An address shortened for a one-line summary: "bc1qxy2k…x0wlh" (the full text stays in the entry). */
export function shortAddress(a: string): string {
  return a.length <= 18 ? a : `${a.slice(0, 10)}…${a.slice(-6)}`;
}

const ETH_KIND_WORDS: Record<string, string> = {
  eip1559: 'an Ethereum transaction',
  legacy: 'an Ethereum transaction (legacy)',
  eip2930: 'an Ethereum transaction (EIP-2930)',
  'typed-data': 'Ethereum typed data (EIP-712)',
  'personal-message': 'an Ethereum message',
};

function psbtWords(d: Record<string, unknown>): string {
  const outs = Array.isArray(d.outputs) ? (d.outputs as Record<string, unknown>[]) : [];
  const pays = outs.filter((o) => o && o.change !== true);
  const to = pays.map((o) => `${formatBtc(amount(o.value_sat))} to ${str(o.address) ? shortAddress(o.address as string) : 'a script without address'}`);
  const parts = [to.length ? to.join(' and ') : 'no payment (only change)', `fee ${formatSats(amount(d.fee_sat))}`];
  const net = str(d.network);
  if (net && net !== 'mainnet') parts.push(net);
  return parts.join(', ');
}

function ethWords(d: Record<string, unknown>): string {
  const kind = str(d.kind) ?? '';
  const parts: string[] = [];
  if (kind === 'typed-data' || kind === 'personal-message') parts.push(`hash ${shortAddress(str(d.hash) ?? '?')}`);
  else parts.push(`${formatEth(amount(d.value_wei))} to ${str(d.to) ? shortAddress(d.to as string) : 'a new contract'}`);
  if (typeof d.chain_id === 'number') parts.push(`chain ${d.chain_id}`);
  return parts.join(', ');
}

/** Describe one entry in words (headline, sentence, tone). Never throws. */
export function describeEntry(e: Pick<AuditEntry, 'event' | 'details'>): EntryWords {
  const d = (e.details ?? {}) as Record<string, unknown>;
  const fingerprint = str(d.fingerprint);
  const fp = fingerprint ? { fingerprint } : {};
  switch (e.event) {
    case 'log-started':
      return { title: 'Audit log started', text: `station audit key ${shortAddress(str(d.station_key) ?? '?')}`, tone: 'info' };
    case 'wallet-created':
      return { title: 'Key created', text: `${fingerprint ?? ''}${typeof d.words === 'number' ? `, ${d.words} words` : ''}`, tone: 'key', ...fp };
    case 'wallet-imported':
      return { title: 'Key imported', text: `${fingerprint ?? ''}${str(d.source) ? ` from ${d.source as string}` : ''}`, tone: 'key', ...fp };
    case 'vault-unlocked':
      return { title: 'Station unlocked', text: '', tone: 'info', ...fp };
    case 'vault-locked':
      return { title: 'Station locked', text: '', tone: 'info', ...fp };
    case 'account-exported': {
      const paths = Array.isArray(d.paths) ? (d.paths as unknown[]).filter((p) => typeof p === 'string').join(', ') : '';
      return { title: 'Public keys exported', text: `${fingerprint ?? ''} ${paths}${str(d.format) ? ` as ${d.format as string}` : ''}`.trim(), tone: 'key', ...fp };
    }
    case 'psbt-signed':
      return { title: 'Signed a Bitcoin transaction', text: psbtWords(d), tone: 'spend', ...fp };
    case 'psbt-refused':
      return { title: 'Refused a Bitcoin transaction', text: str(d.reason) ?? '', tone: 'refusal', ...fp };
    case 'eth-signed':
      return { title: `Signed ${ETH_KIND_WORDS[str(d.kind) ?? ''] ?? 'an Ethereum request'}`, text: ethWords(d), tone: 'spend', ...fp };
    case 'eth-refused':
      return { title: 'Refused an Ethereum request', text: str(d.reason) ?? '', tone: 'refusal', ...fp };
    case 'backup-made':
      return { title: 'Backup made', text: str(d.method) ?? '', tone: 'key', ...fp };
    case 'backup-verified':
      return { title: 'Backup verified', text: str(d.method) ?? '', tone: 'key', ...fp };
    case 'key-deleted':
      return { title: 'Key deleted', text: fingerprint ?? '', tone: 'key', ...fp };
    case 'multisig-registered':
      return { title: 'Multisig wallet registered', text: `${str(d.name) ?? ''} ${str(d.policy) ?? ''}`.trim(), tone: 'key' };
    case 'policy-changed':
      return { title: 'Spending policy changed', text: `${str(d.summary) ?? ''}, digest ${shortAddress(str(d.policy_sha256) ?? '?')}`, tone: 'info' };
    default:
      return { title: `Event “${e.event}”`, text: 'recorded by a newer version', tone: 'info', ...fp };
  }
}
