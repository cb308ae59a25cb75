/**
 * Companion settings (public): Esplora base URL per Bitcoin network, JSON-RPC URL per EVM chain, the
 * chain and network in use, the address gap limit. Kept in localStorage (no secret ever goes there).
 * Defaults are public endpoints; regtest and the local EVM chain point at 127.0.0.1.
 */
import { isNetworkName, type NetworkName } from '../../../shared/bitcoin/networks';
import { DEFAULT_GAP_LIMIT } from '../watch/btc-sync';

export interface EvmChain { chainId: number; name: string; rpcUrl: string; symbol: string }

export interface CompanionSettings {
  btcNetwork: NetworkName;
  esplora: Record<NetworkName, string>;
  evmChainId: number;
  evmChains: EvmChain[];
  gapLimit: number;
}

export const DEFAULT_SETTINGS: CompanionSettings = {
  btcNetwork: 'mainnet',
  esplora: {
    mainnet: 'https://blockstream.info/api',
    testnet: 'https://mempool.space/testnet/api',
    signet: 'https://mempool.space/signet/api',
    regtest: 'http://127.0.0.1:3002',
  },
  evmChainId: 1,
  evmChains: [
    { chainId: 1, name: 'Ethereum', rpcUrl: 'https://ethereum-rpc.publicnode.com', symbol: 'ETH' },
    { chainId: 11155111, name: 'Sepolia', rpcUrl: 'https://ethereum-sepolia-rpc.publicnode.com', symbol: 'ETH' },
    { chainId: 31337, name: 'Local (Hardhat)', rpcUrl: 'http://127.0.0.1:8545', symbol: 'ETH' },
  ],
  gapLimit: DEFAULT_GAP_LIMIT,
};

const KEY = 'airlock-companion-settings';

/** Merge stored JSON over the defaults, dropping anything malformed. */
export function parseSettings(json: string | null): CompanionSettings {
  const d = structuredClone(DEFAULT_SETTINGS);
  if (!json) return d;
  try {
    const v = JSON.parse(json) as Partial<CompanionSettings>;
    if (typeof v.btcNetwork === 'string' && isNetworkName(v.btcNetwork)) d.btcNetwork = v.btcNetwork;
    for (const n of Object.keys(d.esplora) as NetworkName[]) if (typeof v.esplora?.[n] === 'string') d.esplora[n] = v.esplora[n];
    if (Array.isArray(v.evmChains)) {
      const ok = v.evmChains.filter((c) => c && Number.isSafeInteger(c.chainId) && c.chainId > 0 && typeof c.rpcUrl === 'string' && typeof c.name === 'string');
      if (ok.length) d.evmChains = ok.map((c) => ({ chainId: c.chainId, name: c.name, rpcUrl: c.rpcUrl, symbol: typeof c.symbol === 'string' ? c.symbol : 'ETH' }));
    }
    if (typeof v.evmChainId === 'number' && d.evmChains.some((c) => c.chainId === v.evmChainId)) d.evmChainId = v.evmChainId;
    if (typeof v.gapLimit === 'number' && Number.isInteger(v.gapLimit) && v.gapLimit >= 1 && v.gapLimit <= 1000) d.gapLimit = v.gapLimit;
  } catch {
    // corrupt settings: defaults
  }
  return d;
}

export function loadSettings(): CompanionSettings {
  try {
    return parseSettings(localStorage.getItem(KEY));
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}

export function saveSettings(s: CompanionSettings): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function currentChain(s: CompanionSettings): EvmChain {
  return s.evmChains.find((c) => c.chainId === s.evmChainId) ?? s.evmChains[0];
}
