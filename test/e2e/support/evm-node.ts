/**
 * A real local EVM node for the e2e tests: `hardhat node` (hardhat 2.x from npm) on 127.0.0.1, chain id
 * 31337, automine, its default accounts pre-funded. `fund` sends ETH from the first default account with
 * eth_sendTransaction (the node holds that dev key); `rpc` is a plain JSON-RPC call.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createServer } from 'node:net';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = resolve(import.meta.dirname, 'hardhat/hardhat.config.cjs');

export interface EvmNode {
  url: string;
  rpc<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** send `wei` from the node's first dev account; resolves when mined */
  fund(to: string, wei: bigint): Promise<string>;
  balance(address: string): Promise<bigint>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
    s.on('error', fail);
  });
}

export async function startEvmNode(): Promise<EvmNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'node_modules/hardhat/internal/cli/bootstrap.js'), 'node', '--hostname', '127.0.0.1', '--port', String(port), '--config', CONFIG], {
    cwd: ROOT,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', DO_NOT_TRACK: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
  child.stderr?.on('data', (d) => (log = (log + String(d)).slice(-4000)));
  let id = 0;
  const rpc = async <T,>(method: string, params: unknown[] = []): Promise<T> => {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }) });
    const j = (await r.json()) as { result?: T; error?: { message: string } };
    if (j.error) throw new Error(`${method}: ${j.error.message}`);
    return j.result as T;
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited (${child.exitCode}): ${log}`);
    try {
      await rpc('eth_chainId');
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`hardhat node did not start: ${log}`);
      }
      await new Promise((ok) => setTimeout(ok, 300));
    }
  }
  const [dev] = await rpc<string[]>('eth_accounts');
  return {
    url,
    rpc,
    async fund(to, wei) {
      const hash = await rpc<string>('eth_sendTransaction', [{ from: dev, to, value: '0x' + wei.toString(16) }]);
      for (let i = 0; i < 100; i++) {
        if (await rpc('eth_getTransactionReceipt', [hash])) return hash;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      throw new Error('funding transaction not mined');
    },
    async balance(address) {
      return BigInt(await rpc<string>('eth_getBalance', [address, 'latest']));
    },
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([done, new Promise((ok) => setTimeout(ok, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
