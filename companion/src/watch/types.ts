/**
 * Watch-only accounts the companion follows. Public data only: an account xpub with its key origin
 * (master fingerprint + path, which the station needs to recognise its inputs), or an Ethereum
 * address with the path/fingerprint it was exported with. Never a private key.
 */
import type { NetworkName } from '../../../shared/bitcoin/networks';
import type { SingleSigScriptType } from '../../../shared/bitcoin/address';

export interface BtcSingleSigAccount {
  kind: 'btc';
  id: string;
  label: string;
  network: NetworkName;
  scriptType: SingleSigScriptType;
  fingerprint: string;
  path: string;
  xpub: string;
  multisig?: undefined;
}

/**
 * An M-of-N multisig wallet built from the stations' cosigner keys. The descriptor (BIP-383 with
 * checksum) is the truth; fingerprint/path/xpub repeat the FIRST cosigner's, for display and the audit.
 */
export interface BtcMultisigAccount {
  kind: 'btc';
  id: string;
  label: string;
  network: NetworkName;
  scriptType: 'p2wsh' | 'p2sh-p2wsh';
  fingerprint: string;
  path: string;
  xpub: string;
  multisig: { descriptor: string; threshold: number; cosigners: number };
}

export type BtcWatchAccount = BtcSingleSigAccount | BtcMultisigAccount;

export interface EthWatchAccount {
  kind: 'eth';
  id: string;
  label: string;
  address: string;
  /** account xpub (m/44'/60'/0') when paired by crypto-hdkey; absent for a bare address (view only) */
  xpub?: string;
  fingerprint?: string;
  /** full path of `address`, e.g. m/44'/60'/0'/0/0 */
  addressPath?: string;
  /** ERC-20 contracts the user added */
  tokens: string[];
}

export type WatchAccountRecord = BtcWatchAccount | EthWatchAccount;
/** An account before it gets an id and a label. */
type Draft<T> = T extends unknown ? Omit<T, 'id' | 'label'> : never;
export type WatchDraft = Draft<WatchAccountRecord>;
