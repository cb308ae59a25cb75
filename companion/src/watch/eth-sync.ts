/**
 * Ethereum account data over an injected EvmBackend: balance, pending nonce, and each added ERC-20
 * token's symbol/decimals/balance (eth_call). A token that fails to answer is skipped, not fatal.
 */
import { AppError } from '../../../shared/errors';
import { tokenInfo } from '../flows/build-eth-tx/prepare';
import type { EvmBackend } from '../net/types';
import type { EthWatchAccount } from './types';

export interface EthSnapshot {
  kind: 'eth';
  accountId: string;
  chainId: number;
  fetchedAt: number;
  balanceWei: bigint;
  nonce: bigint;
  tokens: { address: string; symbol: string; decimals: number; balance: bigint }[];
}

export async function syncEthAccount(a: EthWatchAccount, evm: EvmBackend, now: number): Promise<EthSnapshot> {
  const [chainId, balanceWei, nonce] = await Promise.all([evm.chainId(), evm.balance(a.address), evm.nonce(a.address)]);
  const tokens: EthSnapshot['tokens'] = [];
  for (const t of a.tokens) {
    try {
      tokens.push(await tokenInfo(evm, t, a.address));
    } catch (e) {
      if (e instanceof AppError && e.code === 'net/unreachable') throw e;
    }
  }
  return { kind: 'eth', accountId: a.id, chainId: Number(chainId), fetchedAt: now, balanceWei, nonce, tokens };
}
