/**
 * Esplora HTTP API client (Blockstream/mempool.space REST subset): address stats, UTXOs, history,
 * raw transactions, fee estimates, broadcast, tip height. Every failure becomes an AppError the UI can
 * explain: 'net/unreachable' {host} (no answer / timeout), 'net/bad-response' {host, status},
 * 'net/broadcast-rejected' {reason} (the node's own text, which is public).
 * Deliberately does NOT cache (the watch store does) or retry on its own (the user has a Retry button).
 */
import { AppError } from '../../../shared/errors';
import { fromHex } from '../../../shared/bytes';
import type { AddressStats, BitcoinBackend, EsploraTx, EsploraUtxo, FetchFn } from './types';

const TIMEOUT_MS = 20_000;

export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** Fetch text with a timeout; maps transport failures to 'net/unreachable'. */
export async function fetchText(fetchFn: FetchFn, url: string, init: Parameters<FetchFn>[1] = {}): Promise<{ ok: boolean; status: number; text: string }> {
  const host = hostOf(url);
  const ctl = typeof AbortController === 'undefined' ? undefined : new AbortController();
  const timer = ctl ? setTimeout(() => ctl.abort(), TIMEOUT_MS) : undefined;
  try {
    const r = await fetchFn(url, { ...init, signal: ctl?.signal });
    return { ok: r.ok, status: r.status, text: await r.text() };
  } catch (e) {
    throw new AppError('net/unreachable', { host }, { cause: e });
  } finally {
    if (timer) clearTimeout(timer);
  }
}

const num = (v: unknown): bigint => BigInt(typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);

export function createEsploraClient(baseUrl: string, fetchFn: FetchFn = (u, i) => fetch(u, i)): BitcoinBackend {
  const base = baseUrl.replace(/\/+$/, '');
  const host = hostOf(base);
  const bad = (status: number | string, cause?: unknown) => new AppError('net/bad-response', { host, status }, { cause });

  async function getText(path: string): Promise<string> {
    const r = await fetchText(fetchFn, base + path);
    if (!r.ok) throw bad(r.status);
    return r.text;
  }
  async function getJson<T>(path: string): Promise<T> {
    const t = await getText(path);
    try {
      return JSON.parse(t) as T;
    } catch (e) {
      throw bad('not JSON', e);
    }
  }
  type RawTx = {
    txid: string; fee?: number; status?: { confirmed?: boolean; block_height?: number; block_time?: number };
    vin?: { txid: string; vout: number; prevout?: { scriptpubkey_address?: string; value?: number } }[];
    vout?: { scriptpubkey_address?: string; value?: number }[];
  };
  const toTx = (t: RawTx): EsploraTx => ({
    txid: t.txid,
    confirmed: !!t.status?.confirmed,
    blockHeight: t.status?.block_height,
    blockTime: t.status?.block_time,
    feeSats: num(t.fee),
    vin: (t.vin ?? []).map((i) => ({ txid: i.txid, vout: i.vout, address: i.prevout?.scriptpubkey_address, valueSats: num(i.prevout?.value) })),
    vout: (t.vout ?? []).map((o) => ({ address: o.scriptpubkey_address, valueSats: num(o.value) })),
  });

  return {
    host,
    async addressStats(address) {
      type S = { funded_txo_sum?: number; spent_txo_sum?: number; tx_count?: number };
      const j = await getJson<{ chain_stats?: S; mempool_stats?: S }>(`/address/${encodeURIComponent(address)}`);
      const c = j.chain_stats ?? {};
      const m = j.mempool_stats ?? {};
      const s: AddressStats = {
        address,
        txCount: (c.tx_count ?? 0) + (m.tx_count ?? 0),
        confirmedSats: num(c.funded_txo_sum) - num(c.spent_txo_sum),
        mempoolSats: num(m.funded_txo_sum) - num(m.spent_txo_sum),
      };
      return s;
    },
    async addressUtxos(address) {
      const j = await getJson<{ txid: string; vout: number; value: number; status?: { confirmed?: boolean; block_height?: number } }[]>(`/address/${encodeURIComponent(address)}/utxo`);
      if (!Array.isArray(j)) throw bad('not a list');
      return j.map((u): EsploraUtxo => ({ txid: u.txid, vout: u.vout, valueSats: num(u.value), confirmed: !!u.status?.confirmed, blockHeight: u.status?.block_height }));
    },
    async addressTxs(address) {
      const j = await getJson<RawTx[]>(`/address/${encodeURIComponent(address)}/txs`);
      if (!Array.isArray(j)) throw bad('not a list');
      return j.map(toTx);
    },
    async txRaw(txid) {
      if (!/^[0-9a-f]{64}$/i.test(txid)) throw bad('bad txid');
      const t = (await getText(`/tx/${txid}/hex`)).trim();
      if (!/^([0-9a-f]{2})+$/i.test(t)) throw bad('not hex');
      return fromHex(t.toLowerCase());
    },
    async feeEstimates() {
      const j = await getJson<Record<string, number>>('/fee-estimates');
      if (!j || typeof j !== 'object') throw bad('not an object');
      return Object.fromEntries(Object.entries(j).filter(([, v]) => typeof v === 'number' && Number.isFinite(v) && v > 0));
    },
    async broadcast(txHex) {
      const r = await fetchText(fetchFn, base + '/tx', { method: 'POST', body: txHex, headers: { 'content-type': 'text/plain' } });
      // Esplora answers the txid as text, or an error text such as "sendrawtransaction RPC error: {...}"
      if (!r.ok) throw new AppError('net/broadcast-rejected', { reason: r.text.trim().slice(0, 300) || `HTTP ${r.status}` });
      const txid = r.text.trim();
      if (!/^[0-9a-f]{64}$/i.test(txid)) throw bad('not a txid');
      return txid.toLowerCase();
    },
    async tipHeight() {
      const t = (await getText('/blocks/tip/height')).trim();
      if (!/^\d+$/.test(t)) throw bad('not a height');
      return Number(t);
    },
  };
}
