/**
 * Standard accounts of a key: BTC BIP-44 (p2pkh), BIP-49 (p2sh-p2wpkh), BIP-84 (p2wpkh),
 * BIP-86 (p2tr) with descriptors and first receive address, the BIP-48 multisig cosigner key
 * m/48'/coin'/N'/2' (P2WSH), and the Ethereum account m/44'/60'/0' (EIP-55 address of …/0/0).
 *
 * xpubs are encoded with the network's BIP-32 versions (tpub on test networks), as wallets show them.
 * Deliberately does NOT use SLIP-132 ypub/zpub (descriptors carry the script type instead) and
 * returns no private material: child keys are wiped after use.
 */
import { addr } from 'micro-eth-signer';
import type { HDKey } from '@scure/bip32';
import { NETWORKS, type BtcNetwork } from '../bitcoin/networks';
import { singleSigAddress, type SingleSigScriptType } from '../bitcoin/address';
import { singleSigDescriptor } from '../bitcoin/descriptor';
import { derivePath, formatFingerprint, xpubFor } from './hd';
import { accountPath, type ScriptType } from './paths';

export interface AccountXpub {
  /** master fingerprint, 8 lower-hex */
  fingerprint: string;
  /** account path, e.g. m/84'/0'/0' */
  path: string;
  xpub: string;
  scriptType: ScriptType;
  /** BIP-380 descriptor with checksum; null for the BIP-48 cosigner key (no standalone descriptor) */
  descriptor: string | null;
  /** address of …/0/0; null for the BIP-48 cosigner key */
  firstReceiveAddress: string | null;
}

export interface EthAccount {
  fingerprint: string;
  path: "m/44'/60'/0'";
  /** xpub of m/44'/60'/0' (mainnet versions, as MetaMask/Keystone expect) */
  xpub: string;
  /** EIP-55 checksummed address of m/44'/60'/0'/0/0 */
  firstAddress: string;
}

/** Order used everywhere (CLI json/descriptor, UI): BIP-44, 49, 84, 86, then BIP-48. */
export const STANDARD_SCRIPT_TYPES: readonly ScriptType[] = ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr', 'p2wsh-multi'];

/** Derive one account (wipes the derived private keys). Throws 'keys/bad-path'. */
export function deriveAccount(root: HDKey, network: BtcNetwork, scriptType: ScriptType, account = 0): AccountXpub {
  const fingerprint = formatFingerprint(root.fingerprint);
  const path = accountPath(scriptType, network.coinType, account);
  const acct = derivePath(root, path);
  try {
    const xpub = xpubFor(acct, network);
    if (scriptType === 'p2wsh-multi') return { fingerprint, path, xpub, scriptType, descriptor: null, firstReceiveAddress: null };
    const t = scriptType as SingleSigScriptType;
    const first = acct.deriveChild(0).deriveChild(0);
    const firstReceiveAddress = singleSigAddress(t, first.publicKey!, network);
    first.wipePrivateData();
    return { fingerprint, path, xpub, scriptType, descriptor: singleSigDescriptor(t, fingerprint, path, xpub), firstReceiveAddress };
  } finally {
    acct.wipePrivateData();
  }
}

/** The five standard BTC accounts (BIP-44/49/84/86 + BIP-48 P2WSH cosigner) for `account`. */
export function deriveStandardAccounts(root: HDKey, network: BtcNetwork, account = 0): AccountXpub[] {
  return STANDARD_SCRIPT_TYPES.map((t) => deriveAccount(root, network, t, account));
}

/** Ethereum account m/44'/60'/0' and the EIP-55 address of m/44'/60'/0'/0/0. */
export function deriveEthAccount(root: HDKey): EthAccount {
  const path = "m/44'/60'/0'" as const;
  const acct = derivePath(root, path);
  try {
    const first = acct.deriveChild(0).deriveChild(0);
    const firstAddress = addr.fromPublicKey(first.publicKey!);
    first.wipePrivateData();
    const xpub = xpubFor(acct, NETWORKS.mainnet);
    return { fingerprint: formatFingerprint(root.fingerprint), path, xpub, firstAddress };
  } finally {
    acct.wipePrivateData();
  }
}
