/**
 * Bitcoin send: form → review → animated ur:crypto-psbt for the station → scan the signed PSBT back
 * (must be the same transaction; multisig: one answer per cosigner, combined until M signatures) →
 * last look at the final transaction → broadcast → txid.
 * The unsigned PSBT is persisted (pending send) so a reload or a new browser can pick up at "scan".
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { QrScanner, type ScanResult } from '../../../../shared/ui/QrScanner';
import { encodePsbtCbor } from '../../../../shared/ur/registry';
import { AppError } from '../../../../shared/errors';
import { formatBtc, parseUnits } from '../../../../shared/units';
import type { FinalTx } from '../../../../shared/bitcoin/build-psbt';
import { clearPending, loadPending, refreshAccount, route, savePending, snapshots, type PendingSend } from '../../state/app-state';
import type { BtcWatchAccount } from '../../watch/types';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Grouped } from '../../components/Grouped';
import { SecretGuardInput } from '../../components/SecretGuardInput';
import { appDeps } from '../../screens/deps';
import { feeSuggestions, prepareBtcSend } from './prepare';
import { acceptSignedPsbt } from '../scan-signed/signed';
import { broadcastBtc } from '../broadcast/broadcast';
import { combineSignedPsbt, finalizeMultisigPsbt } from '../../../../shared/bitcoin/combine-psbt';

type BtcPending = Extract<PendingSend, { kind: 'btc' }>;
type Step =
  | { step: 'loading' }
  | { step: 'form' }
  | { step: 'review'; p: BtcPending }
  | { step: 'show'; p: BtcPending }
  | { step: 'scan'; p: BtcPending }
  | { step: 'final'; p: BtcPending; final: FinalTx }
  | { step: 'done'; txid: string };

function Outputs({ outputs }: { outputs: { address: string | null; amountSats: bigint; role?: string }[] }) {
  return (
    <table class="outputs">
      <thead><tr><th>To</th><th>Amount</th><th>Role</th></tr></thead>
      <tbody>
        {outputs.map((o) => (
          <tr data-role={o.role ?? ''}>
            <td>{o.address ? <Grouped value={o.address} /> : 'non-standard'}</td>
            <td data-sats={String(o.amountSats)}>{formatBtc(o.amountSats)}</td>
            <td>{o.role === 'change' ? 'change (back to you)' : o.role ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function BtcSendFlow({ account }: { account: BtcWatchAccount }) {
  const [s, setS] = useState<Step>({ step: 'loading' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // a fresh scanner after a refused answer, so the user can scan the right one
  const [scanKey, setScanKey] = useState(0);
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [max, setMax] = useState(false);
  const [fee, setFee] = useState('');
  const [fees, setFees] = useState<{ fast: number; normal: number; slow: number } | null>(null);
  const snap = snapshots.value[account.id];
  // the scanner keeps the callback of its first render: read the current step through a ref
  const current = useRef(s);
  current.current = s;

  useEffect(() => {
    void loadPending(account.id).then((p) => setS(p && p.kind === 'btc' ? { step: 'scan', p } : { step: 'form' }));
    appDeps.btc(account).feeEstimates().then(
      (est) => {
        const f = feeSuggestions(est);
        setFees(f);
        setFee((v) => v || String(f.normal));
      },
      () => setFee((v) => v || '2'),
    );
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
    if (!snap || snap.kind !== 'btc') throw new AppError('wallet/no-coins');
    let amountSats = 0n;
    if (!max) {
      try {
        amountSats = parseUnits(amount, 8);
      } catch {
        throw new AppError('input/bad-encoding', { expected: 'an amount in BTC, e.g. 0.0015' });
      }
    }
    const rate = Number(fee);
    const built = await prepareBtcSend(account, snap, appDeps.btc(account), { recipients: [{ address: to.trim(), amountSats }], max, feeRateSatVb: rate });
    const p: BtcPending = { kind: 'btc', accountId: account.id, psbt: built.psbt, txid: built.txid, feeSats: built.feeSats, vsize: built.vsize, outputs: built.outputs.map((o) => ({ address: o.address, amountSats: o.amountSats, role: o.role })), createdAt: Date.now() };
    setS({ step: 'review', p });
  });

  const onSigned = (r: ScanResult) => {
    const cur = current.current;
    if (cur.step !== 'scan') return;
    try {
      if (r.payload.kind !== 'psbt') throw new AppError('ur/unsupported-type', { got: r.payload.kind, expected: 'a signed PSBT' });
      if (account.multisig) {
        // one cosigner's answer at a time: merge its verified signatures, finalize once M are in
        const st = combineSignedPsbt(cur.p.multisig?.combined ?? cur.p.psbt, r.payload.bytes);
        const p: BtcPending = { ...cur.p, multisig: { combined: st.psbt, signers: st.signers, signatures: st.signatures, threshold: st.threshold } };
        void savePending(p);
        if (st.complete) setS({ step: 'final', p, final: finalizeMultisigPsbt(st.psbt, account.network) });
        else {
          setS({ step: 'scan', p });
          setScanKey((k) => k + 1);
        }
      } else setS({ step: 'final', p: cur.p, final: acceptSignedPsbt(cur.p.psbt, r.payload.bytes, account.network) });
      setError(null);
    } catch (e) {
      setError(e);
      setScanKey((k) => k + 1);
    }
  };

  const broadcast = (p: BtcPending, final: FinalTx) => run(async () => {
    const txid = await broadcastBtc(appDeps.btc(account), final.hex, final.txid);
    await clearPending(p.accountId);
    setS({ step: 'done', txid });
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
          <SecretGuardInput id="send-to" label="Recipient address" value={to} onValue={setTo} placeholder={account.network === 'mainnet' ? 'bc1…' : 'tb1… / bcrt1…'} />
          <label for="send-amount">Amount (BTC)</label>
          <input id="send-amount" type="text" inputMode="decimal" value={amount} disabled={max} onInput={(e) => setAmount(e.currentTarget.value)} />
          <label class="check"><input type="checkbox" checked={max} onChange={(e) => setMax(e.currentTarget.checked)} /> Send everything (max)</label>
          <label for="send-fee">Fee rate (sat/vB)</label>
          <input id="send-fee" type="text" inputMode="decimal" value={fee} onInput={(e) => setFee(e.currentTarget.value)} />
          {fees && <p class="muted">Server estimates: next block {fees.fast}, ~30 min {fees.normal}, ~1 h {fees.slow} sat/vB</p>}
          <p class="muted">Replace-by-fee is on: you can bump the fee later. Change goes to your next change address.</p>
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Preparing…' : 'Review'}</button>
        </form>
      )}
      {s.step === 'review' && (
        <div class="review">
          <h3>Check before sending to the station</h3>
          <Outputs outputs={s.p.outputs} />
          <p data-testid="fee">Fee: {formatBtc(s.p.feeSats)} (~{(Number(s.p.feeSats) / s.p.vsize).toFixed(1)} sat/vB, {s.p.vsize} vB)</p>
          <button type="button" class="primary" onClick={() => void savePending(s.p).then(() => setS({ step: 'show', p: s.p }))}>Show to the station</button>{' '}
          <button type="button" onClick={() => setS({ step: 'form' })}>Back</button>
        </div>
      )}
      {s.step === 'show' && (
        <div class="show">
          <p>{account.multisig ? `Show this to ${account.multisig.threshold} of the ${account.multisig.cosigners} cosigner stations` : 'On the station'}: <em>Scan a QR code</em>, review and sign. Then come back and scan {account.multisig ? 'their answers' : 'its answer'}.</p>
          <AnimatedQr urType="crypto-psbt" cbor={encodePsbtCbor(s.p.psbt)} label="Unsigned transaction for the station" />
          <button type="button" class="primary" onClick={() => setS({ step: 'scan', p: s.p })}>Scan the signed transaction</button>{' '}
          <button type="button" onClick={() => void cancel()}>Cancel this send</button>
        </div>
      )}
      {s.step === 'scan' && (
        <div class="scan">
          <p>Waiting for the signed transaction {s.p.txid.slice(0, 12)}… ({formatBtc(s.p.outputs.filter((o) => o.role === 'payment').reduce((a, o) => a + o.amountSats, 0n))} to send).</p>
          {account.multisig && (
            <p class="multisig-progress" data-testid="multisig-progress" data-signatures={String(Math.min(...(s.p.multisig?.signatures ?? [0])))} data-signers={(s.p.multisig?.signers ?? []).join(',')}>
              Signatures: <strong>{Math.min(...(s.p.multisig?.signatures ?? [0]))} of {account.multisig.threshold}</strong>
              {s.p.multisig?.signers.length ? ` (signed by ${s.p.multisig.signers.join(', ')})` : ''}. Scan each cosigner station's signed transaction, one after another.
            </p>
          )}
          <QrScanner key={scanKey} accept={{ urTypes: ['crypto-psbt', 'psbt'], text: false, expected: 'the signed transaction (crypto-psbt) from the station' }} maxBytes={4 * 1024 * 1024} onComplete={onSigned} />
          <button type="button" onClick={() => setS({ step: 'show', p: s.p })}>Show the unsigned QR again</button>{' '}
          <button type="button" onClick={() => void cancel()}>Cancel this send</button>
        </div>
      )}
      {s.step === 'final' && (
        <div class="final" data-testid="final-tx">
          <h3>Signed. Last look before broadcasting</h3>
          <Outputs outputs={s.final.outputs.map((o, i) => ({ ...o, role: s.p.outputs[i]?.role }))} />
          <p data-testid="final-fee">Fee: {formatBtc(s.final.feeSats)} ({(Number(s.final.feeSats) / s.final.vsize).toFixed(1)} sat/vB)</p>
          <p>Transaction id: <Grouped value={s.final.txid} label="Transaction id" /></p>
          <button type="button" class="primary" disabled={busy} onClick={() => void broadcast(s.p, s.final)}>{busy ? 'Broadcasting…' : 'Broadcast'}</button>{' '}
          <button type="button" onClick={() => void cancel()}>Cancel (don't broadcast)</button>
        </div>
      )}
      {s.step === 'done' && (
        <div class="done ok" role="status" data-testid="broadcast-done" data-txid={s.txid}>
          <h3>Sent</h3>
          <p>Transaction id: <Grouped value={s.txid} label="Transaction id" /></p>
          <button type="button" onClick={() => (route.value = { name: 'account', id: account.id })}>Back to the account</button>
        </div>
      )}
      {(s.step === 'form' || s.step === 'review') && <button type="button" class="link" onClick={() => (route.value = { name: 'account', id: account.id })}>Back to the account</button>}
    </section>
  );
}
