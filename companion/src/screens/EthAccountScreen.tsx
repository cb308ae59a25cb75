/** An Ethereum account: balance, nonce, tokens (add by contract address), address QR, Send. */
import { useEffect, useState } from 'preact/hooks';
import { formatEth, formatUnits } from '../../../shared/units';
import { AppError } from '../../../shared/errors';
import { checkEthAddress } from '../../../shared/ethereum/build-tx';
import { addToken, refreshAccount, route, settings, snapshots, status } from '../state/app-state';
import { currentChain } from '../state/settings';
import type { EthWatchAccount } from '../watch/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { QrCode } from '../components/QrCode';
import { Grouped } from '../components/Grouped';
import { SecretGuardInput } from '../components/SecretGuardInput';
import { appDeps } from './deps';

export function EthAccountScreen({ account }: { account: EthWatchAccount }) {
  const snap = snapshots.value[account.id];
  const st = status.value[account.id] ?? { state: 'idle' };
  const chain = currentChain(settings.value);
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<unknown>(null);
  const refresh = () => void refreshAccount(account, appDeps);
  useEffect(refresh, [account.id, chain.chainId, account.tokens.length]);
  const s = snap?.kind === 'eth' ? snap : undefined;
  const onAddToken = async () => {
    try {
      await addToken(account.id, checkEthAddress(token));
      setToken('');
      setTokenError(null);
    } catch (e) {
      setTokenError(e instanceof AppError ? e : new AppError('wallet/bad-address', { network: 'Ethereum' }));
    }
  };
  return (
    <section class="step wide" data-account={account.id}>
      <h2>{account.label}</h2>
      <p class="muted">Watch-only · {chain.name} (chain {chain.chainId}){account.addressPath ? ` · [${account.fingerprint}] ${account.addressPath}` : ' · view only'}</p>
      <p data-testid="eth-address"><Grouped value={account.address} label="Address" /></p>
      <div class="balance-box">
        <p class="big" data-testid="balance" data-wei={s ? String(s.balanceWei) : ''}>{s ? `${formatEth(s.balanceWei)}` : '—'}</p>
        {s && <p class="muted">Next nonce {String(s.nonce)} · updated {new Date(s.fetchedAt).toLocaleTimeString()}</p>}
        {st.state === 'loading' && <p role="status">Updating…</p>}
        <button type="button" onClick={refresh} disabled={st.state === 'loading'}>Refresh</button>{' '}
        <button type="button" class="primary" disabled={!s || !account.addressPath} onClick={() => (route.value = { name: 'send', id: account.id })}>Send</button>
      </div>
      {st.state === 'error' && <ErrorPanel error={st.error} onRetry={refresh} note={s ? `Showing data from ${new Date(s.fetchedAt).toLocaleString()}.` : undefined} />}
      {s && s.tokens.length > 0 && (
        <ul class="tokens">{s.tokens.map((t) => <li data-token={t.address}><strong>{formatUnits(t.balance, t.decimals)} {t.symbol}</strong> <span class="muted">{t.address}</span></li>)}</ul>
      )}
      <details>
        <summary>Add an ERC-20 token</summary>
        <SecretGuardInput id="token-address" label="Token contract address" value={token} onValue={setToken} placeholder="0x…" />
        <button type="button" onClick={() => void onAddToken()} disabled={!token.trim()}>Add token</button>
        {tokenError !== null && <ErrorPanel error={tokenError} />}
      </details>
      <div class="receive">
        <h3>Receive</h3>
        <QrCode text={account.address} label="Address QR code" />
      </div>
    </section>
  );
}
