/**
 * The station's screens as one table: route name → screen. To add a screen, add ONE entry here
 * (e.g. `'sign-psbt': { title: 'Sign a Bitcoin transaction', render: () => <SignPsbtFlow />,
 * home: { label: 'Sign Bitcoin transaction', description: 'Scan a PSBT from the companion' } }`).
 * `home` puts a button on the home screen; `perKey` puts one on every key card (the screen then
 * receives `route.keyId`). Screens render inside a FlowBoundary and only while unlocked.
 */
import type { JSX } from 'preact';
import type { Route } from './state/session';
import { HomeScreen } from './screens/HomeScreen';
import { OnboardFlow } from './flows/onboard/OnboardFlow';
import { AccountsScreen } from './screens/AccountsScreen';
import { ManageKeyFlow } from './flows/manage-key/ManageKeyFlow';
import { SettingsFlow } from './flows/settings/SettingsFlow';
import { ScanFlow } from './flows/scan/ScanFlow';
import { ExportAccountFlow } from './flows/export-account/ExportAccountFlow';
import { SignPsbtFlow } from './flows/sign-psbt/SignPsbtFlow';
import { SignEthFlow } from './flows/sign-eth/SignEthFlow';
import { RegisterMultisigFlow } from './flows/register-multisig/RegisterMultisigFlow';
import { AuditLogFlow } from './flows/audit/AuditLogFlow';
import { PoliciesFlow } from './flows/policies/PoliciesFlow';
import { InventoryScreen } from './flows/inventory/InventoryScreen';
import { registerScanHandler } from './flows/scan/handlers';
import { LedgerFlow } from './flows/ledger/LedgerFlow';
import { HardwareKeyScreen } from './flows/ledger/HardwareKeyScreen';
import { LedgerRegisterScreen } from './flows/ledger/LedgerRegisterScreen';
import { BackupHub } from './flows/backup/BackupHub';
import { BackupKeyScreen } from './flows/backup/BackupKeyScreen';
import { AboutFlow } from './flows/about/AboutFlow';

export interface RouteDef {
  /** Shown in the document title? No — titles stay constant; this labels the screen for humans and tests. */
  title: string;
  render: (r: Route) => JSX.Element;
  /** A button on the home screen. */
  home?: { label: string; description: string };
  /** A button on each key card; the route gets that key's id. */
  perKey?: { label: string };
}

export const ROUTES: Record<string, RouteDef> = {
  home: { title: 'Home', render: () => <HomeScreen /> },
  'add-key': { title: 'Add a key', render: () => <OnboardFlow />, home: { label: 'Add a key', description: 'Create new recovery words or import existing ones' } },
  accounts: { title: 'Accounts', render: (r) => <AccountsScreen keyId={r.keyId} />, perKey: { label: 'Show accounts' } },
  'manage-key': { title: 'Manage key', render: (r) => <ManageKeyFlow keyId={r.keyId} />, perKey: { label: 'Rename / delete' } },
  scan: { title: 'Scan a QR code', render: () => <ScanFlow />, home: { label: 'Scan a QR code', description: 'A transaction to sign or a multisig wallet, from the camera or a file' } },
  'export-account': { title: 'Export accounts', render: (r) => <ExportAccountFlow keyId={r.keyId} />, perKey: { label: 'Export to wallet (QR)' } },
  'sign-psbt': { title: 'Sign a Bitcoin transaction', render: () => <SignPsbtFlow /> },
  'sign-eth': { title: 'Sign an Ethereum request', render: () => <SignEthFlow /> },
  'register-multisig': { title: 'Register a multisig wallet', render: () => <RegisterMultisigFlow /> },
  audit: { title: 'Audit log', render: () => <AuditLogFlow />, home: { label: 'Audit log', description: 'Every key use, verified; export it to the companion' } },
  policies: { title: 'Spending policies', render: () => <PoliciesFlow />, home: { label: 'Spending policies', description: 'Limits per transaction and per 24 h, allowed destinations' } },
  inventory: { title: 'Key inventory', render: () => <InventoryScreen />, home: { label: 'Key inventory', description: 'Last use, backup checks and rotation dates of every key' } },
  backup: { title: 'Backups', render: () => <BackupHub />, home: { label: 'Backups', description: 'Restore from SLIP-39 shares or a SeedQR; export, restore or verify an encrypted backup file' } },
  'backup-key': { title: 'Back up / verify a key', render: (r) => <BackupKeyScreen keyId={r.keyId} />, perKey: { label: 'Back up / verify' } },
  ledger: { title: 'Add a Ledger', render: () => <LedgerFlow />, home: { label: 'Add a Ledger (hardware key)', description: 'Use a Ledger over USB: the station reviews, the Ledger signs' } },
  'ledger-key': { title: 'Ledger key', render: (r) => <HardwareKeyScreen keyId={r.keyId} /> },
  'ledger-register': { title: 'Register a multisig wallet on the Ledger', render: (r) => <LedgerRegisterScreen keyId={r.keyId} /> },
  settings: { title: 'Settings', render: () => <SettingsFlow />, home: { label: 'Settings', description: 'Auto-lock time, vault passphrase' } },
  about: { title: 'About this station', render: () => <AboutFlow />, home: { label: 'About this station', description: 'Version and build hash; compare with the published release' } },
};

// Scanned items open these screens (flows/scan/handlers.ts).
registerScanHandler('psbt', 'sign-psbt');
registerScanHandler('eth-sign-request', 'sign-eth');
registerScanHandler('multisig', 'register-multisig');

/** The route to render, falling back to home for an unknown name. */
export function resolveRoute(name: string): RouteDef {
  return ROUTES[name] ?? ROUTES.home;
}
