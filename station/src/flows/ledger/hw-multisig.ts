/**
 * Multisig wallets on a hardware key (issue 8): the station's registered wallets with the Ledger's
 * place in each and its registration state; reading a pasted/scanned wallet; registering one on the
 * device (fingerprint checked first, user approves on the Ledger) and keeping the returned HMAC in the
 * hardware key entry. A wallet that came from paste/scan is also added to the station's own list
 * (so review can verify multisig change) with a `multisig-registered` audit entry.
 */
import { NETWORKS, type NetworkName } from '../../../../shared/bitcoin/networks';
import { parseMultisigWallet, walletDescriptor, walletSummary, type MultisigWallet } from '../../../../shared/bitcoin/multisig';
import { loadRegisteredWallets, registerWallet } from '../../../../shared/bitcoin/multisig-store';
import { assertDeviceFingerprint, checkBtcApp, type RegisteredPolicy } from '../../../../shared/ledger/btc';
import { ledgerCosignerIndex, ledgerWalletStatuses, registerMultisigOnLedger, type LedgerWalletStatus } from '../../../../shared/ledger/multisig';
import { AppError } from '../../../../shared/errors';
import { recordAudit, withVaultMeta } from '../../state/keyring';
import { ledgerWithPrompt } from './hw-sign';
import { getHardwareKey, saveRegistration, type HardwareKey } from './hw-store';

/** The station's multisig wallets for `network`, with the Ledger's cosigner index and registration. */
export async function ledgerWallets(hk: HardwareKey, network: NetworkName): Promise<LedgerWalletStatus[]> {
  const net = NETWORKS[network];
  const wallets = await withVaultMeta((v) => loadRegisteredWallets(v, net));
  return ledgerWalletStatuses(wallets, { fingerprint: hk.fingerprint, accounts: hk.btc, registered: hk.policies ?? [] }, net);
}

/** A wallet from pasted/scanned text (descriptor, Coldcard/Sparrow file, BSMS). Throws parseMultisigWallet's codes. */
export function walletFromText(text: string, network: NetworkName): MultisigWallet {
  return parseMultisigWallet(text, NETWORKS[network]);
}

/**
 * Register `wallet` on the Ledger of hardware key `keyId`; `onDevice` fires when the device shows it.
 * Stores the HMAC, and the wallet in the station when it was not there. Throws 'multisig/not-cosigner',
 * 'ledger/wrong-device', 'ledger/rejected', device codes.
 */
export async function registerOnLedger(keyId: string, wallet: MultisigWallet, network: NetworkName, onDevice?: () => void): Promise<{ reg: RegisteredPolicy; key: HardwareKey }> {
  const hk = await getHardwareKey(keyId);
  if (!hk) throw new AppError('vault/not-found');
  const net = NETWORKS[network];
  const keys = { fingerprint: hk.fingerprint, accounts: hk.btc };
  if (ledgerCosignerIndex(wallet, keys, net) < 0) throw new AppError('multisig/not-cosigner'); // before asking for the device
  const t = await ledgerWithPrompt();
  await checkBtcApp(t, net);
  await assertDeviceFingerprint(t, net, hk.fingerprint);
  onDevice?.();
  const reg = await registerMultisigOnLedger(t, net, wallet, keys);
  const key = await saveRegistration(keyId, reg);
  const known = (await withVaultMeta((v) => loadRegisteredWallets(v, net))).some((w) => walletDescriptor(w) === reg.descriptor);
  if (!known) {
    await withVaultMeta((v) => registerWallet(v, wallet));
    const s = walletSummary(wallet);
    await recordAudit({ event: 'multisig-registered', details: { name: s.name, policy: s.policy, fingerprints: s.fingerprints } });
  }
  return { reg, key };
}
