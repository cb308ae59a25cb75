/** A Bitcoin account (single-sig or multisig): balance, fresh receive address with its QR, history; cached data stays on errors. */
import { useEffect } from 'preact/hooks';
import { formatBtc } from '../../../shared/units';
import { refreshAccount, route, snapshots, status } from '../state/app-state';
import type { BtcWatchAccount } from '../watch/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { QrCode } from '../components/QrCode';
import { Grouped } from '../components/Grouped';
import { appDeps } from './deps';
import { AnimatedQr } from '../../../shared/ui/AnimatedQr';
import { encodeBytesCbor } from '../../../shared/ur/registry';
import { utf8ToBytes } from '../../../shared/bytes';

/** The wallet's descriptor for the stations to register (they then verify change): text and animated ur:bytes. */
function MultisigShare({ descriptor }: { descriptor: string }) {
  return (
    <details class="multisig-share" data-testid="multisig-share">
      <summary>Register on the stations</summary>
      <p>On each station: <em>Scan a QR code</em> → confirm the multisig wallet. It then recognises this wallet's change.</p>
      <pre class="descriptor" data-testid="multisig-descriptor">{descriptor}</pre>
      <AnimatedQr urType="bytes" cbor={encodeBytesCbor(utf8ToBytes(descriptor))} label="Multisig wallet descriptor for the stations" />
    </details>
  );
}

export function BtcAccountScreen({ account }: { account: BtcWatchAccount }) {
  const snap = snapshots.value[account.id];
  const st = status.value[account.id] ?? { state: 'idle' };
  const refresh = () => void refreshAccount(account, appDeps);
  useEffect(refresh, [account.id]);
  const s = snap?.kind === 'btc' ? snap : undefined;
  return (
    <section class="step wide" data-account={account.id}>
      <h2>{account.label}</h2>
      <p class="muted">Watch-only · {account.network} · {account.multisig ? `${account.multisig.threshold}-of-${account.multisig.cosigners} multisig (${account.scriptType})` : `[${account.fingerprint}] ${account.path}`}</p>
      {account.multisig && <MultisigShare descriptor={account.multisig.descriptor} />}
      <div class="balance-box">
        <p class="big" data-testid="balance" data-sats={s ? String(s.confirmedSats + s.pendingSats) : ''}>
          {s ? formatBtc(s.confirmedSats + s.pendingSats) : '—'}
        </p>
        {s && s.pendingSats !== 0n && <p class="muted" data-testid="pending">of which unconfirmed: {formatBtc(s.pendingSats)}</p>}
        {s && <p class="muted">{s.coins.length} coin{s.coins.length === 1 ? '' : 's'} · updated {new Date(s.fetchedAt).toLocaleTimeString()}</p>}
        {st.state === 'loading' && <p role="status">Updating…</p>}
        <button type="button" onClick={refresh} disabled={st.state === 'loading'}>Refresh</button>{' '}
        <button type="button" class="primary" disabled={!s || s.coins.length === 0} onClick={() => (route.value = { name: 'send', id: account.id })}>Send</button>
      </div>
      {st.state === 'error' && <ErrorPanel error={st.error} onRetry={refresh} note={s ? `Showing data from ${new Date(s.fetchedAt).toLocaleString()}.` : undefined} />}
      {s && (
        <div class="receive">
          <h3>Receive</h3>
          <p>Fresh address (#{s.nextReceive.index}):</p>
          <p data-testid="receive-address"><Grouped value={s.nextReceive.address} label="Receive address" /></p>
          <QrCode text={`bitcoin:${s.nextReceive.address}`} label="Receive address QR code" />
        </div>
      )}
      {s && s.history.length > 0 && (
        <div class="history">
          <h3>History</h3>
          <table>
            <thead><tr><th>Transaction</th><th>Amount</th><th>Status</th></tr></thead>
            <tbody>
              {s.history.map((h) => (
                <tr data-txid={h.txid}>
                  <td><code>{h.txid.slice(0, 16)}…</code></td>
                  <td class={h.netSats < 0n ? 'out' : 'in'}>{h.netSats > 0n ? '+' : ''}{formatBtc(h.netSats)}</td>
                  <td>{h.confirmed ? `block ${h.blockHeight ?? '?'}` : 'unconfirmed'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
