/**
 * One hardware key: its public accounts, the watch-only export QR codes (same URs as a seed key:
 * crypto-account for Bitcoin, crypto-hdkey for MetaMask), reading the Ethereum account from the
 * Ethereum app, and removing the entry (the Ledger itself is untouched).
 */
import { useMemo, useState } from 'preact/hooks';
import { AppError, errorCode } from '../../../../shared/errors';
import { encodeCryptoAccountCbor, encodeEthHdkeyCbor } from '../../../../shared/ur/account-export';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { checkEthApp, readEthAccount } from '../../../../shared/ledger/eth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { connectLedger } from '../../platform/ledger-webusb';
import { navigate } from '../../state/session';
import { hardwareKeys, putHardwareKey, removeHardwareKey } from './hw-store';

export function HardwareKeyScreen({ keyId }: { keyId?: string }) {
  const key = hardwareKeys.value.find((k) => k.id === keyId);
  const [tab, setTab] = useState<'btc' | 'eth' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const qr = useMemo(() => {
    if (!key) return null;
    return {
      btc: encodeCryptoAccountCbor(key.fingerprint, key.btc.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), key.network),
      eth: key.eth ? encodeEthHdkeyCbor(key.fingerprint, key.eth.xpub, key.eth.path, 'Airlock Ledger') : null,
    };
  }, [key]);
  if (!key) return <section class="step"><h2>Key not found</h2><button type="button" onClick={() => navigate('home')}>Back to home</button></section>;

  const readEth = async () => {
    setBusy(true);
    setError(null);
    try {
      const t = await connectLedger();
      const app = await checkEthApp(t);
      const acct = await readEthAccount(t, key.fingerprint);
      await putHardwareKey({ ...key, eth: { ...acct, appVersion: app.version } });
    } catch (e) {
      setError(e instanceof AppError ? e : new AppError(errorCode(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="step wide export-account" data-step="ledger-key">
      <h2>Ledger key “{key.label}”</h2>
      <p>Master fingerprint <span class="fingerprint inline">{key.fingerprint}</span> · {key.model} · {key.btcApp.name} app {key.btcApp.version} · {key.network}. Public keys only: the secret stays on the Ledger.</p>
      <ul class="descriptors">{key.btc.map((a) => <li key={a.path}><code>{a.path}</code> {a.firstReceiveAddress && <>first address <code>{a.firstReceiveAddress}</code></>}</li>)}</ul>
      {key.eth ? <p>Ethereum account {key.eth.path}: first address <code>{key.eth.firstAddress}</code></p> : <p class="muted">No Ethereum account yet: open the Ethereum app on the Ledger and read it.</p>}
      <h3>Multisig wallets registered on this Ledger</h3>
      {(key.policies ?? []).length
        ? <ul class="descriptors" aria-label="Registered multisig wallets">{key.policies.map((p) => <li key={p.walletId} data-registered-wallet={p.name}><strong>{p.name}</strong> <code>{p.descriptorTemplate}</code> <span class="muted">registration {p.hmac.slice(0, 8)}…</span></li>)}</ul>
        : <p class="muted">None yet. A multisig wallet must be approved on the Ledger once before the Ledger signs for it.</p>}
      {error !== null && <ErrorPanel error={error} />}
      <div class="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'btc'} class={tab === 'btc' ? '' : 'secondary'} onClick={() => setTab('btc')}>Bitcoin export QR</button>
        {key.eth && <button type="button" role="tab" aria-selected={tab === 'eth'} class={tab === 'eth' ? '' : 'secondary'} onClick={() => setTab('eth')}>Ethereum export QR (MetaMask)</button>}
      </div>
      {tab === 'btc' && qr && <AnimatedQr urType="crypto-account" cbor={qr.btc} label="Bitcoin account export QR code" />}
      {tab === 'eth' && qr?.eth && <AnimatedQr urType="crypto-hdkey" cbor={qr.eth} label="Ethereum account export QR code" />}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void readEth()}>{busy ? 'Reading…' : key.eth ? 'Read Ethereum account again' : 'Read Ethereum account'}</button>
        <button type="button" onClick={() => navigate('ledger-register', key.id)}>Register a multisig wallet</button>
        <button type="button" class="secondary" onClick={() => void removeHardwareKey(key.id).then(() => navigate('home'))}>Remove from this station</button>
        <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
      </div>
    </section>
  );
}
