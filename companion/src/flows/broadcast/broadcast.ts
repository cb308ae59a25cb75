/**
 * Broadcast and tracking: Esplora POST /tx for Bitcoin; eth_sendRawTransaction then receipt polling
 * until mined for Ethereum. `sleep` is injected so tests don't wait.
 */
import { AppError } from '../../../../shared/errors';
import type { BitcoinBackend, EvmBackend, EvmReceipt } from '../../net/types';

/** Broadcast a Bitcoin transaction; the txid the server returns must be ours. */
export async function broadcastBtc(backend: BitcoinBackend, txHex: string, expectedTxid: string): Promise<string> {
  const txid = await backend.broadcast(txHex);
  if (txid !== expectedTxid) throw new AppError('net/bad-response', { host: backend.host, status: 'other txid' });
  return txid;
}

export async function broadcastEth(backend: EvmBackend, rawTx: string, expectedHash: string): Promise<string> {
  const h = await backend.sendRaw(rawTx);
  if (h !== expectedHash.toLowerCase()) throw new AppError('net/bad-response', { host: backend.host, status: 'other hash' });
  return h;
}

/** Poll for the receipt every `intervalMs` until mined or `maxTries` polls; null when still pending. */
export async function waitForReceipt(backend: EvmBackend, hash: string, opts: { intervalMs?: number; maxTries?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<EvmReceipt | null> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  const tries = opts.maxTries ?? 120;
  for (let i = 0; i < tries; i++) {
    const r = await backend.receipt(hash);
    if (r) return r;
    await sleep(opts.intervalMs ?? 2000);
  }
  return null;
}
