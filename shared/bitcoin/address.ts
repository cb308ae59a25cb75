/**
 * Single-key Bitcoin output scripts and addresses from a public key, per network:
 * P2PKH (BIP-44), P2SH-P2WPKH (BIP-49), P2WPKH (BIP-84, BIP-173 bech32) and P2TR key-path
 * (BIP-86: output key = internal key tweaked with an empty script tree, BIP-341; bech32m BIP-350).
 *
 * Built on @scure/btc-signer payments; regtest uses the `bcrt` HRP (networks.ts).
 * Deliberately does NOT build multisig or script-path outputs (multisig.ts), nor parse addresses.
 */
import { p2pkh, p2sh, p2tr, p2wpkh } from '@scure/btc-signer';
import { AppError } from '../errors';
import type { BtcNetwork } from './networks';

export type SingleSigScriptType = 'p2pkh' | 'p2sh-p2wpkh' | 'p2wpkh' | 'p2tr';

export interface SingleSigOutput {
  type: SingleSigScriptType;
  address: string;
  /** scriptPubKey bytes */
  script: Uint8Array;
}

function btcNet(n: BtcNetwork) {
  return { bech32: n.bech32, pubKeyHash: n.pubKeyHash, scriptHash: n.scriptHash, wif: n.wif };
}

/**
 * Output (address + scriptPubKey) for a 33-byte compressed public key. For p2tr the x-only
 * internal key is taken from it and BIP-86 tweaked (no script tree). Throws 'keys/bad-xkey' for a bad key.
 */
export function singleSigOutput(type: SingleSigScriptType, publicKey: Uint8Array, network: BtcNetwork): SingleSigOutput {
  if (publicKey.length !== 33) throw new AppError('keys/bad-xkey', { expected: 'compressed public key' });
  const net = btcNet(network);
  try {
    let p: { address?: string; script: Uint8Array };
    switch (type) {
      case 'p2pkh':
        p = p2pkh(publicKey, net);
        break;
      case 'p2sh-p2wpkh':
        p = p2sh(p2wpkh(publicKey, net), net);
        break;
      case 'p2wpkh':
        p = p2wpkh(publicKey, net);
        break;
      case 'p2tr':
        // BIP-86: internal key = x-only pubkey; btc-signer applies the BIP-341 tweak with an empty tree.
        p = p2tr(publicKey.subarray(1), undefined, net);
        break;
    }
    if (!p.address) throw new Error('no address');
    return { type, address: p.address, script: p.script };
  } catch (e) {
    throw new AppError('keys/bad-xkey', undefined, { cause: e });
  }
}

/** Address of a single-key output (see singleSigOutput). */
export function singleSigAddress(type: SingleSigScriptType, publicKey: Uint8Array, network: BtcNetwork): string {
  return singleSigOutput(type, publicKey, network).address;
}
