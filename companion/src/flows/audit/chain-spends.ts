/**
 * What the chain says the watched accounts spent, for reconciliation with the audit log
 * (shared/audit/reconcile.ts). Bitcoin: every transaction of a used address (from the account's
 * last sync) that spends a coin of ours — an input whose address is one of ours — fetched through
 * the injected Esplora backend. Ethereum: a JSON-RPC node has no per-address history, so the check
 * is the account's nonce (transactions sent) against the distinct transactions the log signed for
 * that key and path: more sent than signed means something signed outside the station.
 */
import type { ChainSpend } from '../../../../shared/audit/reconcile';
import { signedTransactions } from '../../../../shared/audit/reconcile';
import type { AuditEntry } from '../../../../shared/audit/log';
import type { BitcoinBackend, EsploraTx, EvmBackend } from '../../net/types';
import type { BtcWatchAccount, EthWatchAccount } from '../../watch/types';

/** Outgoing transactions among `txs`: those with an input from one of `ours` (deduplicated by txid). */
export function outgoingBtcSpends(txs: readonly EsploraTx[], ours: ReadonlySet<string>, account: BtcWatchAccount): ChainSpend[] {
  const seen = new Map<string, ChainSpend>();
  for (const t of txs) {
    if (seen.has(t.txid)) continue;
    if (t.vin.some((i) => i.address !== undefined && ours.has(i.address))) {
      seen.set(t.txid, { chain: 'btc', txid: t.txid, account: account.label, fingerprint: account.fingerprint });
    }
  }
  return [...seen.values()];
}

/** Fetch the history of the account's used addresses and return its outgoing spends. Throws 'net/*'. */
export async function fetchBtcSpends(account: BtcWatchAccount, usedAddresses: readonly string[], backend: BitcoinBackend): Promise<ChainSpend[]> {
  const ours = new Set(usedAddresses);
  const txs = (await Promise.all(usedAddresses.map((a) => backend.addressTxs(a)))).flat();
  return outgoingBtcSpends(txs, ours, account);
}

export interface EthNonceCheck {
  account: string;
  address: string;
  /** transactions the chain says this address sent (pending nonce) */
  sent: number;
  /** distinct transactions the log signed for this key/path */
  logged: number;
  alarm: boolean;
}

/** Compare an Ethereum account's nonce with the log's signed transactions for its fingerprint/path. */
export function ethNonceCheck(account: EthWatchAccount, nonce: bigint, entries: readonly AuditEntry[]): EthNonceCheck {
  const fp = account.fingerprint?.toLowerCase();
  const ids = new Set<string>();
  for (const t of signedTransactions(entries)) {
    if (t.chain !== 'eth') continue;
    const e = entries.find((x) => x.seq === t.seq);
    const path = e && typeof e.details.path === 'string' ? e.details.path : undefined;
    if (fp && t.fingerprint && t.fingerprint !== fp) continue;
    if (account.addressPath && path && path !== account.addressPath) continue;
    ids.add(t.txid.toLowerCase());
  }
  const sent = Number(nonce);
  return { account: account.label, address: account.address, sent, logged: ids.size, alarm: sent > ids.size };
}

/** Fetch the nonce of an Ethereum account and check it. Throws 'net/*'. */
export async function fetchEthCheck(account: EthWatchAccount, evm: EvmBackend, entries: readonly AuditEntry[]): Promise<EthNonceCheck> {
  return ethNonceCheck(account, await evm.nonce(account.address), entries);
}
