/**
 * Add a Ledger as a hardware key (issue 8): connect over WebUSB from a click, check the Bitcoin app
 * (≥ 2.1), read the master fingerprint and the standard account xpubs, name it, save the entry (no
 * secret) in the vault. Errors show their message and the station stays usable.
 */
import { useSignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { AppError, errorCode, userMessage } from '../../../../shared/errors';
import { NETWORKS } from '../../../../shared/bitcoin/networks';
import { checkBtcApp, readBtcAccounts } from '../../../../shared/ledger/btc';
import { connectLedger, deviceModelName, webUsbSupport } from '../../platform/ledger-webusb';
import { navigate, settings } from '../../state/session';
import { initialState, transition, type Event, type State } from './machine';
import { putHardwareKey } from './hw-store';
import { UdevHelp } from './UdevHelp';

export function LedgerFlow() {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const [label, setLabel] = useState('My Ledger');
  const network = settings.value.network;
  const support = webUsbSupport();

  const connect = async () => {
    send({ type: 'connect' });
    try {
      const t = await connectLedger();
      const app = await checkBtcApp(t, NETWORKS[network]);
      const { fingerprint, accounts } = await readBtcAccounts(t, NETWORKS[network]);
      send({ type: 'found', device: { fingerprint, model: deviceModelName(t) || 'Ledger', app, btc: accounts } });
    } catch (e) {
      send({ type: 'failed', code: errorCode(e), detail: e instanceof AppError && e.detail ? { ...e.detail } : undefined });
    }
  };
  const save = async () => {
    const s = state.value;
    if (s.step !== 'found') return;
    const d = s.device;
    const id = `hw-${d.fingerprint}-${network}`;
    try {
      await putHardwareKey({ id, kind: 'ledger', label: label.trim() || 'Ledger', fingerprint: d.fingerprint, network, model: d.model, btcApp: d.app, btc: d.btc, policies: [], createdAt: Date.now() });
      send({ type: 'saved', id, label: label.trim() || 'Ledger' });
    } catch (e) {
      send({ type: 'failed', code: errorCode(e) });
    }
  };

  const s = state.value;
  return (
    <section class="step wide" data-step={`ledger-${s.step}`}>
      <h2>Add a Ledger (hardware key)</h2>
      {s.step === 'intro' && (
        <>
          <p>The Ledger keeps the secret; this station keeps only its public keys, reviews every transaction, and keeps the audit log. The Ledger never touches an online computer.</p>
          <ol>
            <li>Plug the Ledger into this offline computer and unlock it with its PIN.</li>
            <li>Open the <strong>{network === 'mainnet' ? 'Bitcoin' : 'Bitcoin Test'}</strong> app (version 2.1 or newer).</li>
            <li>Press Connect and pick the Ledger in the browser’s list.</li>
          </ol>
          {!support.ok && <div class="panel error" role="alert"><strong>The Ledger cannot be used from this page</strong><p>{userMessage(new AppError(support.code))}</p></div>}
          <div class="actions">
            <button type="button" class="primary" disabled={!support.ok} onClick={() => void connect()}>Connect Ledger</button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
          </div>
        </>
      )}
      {s.step === 'connecting' && <p class="panel">Talking to the Ledger… Pick it in the browser’s list, and keep it unlocked with the Bitcoin app open.</p>}
      {s.step === 'found' && (
        <>
          <p>Found a <strong>{s.device.model}</strong> ({s.device.app.name} app {s.device.app.version}) with master fingerprint <span class="fingerprint inline" data-fingerprint>{s.device.fingerprint}</span>.</p>
          <ul class="descriptors">{s.device.btc.map((a) => <li key={a.path}><code>{a.path}</code> <code class="wrap">{a.xpub}</code></li>)}</ul>
          <label>Name for this key <input value={label} onInput={(e) => setLabel(e.currentTarget.value)} maxLength={40} aria-label="Name for this key" /></label>
          <div class="actions">
            <button type="button" class="primary" onClick={() => void save()}>Save hardware key</button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Cancel</button>
          </div>
        </>
      )}
      {s.step === 'saved' && (
        <>
          <p class="panel" role="status">Saved “{s.label}”. No secret was stored: only public keys. Export its accounts to your online wallet from the home screen.</p>
          <div class="actions"><button type="button" class="primary" onClick={() => navigate('home')}>Done</button></div>
        </>
      )}
      {s.step === 'error' && (
        <>
          <div class="panel error" role="alert" data-error-code={s.code}>
            <strong>The Ledger could not be used</strong>
            <p>{userMessage(new AppError(s.code, s.detail))}</p>
            {s.code === 'ledger/usb-permission' && <UdevHelp />}
          </div>
          <div class="actions">
            <button type="button" class="primary" onClick={() => send({ type: 'retry' })}>Try again</button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
          </div>
        </>
      )}
    </section>
  );
}
