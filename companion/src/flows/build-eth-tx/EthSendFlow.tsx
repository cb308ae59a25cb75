/**
 * Ethereum send (ETH or an added ERC-20): form → review (max fee) → animated ur:eth-sign-request →
 * scan ur:eth-signature (request id and signer checked) → broadcast → receipt polling until mined.
 * The request is persisted (pending send) so a reload or a new browser can pick up at "scan".
 */
import { useEffect, useState } from 'preact/hooks';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { QrScanner, type ScanResult } from '../../../../shared/ui/QrScanner';
import { AppError } from '../../../../shared/errors';
import { formatEth, formatGwei, formatUnits, parseUnits } from '../../../../shared/units';
import type { AssembledTx } from '../../../../shared/ethereum/build-tx';
import { clearPending, loadPending, refreshAccount, route, savePending, snapshots, type PendingSend } from '../../state/app-state';
import type { EthWatchAccount } from '../../watch/types';
import type { EvmReceipt } from '../../net/types';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Grouped } from '../../components/Grouped';
import { SecretGuardInput } from '../../components/SecretGuardInput';
import { appDeps } from '../../screens/deps';
import { prepareEthSend } from './prepare';
import { acceptEthSignature } from '../scan-signed/signed';
import { broadcastEth, waitForReceipt } from '../broadcast/broadcast';

type EthPending = Extract<PendingSend, { kind: 'eth' }>;
type Step =
  | { step: 'loading' }
  | { step: 'form' }
  | { step: 'review'; p: EthPending }
  | { step: 'show'; p: EthPending }
  | { step: 'scan'; p: EthPending }
  | { step: 'final'; p: EthPending; tx: AssembledTx }
  | { step: 'sent'; hash: string; receipt: EvmReceipt | null };

function Summary({ p }: { p: EthPending }) {
  return (
    <dl class="eth-summary">
      {Object.entries(p.summary).map(([k, v]) => <><dt>{k}</dt><dd data-field={k}>{v}</dd></>)}
    </dl>
  );
}

export function EthSendFlow({ account }: { account: EthWatchAccount }) {
  const [s, setS] = useState<Step>({ step: 'loading' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // a fresh scanner after a refused answer, so the user can scan the right one
  const [scanKey, setScanKey] = useState(0);
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [asset, setAsset] = useState('ETH');
  const snap = snapshots.value[account.id];
  const tokens = snap?.kind === 'eth' ? snap.tokens : [];

  useEffect(() => {
    void loadPending(account.id).then((p) => setS(p && p.kind === 'eth' ? { step: 'scan', p } : { step: 'form' }));
  }, [account.id]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const review = () => run(async () => {
    const token = tokens.find((t) => t.address === asset);
    let units: bigint;
    try {
      units = parseUnits(amount, token ? token.decimals : 18);
    } catch {
      throw new AppError('input/bad-encoding', { expected: 'an amount, e.g. 0.25' });
    }
    const prep = await prepareEthSend(account, appDeps.evm(), { to, amount: units, token: token ? { address: token.address, decimals: token.decimals, symbol: token.symbol } : undefined });
    const summary: Record<string, string> = {
      To: prep.to,
      Amount: token ? `${formatUnits(units, token.decimals)} ${token.symbol}` : formatEth(units),
      ...(token ? { 'Token contract': token.address } : {}),
      'Max fee': `${formatEth(prep.maxFeeWei)} (${prep.gasLimit} gas × ${formatGwei(prep.maxFeePerGasWei)})`,
      Nonce: String(prep.nonce),
      Chain: String(prep.chainId),
    };
    setS({ step: 'review', p: { kind: 'eth', accountId: account.id, unsignedTx: prep.unsignedTx, requestCbor: prep.requestCbor, requestId: prep.requestId, from: account.address, summary, createdAt: Date.now() } });
  });

  const onSigned = (r: ScanResult) => {
    if (s.step !== 'scan') return;
    try {
      if (r.payload.kind !== 'eth-signature') throw new AppError('ur/unsupported-type', { got: r.payload.kind, expected: 'an eth-signature' });
      setS({ step: 'final', p: s.p, tx: acceptEthSignature(s.p.unsignedTx, r.payload.cbor, { requestId: s.p.requestId, from: s.p.from }) });
      setError(null);
    } catch (e) {
      setError(e);
      setScanKey((k) => k + 1);
    }
  };

  const broadcast = (p: EthPending, tx: AssembledTx) => run(async () => {
    const evm = appDeps.evm();
    const hash = await broadcastEth(evm, tx.rawTx, tx.hash);
    await clearPending(p.accountId);
    setS({ step: 'sent', hash, receipt: null });
    const receipt = await waitForReceipt(evm, hash, { intervalMs: 1000 });
    setS({ step: 'sent', hash, receipt });
    void refreshAccount(account, appDeps);
  });

  const cancel = async () => {
    await clearPending(account.id);
    setError(null);
    setS({ step: 'form' });
  };

  return (
    <section class="step wide send-flow" data-step={s.step}>
      <h2>Send from {account.label}</h2>
      {error !== null && <ErrorPanel error={error} />}
      {s.step === 'form' && (
        <form onSubmit={(e) => { e.preventDefault(); void review(); }}>
          <label for="send-asset">Asset</label>
          <select id="send-asset" value={asset} onChange={(e) => setAsset(e.currentTarget.value)}>
            <option value="ETH">ETH</option>
            {tokens.map((t) => <option value={t.address}>{t.symbol} ({t.address.slice(0, 10)}…)</option>)}
          </select>
          <SecretGuardInput id="send-to" label="Recipient address" value={to} onValue={setTo} placeholder="0x…" />
          <label for="send-amount">Amount</label>
          <input id="send-amount" type="text" inputMode="decimal" value={amount} onInput={(e) => setAmount(e.currentTarget.value)} />
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Preparing…' : 'Review'}</button>
        </form>
      )}
      {s.step === 'review' && (
        <div class="review">
          <h3>Check before sending to the station</h3>
          <Summary p={s.p} />
          <button type="button" class="primary" onClick={() => void savePending(s.p).then(() => setS({ step: 'show', p: s.p }))}>Show to the station</button>{' '}
          <button type="button" onClick={() => setS({ step: 'form' })}>Back</button>
        </div>
      )}
      {s.step === 'show' && (
        <div class="show">
          <p>On the station: <em>Scan a QR code</em>, review and sign. Then scan its answer here.</p>
          <AnimatedQr urType="eth-sign-request" cbor={s.p.requestCbor} label="Signing request for the station" />
          <button type="button" class="primary" onClick={() => setS({ step: 'scan', p: s.p })}>Scan the signature</button>{' '}
          <button type="button" onClick={() => void cancel()}>Cancel this send</button>
        </div>
      )}
      {s.step === 'scan' && (
        <div class="scan">
          <Summary p={s.p} />
          <QrScanner key={scanKey} accept={{ urTypes: ['eth-signature'], text: false, expected: 'the signature (eth-signature) from the station' }} maxBytes={64 * 1024} onComplete={onSigned} />
          <button type="button" onClick={() => setS({ step: 'show', p: s.p })}>Show the request QR again</button>{' '}
          <button type="button" onClick={() => void cancel()}>Cancel this send</button>
        </div>
      )}
      {s.step === 'final' && (
        <div class="final" data-testid="final-tx">
          <h3>Signed by {s.tx.from}. Last look before broadcasting</h3>
          <Summary p={s.p} />
          <p>Transaction hash: <Grouped value={s.tx.hash} label="Transaction hash" /></p>
          <button type="button" class="primary" disabled={busy} onClick={() => void broadcast(s.p, s.tx)}>{busy ? 'Broadcasting…' : 'Broadcast'}</button>{' '}
          <button type="button" onClick={() => void cancel()}>Cancel (don't broadcast)</button>
        </div>
      )}
      {s.step === 'sent' && (
        <div class="done ok" role="status" data-testid="broadcast-done" data-txid={s.hash} data-mined={s.receipt ? String(s.receipt.blockNumber) : ''}>
          <h3>{s.receipt ? (s.receipt.status === 'success' ? `Mined in block ${s.receipt.blockNumber}` : `Mined in block ${s.receipt.blockNumber}, but the transaction reverted`) : 'Sent — waiting for it to be mined…'}</h3>
          <p>Transaction hash: <Grouped value={s.hash} label="Transaction hash" /></p>
          <button type="button" onClick={() => (route.value = { name: 'account', id: account.id })}>Back to the account</button>
        </div>
      )}
      {(s.step === 'form' || s.step === 'review') && <button type="button" class="link" onClick={() => (route.value = { name: 'account', id: account.id })}>Back to the account</button>}
    </section>
  );
}
