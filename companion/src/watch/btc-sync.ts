/**
 * Bitcoin account sync over an injected BitcoinBackend: derive receive (chain 0) and change (chain 1)
 * addresses (single-sig, or the multisig wallet's) until `gapLimit` consecutive unused ones (BIP-44 gap limit, default 20), then collect
 * balances, UTXOs and history of the used ones. Address derivation is cached per account key.
 */
import type { HDKey } from '@scure/bip32';
import { accountKey } from '../../../shared/bitcoin/build-psbt';
import { singleSigOutput } from '../../../shared/bitcoin/address';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { multisigAddress } from '../../../shared/bitcoin/multisig';
import { walletOf } from './multisig';
import type { BitcoinBackend } from '../net/types';
import type { BtcWatchAccount } from './types';

export const DEFAULT_GAP_LIMIT = 20;

export interface BtcAddressInfo { chain: 0 | 1; index: number; address: string; txCount: number }
export interface BtcCoin { txid: string; vout: number; valueSats: bigint; confirmed: boolean; chain: 0 | 1; index: number; address: string }
export interface BtcHistoryItem { txid: string; netSats: bigint; feeSats: bigint; confirmed: boolean; blockHeight?: number; blockTime?: number }

export interface BtcSnapshot {
  kind: 'btc';
  accountId: string;
  /** ms since epoch when fetched (passed in by the caller) */
  fetchedAt: number;
  used: BtcAddressInfo[];
  coins: BtcCoin[];
  confirmedSats: bigint;
  pendingSats: bigint;
  nextReceive: { index: number; address: string };
  nextChangeIndex: number;
  history: BtcHistoryItem[];
}

/** Addresses `from..from+count-1` on `chain` (pure; used by the bench too). Multisig: the wallet's wsh addresses. */
export function deriveAddresses(account: BtcWatchAccount, chain: 0 | 1, from: number, count: number, key?: HDKey): string[] {
  const net = NETWORKS[account.network];
  const out: string[] = [];
  if (account.multisig) {
    const w = walletOf(account);
    for (let i = from; i < from + count; i++) out.push(multisigAddress(w, chain, i, net));
    return out;
  }
  const chainKey = (key ?? accountKey(account)).deriveChild(chain);
  for (let i = from; i < from + count; i++) out.push(singleSigOutput(account.scriptType, chainKey.deriveChild(i).publicKey!, net).address);
  return out;
}

async function scanChain(account: BtcWatchAccount, key: HDKey | undefined, chain: 0 | 1, backend: BitcoinBackend, gapLimit: number): Promise<{ used: BtcAddressInfo[]; next: number; all: Map<string, number> }> {
  const used: BtcAddressInfo[] = [];
  const all = new Map<string, number>();
  let index = 0;
  let lastUsed = -1;
  while (index - lastUsed - 1 < gapLimit) {
    const batch = deriveAddresses(account, chain, index, gapLimit, key);
    const stats = await Promise.all(batch.map((a) => backend.addressStats(a)));
    stats.forEach((s, i) => {
      all.set(s.address, index + i);
      if (s.txCount > 0) {
        used.push({ chain, index: index + i, address: s.address, txCount: s.txCount });
        lastUsed = index + i;
      }
    });
    index += gapLimit;
  }
  return { used, next: lastUsed + 1, all };
}

/** Sync one account. `now` is the timestamp stored with the snapshot. Throws the backend's 'net/*' errors. */
export async function syncBtcAccount(account: BtcWatchAccount, backend: BitcoinBackend, opts: { gapLimit?: number; now: number }): Promise<BtcSnapshot> {
  const gap = Math.max(1, opts.gapLimit ?? DEFAULT_GAP_LIMIT);
  const key = account.multisig ? undefined : accountKey(account);
  const [recv, change] = [await scanChain(account, key, 0, backend, gap), await scanChain(account, key, 1, backend, gap)];
  const used = [...recv.used, ...change.used];
  const ours = new Map<string, { chain: 0 | 1; index: number }>();
  for (const u of used) ours.set(u.address, { chain: u.chain, index: u.index });

  const coins: BtcCoin[] = [];
  const txs = new Map<string, Awaited<ReturnType<BitcoinBackend['addressTxs']>>[number]>();
  await Promise.all(used.map(async (u) => {
    const [utxos, history] = await Promise.all([backend.addressUtxos(u.address), backend.addressTxs(u.address)]);
    for (const c of utxos) coins.push({ ...c, chain: u.chain, index: u.index, address: u.address });
    for (const t of history) txs.set(t.txid, t);
  }));
  coins.sort((a, b) => (a.txid + a.vout < b.txid + b.vout ? -1 : 1));
  const history: BtcHistoryItem[] = [...txs.values()].map((t) => {
    const inSum = t.vin.filter((i) => i.address && ours.has(i.address)).reduce((a, i) => a + i.valueSats, 0n);
    const outSum = t.vout.filter((o) => o.address && ours.has(o.address)).reduce((a, o) => a + o.valueSats, 0n);
    return { txid: t.txid, netSats: outSum - inSum, feeSats: t.feeSats, confirmed: t.confirmed, blockHeight: t.blockHeight, blockTime: t.blockTime };
  });
  history.sort((a, b) => (a.confirmed === b.confirmed ? (b.blockHeight ?? 0) - (a.blockHeight ?? 0) : a.confirmed ? 1 : -1));
  const confirmedSats = coins.filter((c) => c.confirmed).reduce((a, c) => a + c.valueSats, 0n);
  const pendingSats = coins.filter((c) => !c.confirmed).reduce((a, c) => a + c.valueSats, 0n);
  return {
    kind: 'btc',
    accountId: account.id,
    fetchedAt: opts.now,
    used,
    coins,
    confirmedSats,
    pendingSats,
    nextReceive: { index: recv.next, address: deriveAddresses(account, 0, recv.next, 1, key)[0] },
    nextChangeIndex: change.next,
    history,
  };
}
