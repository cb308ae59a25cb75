/**
 * Pairing: scan the station's account export (crypto-account / crypto-hdkey / crypto-output) or paste
 * a descriptor / key with origin. Shows what will be watched, then adds it. Secrets are refused.
 */
import { useState } from 'preact/hooks';
import { QrScanner } from '../../../shared/ui/QrScanner';
import { NETWORK_NAMES, type NetworkName } from '../../../shared/bitcoin/networks';
import { AppError } from '../../../shared/errors';
import { addAccounts, route, settings, updateSettings } from '../state/app-state';
import { draftsFromPayload, draftsFromText, defaultLabel } from '../watch/import';
import type { WatchDraft } from '../watch/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { SecretGuardInput } from '../components/SecretGuardInput';
import type { ScanResult } from '../../../shared/ui/QrScanner';

const ACCEPT = { urTypes: ['crypto-account', 'crypto-hdkey', 'crypto-output', 'account-descriptor', 'hdkey', 'output-descriptor'] as const, text: true, expected: 'an account export from the station (crypto-account, crypto-hdkey or crypto-output)' };

export function PairScreen() {
  const network = settings.value.btcNetwork;
  const [drafts, setDrafts] = useState<WatchDraft[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [scanKey, setScanKey] = useState(0);

  const take = (fn: () => WatchDraft[]) => {
    try {
      setDrafts(fn());
      setError(null);
    } catch (e) {
      setDrafts(null);
      setError(e);
    }
  };
  const onScan = (r: ScanResult) => {
    const p = r.payload;
    if (p.kind === 'bbqr') return setError(new AppError('ur/unsupported-type', { got: 'BBQr', expected: ACCEPT.expected }));
    // read the network now: the scanner keeps the callback of its first render
    take(() => draftsFromPayload(p as Parameters<typeof draftsFromPayload>[0], settings.value.btcNetwork));
  };
  const add = async () => {
    if (!drafts) return;
    const ids = await addAccounts(drafts);
    route.value = ids.length === 1 ? { name: 'account', id: ids[0] } : { name: 'home' };
  };

  return (
    <section class="step wide">
      <h2>Pair with the station</h2>
      <label class="inline" for="pair-network">Bitcoin network
        <select id="pair-network" value={network} onChange={(e) => updateSettings({ btcNetwork: e.currentTarget.value as NetworkName })}>
          {NETWORK_NAMES.map((n) => <option value={n}>{n}</option>)}
        </select>
      </label>
      {drafts ? (
        <div class="pair-preview" data-testid="pair-preview">
          <h3>{drafts.length === 1 ? 'This account will be watched' : `These ${drafts.length} accounts will be watched`}</h3>
          <ul>
            {drafts.map((d) => (
              <li data-kind={d.kind}>
                <strong>{defaultLabel(d)}</strong>{' '}
                {d.kind === 'btc' ? <span class="muted">[{d.fingerprint}] {d.path}</span> : <span class="muted">{d.address}{d.addressPath ? ` (${d.addressPath})` : ' (view only)'}</span>}
              </li>
            ))}
          </ul>
          <button type="button" class="primary" onClick={() => void add()}>Add to the companion</button>{' '}
          <button type="button" onClick={() => { setDrafts(null); setScanKey(scanKey + 1); }}>Scan again</button>
        </div>
      ) : (
        <>
          <p>On the station: <em>Export to wallet (QR)</em> → <em>Show the QR codes</em>, then hold it in front of this camera.</p>
          <QrScanner key={scanKey} accept={ACCEPT as never} maxBytes={64 * 1024} onComplete={onScan} />
          <details class="paste-import">
            <summary>Or paste a descriptor or key</summary>
            <SecretGuardInput id="pair-text" label="Output descriptor, [fingerprint/path]xpub or UR text" value={text} onValue={setText} multiline placeholder="wpkh([73c5da0a/84h/0h/0h]xpub…/<0;1>/*)#…" />
            <button type="button" onClick={() => take(() => draftsFromText(text, network))} disabled={!text.trim()}>Read it</button>
          </details>
          <p><button type="button" class="link" onClick={() => (route.value = { name: 'multisig' })}>Create a multisig wallet from several stations' cosigner keys</button></p>
        </>
      )}
      {error !== null && (
        <ErrorPanel error={error} note={error instanceof AppError && error.detail?.hint === 'origin' ? 'A bare xpub has no key origin. Paste the descriptor with [fingerprint/path] from the station instead.' : undefined} />
      )}
    </section>
  );
}
