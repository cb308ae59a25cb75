/**
 * Reconciliation of the station's audit log with the chain (issue 9 §3), pure: the companion
 * passes the verified log entries and the outgoing transactions it saw on the chain for its
 * watched accounts; we report which spends the log explains, which it does not (ALARM: a key
 * signed something the station did not — the seed may be compromised), and which signed
 * transactions never reached the chain.
 *
 * Matching is by transaction id: `psbt-signed.txid` (bitcoin) and the `eth-signed.hash` of
 * transaction kinds (eip1559/legacy/eip2930); ids compare case-insensitively, with or without 0x.
 * Caveat: a bitcoin PSBT's txid is final only when every input is segwit/taproot (scriptSigs of
 * legacy inputs change it); signers log the final txid when they finalize.
 * A spend is matched only by an entry of the same chain and, when both name one, the same
 * fingerprint. Messages and typed data are never "not broadcast" (they are not transactions).
 * Deliberately not done: verifying the log (call verifyLog first) or fetching chain data.
 */
import type { AuditEntry } from './log';

export interface ChainSpend {
  chain: 'btc' | 'eth';
  /** Transaction id / hash as seen on chain. */
  txid: string;
  /** Which watched account spent (label or xpub/address), for the report. */
  account?: string;
  fingerprint?: string;
}

export interface SignedTx {
  chain: 'btc' | 'eth';
  txid: string;
  seq: number;
  time: string;
  fingerprint?: string;
}

export interface Reconciliation {
  matched: { spend: ChainSpend; entry: SignedTx }[];
  /** ALARM: on-chain spends of watched accounts with no signing entry in the log. */
  unlogged: ChainSpend[];
  signedNotBroadcast: SignedTx[];
  alarm: boolean;
}

const ETH_TX_KINDS = new Set(['eip1559', 'legacy', 'eip2930']);

function normId(id: string): string {
  return id.trim().toLowerCase().replace(/^0x/, '');
}

/** Signed transactions recorded in the log (btc psbt-signed, eth-signed of transaction kinds). */
export function signedTransactions(entries: readonly AuditEntry[]): SignedTx[] {
  const out: SignedTx[] = [];
  for (const e of entries) {
    const d = e.details as Record<string, unknown>;
    const fp = typeof d.fingerprint === 'string' ? d.fingerprint.toLowerCase() : undefined;
    if (e.event === 'psbt-signed' && typeof d.txid === 'string') {
      out.push({ chain: 'btc', txid: d.txid, seq: e.seq, time: e.time, fingerprint: fp });
    } else if (e.event === 'eth-signed' && typeof d.hash === 'string' && typeof d.kind === 'string' && ETH_TX_KINDS.has(d.kind)) {
      out.push({ chain: 'eth', txid: d.hash, seq: e.seq, time: e.time, fingerprint: fp });
    }
  }
  return out;
}

/** Reconcile log entries with on-chain spends; `alarm` is true when any spend is unlogged. */
export function reconcile(entries: readonly AuditEntry[], spends: readonly ChainSpend[]): Reconciliation {
  const signed = signedTransactions(entries);
  const used = new Set<SignedTx>();
  const matched: Reconciliation['matched'] = [];
  const unlogged: ChainSpend[] = [];
  for (const s of spends) {
    const id = normId(s.txid);
    const fp = s.fingerprint?.toLowerCase();
    const entry = signed.find(
      (t) => t.chain === s.chain && normId(t.txid) === id && (!fp || !t.fingerprint || t.fingerprint === fp),
    );
    if (entry) {
      matched.push({ spend: s, entry });
      used.add(entry);
    } else unlogged.push(s);
  }
  // a tx signed twice (re-signed after a review) is broadcast once: any entry with a seen id counts
  const seen = new Set(matched.map((m) => `${m.entry.chain}:${normId(m.entry.txid)}`));
  const signedNotBroadcast = signed.filter((t) => !used.has(t) && !seen.has(`${t.chain}:${normId(t.txid)}`));
  return { matched, unlogged, signedNotBroadcast, alarm: unlogged.length > 0 };
}
