/**
 * Test fixture shared by the companion multisig tests (unit, flow, e2e): three stations on regtest —
 * "abandon … about", "legal winner … yellow" and "zoo … wrong" — their BIP-48 cosigner keys
 * m/48'/1'/0'/2', the 2-of-3 wsh(sortedmulti) "Family vault" they make, each station's cosigner export
 * in a different format, and a foreign address to pay.
 */
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { deriveStandardAccounts } from '../../../shared/keys/accounts';
import { encodeCryptoAccountUr } from '../../../shared/ur/account-export';
import { cosignerKey, exportCosignerJson, exportCosignerText, type MultisigWallet } from '../../../shared/bitcoin/multisig';

export const NET = NETWORKS.regtest;
/** A regtest address outside the wallet. */
export const THEIRS = 'bcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srld6x';
/** The three stations' master keys. */
export const roots = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'legal winner thank year wave sausage worth useful legal winner thank yellow',
  'zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong',
].map((m) => HDKey.fromMasterSeed(mnemonicToSeedSync(m)));
/** 2-of-3 wsh(sortedmulti) of the three stations' cosigner keys. */
export const wallet: MultisigWallet = { name: 'Family vault', threshold: 2, scriptType: 'p2wsh', sorted: true, cosigners: roots.map((r) => cosignerKey(r, NET)) };

/** Each station exports differently: crypto-account UR, Coldcard text, Coldcard JSON. */
export function cosignerExports(): string[] {
  const accts = deriveStandardAccounts(roots[0], NET);
  return [
    encodeCryptoAccountUr(accts[0].fingerprint, accts.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), 'regtest'),
    exportCosignerText(roots[1], NET),
    exportCosignerJson(roots[2], NET),
  ];
}
