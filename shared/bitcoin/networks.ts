/**
 * Bitcoin networks: address prefixes (bech32 HRP, base58 versions), BIP-32 extended-key versions and
 * the BIP-44 coin type. testnet, signet and regtest share tpub/tprv and coin type 1'; regtest uses
 * the `bcrt` HRP (CLI.md "Secrets in"). Values from Bitcoin Core chainparams.
 */
export type NetworkName = 'mainnet' | 'testnet' | 'signet' | 'regtest';

export interface BtcNetwork {
  name: NetworkName;
  /** BIP-44 coin type (unhardened number): 0 mainnet, 1 test networks. */
  coinType: 0 | 1;
  /** @scure/btc-signer network object */
  bech32: string;
  pubKeyHash: number;
  scriptHash: number;
  wif: number;
  /** BIP-32 versions for xpub/xprv (mainnet) or tpub/tprv (test networks). */
  bip32: { public: number; private: number };
}

const MAIN = { pubKeyHash: 0x00, scriptHash: 0x05, wif: 0x80, bip32: { public: 0x0488b21e, private: 0x0488ade4 } };
const TEST = { pubKeyHash: 0x6f, scriptHash: 0xc4, wif: 0xef, bip32: { public: 0x043587cf, private: 0x04358394 } };

export const NETWORKS: Record<NetworkName, BtcNetwork> = {
  mainnet: { name: 'mainnet', coinType: 0, bech32: 'bc', ...MAIN },
  testnet: { name: 'testnet', coinType: 1, bech32: 'tb', ...TEST },
  signet: { name: 'signet', coinType: 1, bech32: 'tb', ...TEST },
  regtest: { name: 'regtest', coinType: 1, bech32: 'bcrt', ...TEST },
};

export const NETWORK_NAMES = Object.keys(NETWORKS) as NetworkName[];

/** Type guard for user-supplied network names. */
export function isNetworkName(s: string): s is NetworkName {
  return (NETWORK_NAMES as string[]).includes(s);
}
