/**
 * Export a key's watch-only accounts as QR codes for the online wallet:
 * - Bitcoin: `ur:crypto-account` with the BIP-44/49/84/86 accounts and the BIP-48 cosigner key
 *   (what Sparrow, BlueWallet, Keystone-compatible coordinators import);
 * - Ethereum: `ur:crypto-hdkey` of m/44'/60'/0' (MetaMask "connect QR-based hardware wallet");
 * - the BIP-380 descriptors as text.
 * Only public keys leave the station; the user confirms before anything is shown.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { encodeCryptoAccountCbor, encodeEthHdkeyCbor } from '../../../../shared/ur/account-export';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { accountsFor, recordAudit, type KeyAccounts } from '../../state/keyring';
import { keys, navigate, settings } from '../../state/session';
import { ErrorPanel } from '../../components/ErrorPanel';
import { buildInfoLine } from '../../platform/build-info';

type Tab = 'btc' | 'eth' | 'text';
const TABS: { id: Tab; label: string }[] = [
  { id: 'btc', label: 'Bitcoin (Sparrow, BlueWallet…)' },
  { id: 'eth', label: 'Ethereum (MetaMask)' },
  { id: 'text', label: 'Descriptors (text)' },
];

export function ExportAccountFlow({ keyId }: { keyId?: string }) {
  const key = keys.value.find((k) => k.id === keyId);
  const network = settings.value.network;
  const [confirmed, setConfirmed] = useState(false);
  const [tab, setTab] = useState<Tab>('btc');
  const [data, setData] = useState<KeyAccounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!confirmed || !keyId) return;
    let live = true;
    accountsFor(keyId, network).then((d) => {
      if (live) setData(d);
      void recordAudit({ event: 'account-exported', details: { fingerprint: d.eth.fingerprint, paths: [...d.btc.map((a) => a.path), d.eth.path], format: 'ur' } });
    }, (e) => live && setError(e));
    return () => { live = false; };
  }, [confirmed, keyId, network]);
  const qr = useMemo(() => {
    if (!data) return null;
    try {
      const fp = data.eth.fingerprint;
      return {
        btc: encodeCryptoAccountCbor(fp, data.btc.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), network),
        eth: encodeEthHdkeyCbor(fp, data.eth.xpub, data.eth.path),
      };
    } catch (e) {
      setError(e);
      return null;
    }
  }, [data]);

  if (!key) return <section class="step"><h2>Key not found</h2><button type="button" onClick={() => navigate('home')}>Back to home</button></section>;
  return (
    <section class="step wide export-account">
      <h2>Export watch-only accounts of “{key.label}”</h2>
      {!confirmed ? (
        <>
          <p>
            This shows the <strong>public</strong> keys of this key (fingerprint <span class="fingerprint inline">{key.fingerprint}</span>) as QR
            codes. They cannot spend, but anyone who sees them can follow all your balances and addresses. Show them only to your own online wallet.
          </p>
          <div class="actions">
            <button type="button" onClick={() => setConfirmed(true)}>Show the QR codes</button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Cancel</button>
          </div>
        </>
      ) : (
        <>
          <div class="tabs" role="tablist">
            {TABS.map((t) => (
              <button type="button" role="tab" aria-selected={tab === t.id} class={tab === t.id ? '' : 'secondary'} onClick={() => setTab(t.id)}>{t.label}</button>
            ))}
          </div>
          {error !== null && <ErrorPanel error={error} />}
          {!qr && error === null && <p class="muted">Deriving accounts…</p>}
          {qr && tab === 'btc' && (
            <div data-export="crypto-account">
              <p>In Sparrow: File → New Wallet → Airgapped Hardware Wallet → Scan. Contains BIP-44, 49, 84, 86 and the BIP-48 multisig key ({network}).</p>
              <AnimatedQr urType="crypto-account" cbor={qr.btc} label="Bitcoin account export QR code" />
            </div>
          )}
          {qr && tab === 'eth' && (
            <div data-export="crypto-hdkey">
              <p>In MetaMask: Add account or hardware wallet → QR-based → scan. Account m/44'/60'/0', first address {data!.eth.firstAddress}.</p>
              <AnimatedQr urType="crypto-hdkey" cbor={qr.eth} label="Ethereum account export QR code" />
            </div>
          )}
          {qr && tab === 'text' && (
            <ul class="descriptors" data-export="descriptors">
              {data!.btc.filter((a) => a.descriptor).map((a) => <li key={a.path}><code class="wrap">{a.descriptor}</code></li>)}
            </ul>
          )}
          {qr && tab === 'text' && (
            <p class="muted" data-export="station-build"><code class="wrap">{buildInfoLine()}</code></p>
          )}
          <div class="actions">
            <button type="button" onClick={() => navigate('home')}>Done</button>
          </div>
        </>
      )}
    </section>
  );
}
