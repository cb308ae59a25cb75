/**
 * The test ERC-20 (Token.sol next to this file), compiled at test time with solc-js (the `solc`
 * devDependency, no network) and deployed on the local hardhat node from its first dev account;
 * `mint` credits any address. `balanceOf` reads with eth_call, independently of the companion's code
 * (calldata by ethers' ABI coder).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Interface } from 'ethers';
import type { EvmNode } from '../evm-node';

const require = createRequire(import.meta.url);
const SOURCE = resolve(import.meta.dirname, 'Token.sol');
const ABI = new Interface([
  'constructor(string name_, string symbol_, uint8 decimals_)',
  'function mint(address to, uint256 value)',
  'function balanceOf(address) view returns (uint256)',
]);

export interface TestToken {
  address: string;
  mint(to: string, value: bigint): Promise<void>;
  balanceOf(who: string): Promise<bigint>;
}

let bytecode: string | undefined;

/** Creation bytecode of Token.sol (compiled once per process, optimizer on). Throws on compile errors. */
export function compileToken(): string {
  if (bytecode) return bytecode;
  const solc = require('solc') as { compile(input: string): string };
  const input = {
    language: 'Solidity',
    sources: { 'Token.sol': { content: readFileSync(SOURCE, 'utf8') } },
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'paris', outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as { errors?: { severity: string; formattedMessage: string }[]; contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>> };
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  bytecode = '0x' + out.contracts['Token.sol'].Token.evm.bytecode.object;
  return bytecode;
}

async function mined(node: EvmNode, hash: string): Promise<{ contractAddress?: string; status: string }> {
  for (let i = 0; i < 100; i++) {
    const r = await node.rpc<{ contractAddress?: string; status: string } | null>('eth_getTransactionReceipt', [hash]);
    if (r) {
      if (r.status !== '0x1') throw new Error(`transaction ${hash} reverted`);
      return r;
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`transaction ${hash} not mined`);
}

/** Deploy a fresh token from the node's first dev account. */
export async function deployToken(node: EvmNode, symbol = 'AIR', decimals = 6): Promise<TestToken> {
  const [dev] = await node.rpc<string[]>('eth_accounts');
  const args = ABI.encodeDeploy([`Airlock Test ${symbol}`, symbol, decimals]).slice(2);
  const hash = await node.rpc<string>('eth_sendTransaction', [{ from: dev, data: compileToken() + args, gas: '0x2dc6c0' }]);
  const address = (await mined(node, hash)).contractAddress!;
  return {
    address,
    async mint(to, value) {
      await mined(node, await node.rpc<string>('eth_sendTransaction', [{ from: dev, to: address, data: ABI.encodeFunctionData('mint', [to, value]) }]));
    },
    async balanceOf(who) {
      const r = await node.rpc<string>('eth_call', [{ to: address, data: ABI.encodeFunctionData('balanceOf', [who]) }, 'latest']);
      return BigInt(ABI.decodeFunctionResult('balanceOf', r)[0]);
    },
  };
}
