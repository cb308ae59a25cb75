/**
 * EVM JSON-RPC client (Ethereum execution API subset): chain id, balance, pending nonce, fee data
 * (latest block base fee via eth_feeHistory, eth_maxPriorityFeePerGas with a 1 gwei fallback),
 * eth_estimateGas, eth_call, eth_sendRawTransaction, receipts.
 * Errors: 'net/unreachable' {host}, 'net/bad-response' {host, status}, and the node's JSON-RPC error
 * message for a refused transaction as 'net/broadcast-rejected' {reason}.
 * Deliberately does NOT sign or build transactions (shared/ethereum/build-tx.ts).
 */
import { AppError } from '../../../shared/errors';
import { dataBytes, quantity } from '../../../shared/ethereum/build-tx';
import { toHex } from '../../../shared/bytes';
import { fetchText, hostOf } from './esplora';
import type { EvmBackend, FetchFn } from './types';

const hexQ = (n: bigint) => '0x' + n.toString(16);
const GWEI = 10n ** 9n;

export function createEvmClient(url: string, fetchFn: FetchFn = (u, i) => fetch(u, i)): EvmBackend {
  const host = hostOf(url);
  let id = 0;
  async function rpc(method: string, params: unknown[], rejectAs?: 'broadcast'): Promise<unknown> {
    const r = await fetchText(fetchFn, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    let j: { result?: unknown; error?: { message?: string; code?: number } };
    try {
      j = JSON.parse(r.text);
    } catch (e) {
      throw new AppError('net/bad-response', { host, status: r.ok ? 'not JSON' : r.status }, { cause: e });
    }
    if (j.error) {
      const reason = String(j.error.message ?? `error ${j.error.code}`).slice(0, 300);
      if (rejectAs === 'broadcast') throw new AppError('net/broadcast-rejected', { reason });
      throw new AppError('net/bad-response', { host, status: reason });
    }
    if (!r.ok) throw new AppError('net/bad-response', { host, status: r.status });
    return j.result;
  }
  return {
    host,
    async chainId() {
      return quantity(await rpc('eth_chainId', []));
    },
    async balance(address) {
      return quantity(await rpc('eth_getBalance', [address, 'latest']));
    },
    async nonce(address) {
      return quantity(await rpc('eth_getTransactionCount', [address, 'pending']));
    },
    async feeData() {
      const h = (await rpc('eth_feeHistory', ['0x1', 'latest', []])) as { baseFeePerGas?: string[] };
      const fees = h?.baseFeePerGas ?? [];
      // the last entry is the NEXT block's base fee (EIP-1559 history semantics)
      const baseFeeWei = fees.length ? quantity(fees[fees.length - 1]) : 0n;
      let prio = GWEI;
      try {
        prio = quantity(await rpc('eth_maxPriorityFeePerGas', []));
      } catch (e) {
        if (e instanceof AppError && e.code === 'net/unreachable') throw e;
        prio = GWEI; // older nodes lack the method: 1 gwei is the usual tip
      }
      return { baseFeeWei, maxPriorityFeePerGasWei: prio };
    },
    async estimateGas(tx) {
      const p: Record<string, string> = { from: tx.from, to: tx.to, value: hexQ(tx.valueWei) };
      if (tx.data && tx.data.length) p.data = '0x' + toHex(tx.data);
      return quantity(await rpc('eth_estimateGas', [p]));
    },
    async call(to, data) {
      const out = await rpc('eth_call', [{ to, data: '0x' + toHex(data) }, 'latest']);
      if (typeof out !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(out)) throw new AppError('net/bad-response', { host, status: 'bad call result' });
      return dataBytes(out.toLowerCase());
    },
    async sendRaw(rawTx) {
      const h = await rpc('eth_sendRawTransaction', [rawTx], 'broadcast');
      if (typeof h !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(h)) throw new AppError('net/bad-response', { host, status: 'bad tx hash' });
      return h.toLowerCase();
    },
    async receipt(hash) {
      const r = (await rpc('eth_getTransactionReceipt', [hash])) as null | { status?: string; blockNumber?: string; gasUsed?: string; effectiveGasPrice?: string };
      if (!r) return null;
      return {
        status: r.status === '0x1' ? 'success' : 'reverted',
        blockNumber: quantity(r.blockNumber ?? '0x0'),
        gasUsed: quantity(r.gasUsed ?? '0x0'),
        effectiveGasPriceWei: quantity(r.effectiveGasPrice ?? '0x0'),
      };
    },
  };
}
