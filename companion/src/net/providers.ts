/**
 * The real backends for the current settings (window.fetch). Screens get them from here and pass
 * them into flows; nothing outside net/ touches fetch.
 */
import type { NetworkName } from '../../../shared/bitcoin/networks';
import { createEsploraClient } from './esplora';
import { createEvmClient } from './evm';
import type { BitcoinBackend, EvmBackend } from './types';

export function bitcoinBackend(esploraUrls: Record<NetworkName, string>, network: NetworkName): BitcoinBackend {
  return createEsploraClient(esploraUrls[network]);
}

export function evmBackend(rpcUrl: string): EvmBackend {
  return createEvmClient(rpcUrl);
}
