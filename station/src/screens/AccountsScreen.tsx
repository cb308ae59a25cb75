import { useEffect, useState } from 'preact/hooks';
import { NETWORK_NAMES, type NetworkName } from '../../../shared/bitcoin/networks';
import type { ScriptType } from '../../../shared/keys/paths';
import { accountsFor, type KeyAccounts } from '../state/keyring';
import { keys, navigate, settings, updateSettings } from '../state/session';
import { ErrorPanel } from '../components/ErrorPanel';
import { Grouped } from '../components/Grouped';

const TITLES: Record<ScriptType, { name: string; bip: string; note: string }> = {
  p2wpkh: { name: 'Native SegWit', bip: 'BIP-84', note: 'The usual choice today. Some wallets show this key as a zpub (vpub on test networks): same key, other prefix.' },
  p2tr: { name: 'Taproot', bip: 'BIP-86', note: 'Single-key Taproot addresses.' },
  'p2sh-p2wpkh': { name: 'Nested SegWit', bip: 'BIP-49', note: 'For older wallets. Some show this key as a ypub (upub on test networks).' },
  p2pkh: { name: 'Legacy', bip: 'BIP-44', note: 'The oldest address type; higher fees.' },
  'p2wsh-multi': { name: 'Multisig cosigner key', bip: 'BIP-48', note: 'Give this key to a multisig coordinator (P2WSH).' },
};
const ORDER: ScriptType[] = ['p2wpkh', 'p2tr', 'p2sh-p2wpkh', 'p2pkh', 'p2wsh-multi'];
const NET_LABEL: Record<NetworkName, string> = { mainnet: 'Bitcoin mainnet', testnet: 'Testnet', signet: 'Signet', regtest: 'Regtest' };

/** Public accounts of one key: xpubs and first receive addresses, to compare with another wallet. */
export function AccountsScreen({ keyId }: { keyId?: string }) {
  const key = keys.value.find((k) => k.id === keyId);
  const network = settings.value.network;
  const [data, setData] = useState<KeyAccounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!keyId || !key || key.status !== 'ok') return;
    let live = true;
    setData(null);
    setError(null);
    accountsFor(keyId, network).then((d) => live && setData(d), (e) => live && setError(e));
    return () => { live = false; };
  }, [keyId, network, key?.status]);

  if (!key) return <section class="step"><h2>Key not found</h2><button type="button" onClick={() => navigate('home')}>Back to home</button></section>;
  const byType = new Map(data?.btc.map((a) => [a.scriptType, a]));
  return (
    <section class="step wide">
      <h2>Accounts of “{key.label}”</h2>
      <p>Master fingerprint <span class="fingerprint inline">{key.fingerprint}</span>. Compare these with the wallet you use them in: the same words give the same values.</p>
      <label class="inline">
        Network{' '}
        <select value={network} onChange={(e) => updateSettings({ network: e.currentTarget.value as NetworkName })} aria-label="Network">
          {NETWORK_NAMES.map((n) => <option key={n} value={n}>{NET_LABEL[n]}</option>)}
        </select>
      </label>
      {error !== null && <ErrorPanel error={error} />}
      {!data && error === null && <p class="muted">Deriving accounts…</p>}
      {data && (
        <div class="accounts" data-testid="accounts">
          {ORDER.map((t) => {
            const a = byType.get(t);
            if (!a) return null;
            return (
              <article class="account" key={t} data-script={t}>
                <h3>Bitcoin — {TITLES[t].name} <span class="muted">({TITLES[t].bip}, {a.path})</span></h3>
                <p class="muted">{TITLES[t].note}</p>
                <p class="field-label">Extended public key ({a.xpub.slice(0, 4)})</p>
                <Grouped value={a.xpub} label={`${TITLES[t].bip} xpub`} />
                {a.firstReceiveAddress && (
                  <>
                    <p class="field-label">First receive address ({a.path}/0/0)</p>
                    <Grouped value={a.firstReceiveAddress} label={`${TITLES[t].bip} first address`} />
                  </>
                )}
                {a.descriptor && <details><summary>Output descriptor</summary><code class="wrap">{a.descriptor}</code></details>}
              </article>
            );
          })}
          <article class="account" data-script="eth">
            <h3>Ethereum <span class="muted">({data.eth.path}, same on every network)</span></h3>
            <p class="field-label">First address ({data.eth.path}/0/0)</p>
            <Grouped value={data.eth.firstAddress} label="Ethereum first address" />
            <p class="field-label">Extended public key</p>
            <Grouped value={data.eth.xpub} label="Ethereum xpub" />
          </article>
        </div>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
      </div>
    </section>
  );
}
