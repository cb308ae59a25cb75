import { useEffect, useState } from 'preact/hooks';
import { userMessage } from '../../../../../shared/errors';
import * as keyring from '../../../state/keyring';
import { settings } from '../../../state/session';
import { PrintSheet, printSheet } from '../../../components/PrintSheet';

/**
 * Account sheet: fingerprint, derivation paths and xpubs only — what a watch-only wallet or an
 * heir's instructions need. No secret on it (the sheet says so).
 */
export function AccountSheet({ keyId, label, fingerprint, onDone }: { keyId: string; label: string; fingerprint: string; onDone: () => void }) {
  const [accounts, setAccounts] = useState<keyring.KeyAccounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    keyring.accountsFor(keyId, settings.value.network).then(setAccounts, setError);
  }, [keyId]);
  if (error) return <p class="panel error" role="alert">{userMessage(error)}</p>;
  if (!accounts) return <p class="muted">Deriving accounts…</p>;
  const rows = [...accounts.btc.map((a) => ({ what: `Bitcoin ${a.scriptType} (${accounts.network})`, path: a.path, xpub: a.xpub })), { what: 'Ethereum', path: accounts.eth.path, xpub: accounts.eth.xpub }];
  const table = (
    <table>
      <thead><tr><th>Account</th><th>Path</th><th>Extended public key</th></tr></thead>
      <tbody>{rows.map((r) => <tr key={r.path}><td>{r.what}</td><td class="mono">{r.path}</td><td class="mono">{r.xpub}</td></tr>)}</tbody>
    </table>
  );
  return (
    <section class="step wide">
      <h2>Account sheet of “{label}”</h2>
      <p>Public information only (no recovery words): useful to re-create a watch-only wallet, or for whoever inherits the backup.</p>
      <div class="account-sheet-screen">{table}</div>
      <PrintSheet kind="account" title="Account sheet (public)" label={label} fingerprint={fingerprint} date={Date.now()} paths={rows.map((r) => r.path)} secret={false}>
        {table}
        <p class="sheet-note">Ethereum first address: {accounts.eth.firstAddress}</p>
      </PrintSheet>
      <div class="actions">
        <button type="button" onClick={printSheet}>Print the account sheet</button>
        <button type="button" class="primary" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
