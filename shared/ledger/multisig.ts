/**
 * Multisig wallets on a Ledger (issue 8, BIP-388 wallet policies): which of the station's multisig
 * wallets the hardware key is a cosigner of, registering one on the device (the device shows name,
 * M-of-N and every cosigner key; the user approves there; the device answers the policy id and a
 * 32-byte HMAC — SLIP-21 key "LEDGER-Wallet policy" over the id — that only it can make), keeping
 * those registrations in the hardware key entry, and reusing them at signing (btc.ts planSigning).
 * Deliberately does NOT: talk to the transport itself (btc.ts registerPolicy does), store anything
 * (the station's hw-store does), or register single-sig policies (the app's defaults need none).
 */
import { AppError } from '../errors';
import { createKeySource } from '../bitcoin/key-source';
import { walletDescriptor, type MultisigWallet } from '../bitcoin/multisig';
import type { BtcNetwork } from '../bitcoin/networks';
import { multisigPolicy, policyId, registerPolicy, registeredFor, type LedgerTransport, type RegisteredPolicy } from './btc';

/** The public keys a hardware key entry holds (fingerprint + account xpubs, incl. BIP-48). */
export interface LedgerCosignerKeys {
  fingerprint: string;
  accounts: readonly { path: string; xpub: string }[];
}

/** Index of the Ledger's key among the wallet's cosigners (fingerprint AND key compared), or -1. */
export function ledgerCosignerIndex(w: MultisigWallet, keys: LedgerCosignerKeys, network: BtcNetwork): number {
  try {
    return createKeySource({ fingerprint: keys.fingerprint, accounts: keys.accounts }, network).cosignerIndex(w);
  } catch {
    return -1;
  }
}

/** Registration state of one wallet for a hardware key. */
export interface LedgerWalletStatus {
  wallet: MultisigWallet;
  descriptor: string;
  /** the Ledger's cosigner index, -1 when it is not a cosigner */
  ledgerIndex: number;
  registration: RegisteredPolicy | null;
}

/** Every wallet with whether the Ledger is a cosigner and whether it is registered on it. */
export function ledgerWalletStatuses(wallets: readonly MultisigWallet[], keys: LedgerCosignerKeys & { registered: readonly RegisteredPolicy[] }, network: BtcNetwork): LedgerWalletStatus[] {
  return wallets.map((wallet) => ({
    wallet,
    descriptor: walletDescriptor(wallet),
    ledgerIndex: ledgerCosignerIndex(wallet, keys, network),
    registration: registeredFor(wallet, keys.registered) ?? null,
  }));
}

/**
 * Register `wallet` on the device (the user approves on it). Refuses first, without asking the device,
 * a wallet the Ledger's key is not part of. Throws 'multisig/not-cosigner', 'ledger/rejected', device codes.
 */
export async function registerMultisigOnLedger(t: LedgerTransport, network: BtcNetwork, wallet: MultisigWallet, keys: LedgerCosignerKeys): Promise<RegisteredPolicy> {
  if (ledgerCosignerIndex(wallet, keys, network) < 0) throw new AppError('multisig/not-cosigner');
  return await registerPolicy(t, network, multisigPolicy(wallet), walletDescriptor(wallet));
}

/** The registrations list with `reg` added (replacing any earlier registration of the same wallet or id). */
export function withRegistration(list: readonly RegisteredPolicy[], reg: RegisteredPolicy): RegisteredPolicy[] {
  if (policyId(reg) !== reg.walletId) throw new AppError('internal');
  return [...list.filter((r) => r.descriptor !== reg.descriptor && r.walletId !== reg.walletId), reg];
}

/** The registrations list without `descriptor`'s (after the device refused its HMAC). */
export function withoutRegistration(list: readonly RegisteredPolicy[], descriptor: string): RegisteredPolicy[] {
  return list.filter((r) => r.descriptor !== descriptor);
}
