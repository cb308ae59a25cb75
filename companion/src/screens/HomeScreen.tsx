/** Accounts list: balance from the last snapshot, open, rename, remove. */
import { useState } from 'preact/hooks';
import { formatBtc, formatEth } from '../../../shared/units';
import { accounts, removeAccount, renameAccount, route, snapshots } from '../state/app-state';
import type { WatchAccountRecord } from '../watch/types';

function balanceText(a: WatchAccountRecord): string {
  const s = snapshots.value[a.id];
  if (!s) return 'not fetched yet';
  return s.kind === 'btc' ? formatBtc(s.confirmedSats + s.pendingSats) : formatEth(s.balanceWei);
}

function Row({ a }: { a: WatchAccountRecord }) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(a.label);
  const [confirm, setConfirm] = useState(false);
  return (
    <li class="account-row" data-account-id={a.id}>
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); void renameAccount(a.id, label).then(() => setEditing(false)); }}>
          <label for={`rename-${a.id}`}>New name</label>
          <input id={`rename-${a.id}`} type="text" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
          <button type="submit">Save name</button>
        </form>
      ) : (
        <button type="button" class="link" onClick={() => (route.value = { name: 'account', id: a.id })}>
          <strong>{a.label}</strong> <span class="muted">{a.kind === 'btc' ? `${a.multisig ? `${a.multisig.threshold}-of-${a.multisig.cosigners} multisig` : a.path} · ${a.network}` : a.address}</span>
        </button>
      )}
      <span class="balance" data-testid="row-balance">{balanceText(a)}</span>
      <span class="row-actions">
        {!editing && <button type="button" onClick={() => setEditing(true)}>Rename</button>}
        {confirm
          ? <><button type="button" class="danger" onClick={() => void removeAccount(a.id)}>Yes, remove</button><button type="button" onClick={() => setConfirm(false)}>Keep</button></>
          : <button type="button" onClick={() => setConfirm(true)}>Remove</button>}
      </span>
    </li>
  );
}

export function HomeScreen() {
  const list = accounts.value;
  return (
    <section class="step wide">
      <h2>Watch-only accounts</h2>
      {list.length === 0 ? (
        <div class="empty">
          <p>No account yet. On the station, open <em>Export to wallet (QR)</em>, then scan it here.</p>
          <button type="button" class="primary" onClick={() => (route.value = { name: 'pair' })}>Pair with the station</button>
        </div>
      ) : (
        <>
          <ul class="accounts">{list.map((a) => <Row a={a} key={a.id} />)}</ul>
          <button type="button" onClick={() => (route.value = { name: 'pair' })}>Pair another account</button>
        </>
      )}
      <p class="muted">This app holds no private key. It watches the blockchain and carries transactions to the station and back by QR code.</p>
    </section>
  );
}
