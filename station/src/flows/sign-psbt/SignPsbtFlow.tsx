/**
 * Sign a scanned PSBT (issue 4). The scan screen hands over the PSBT (inbox); the keyring reviews it
 * with each stored key and signs only after the user holds the confirm button. The flow's state holds
 * public data only (PSBT bytes, the review, the signed PSBT); keys stay inside the keyring.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { AppError, errorCode } from '../../../../shared/errors';
import { encodePsbtCbor } from '../../../../shared/ur/registry';
import { recordAudit } from '../../state/keyring';
import { reviewPsbtAnyKey, signPsbtAnyKey } from '../ledger/hw-sign';
import { isHardwareKeyId } from '../ledger/hw-store';
import { LedgerConfirmStep } from '../ledger/LedgerConfirmStep';
import { navigate, settings } from '../../state/session';
import { ScanFirst } from '../../components/ScanFirst';
import { takeScanned } from '../../scan/inbox';
import { initialState, transition, type Event, type PsbtUrType, type State } from './machine';
import { ReviewStep } from './steps/ReviewStep';
import { RefusedStep } from './steps/RefusedStep';
import { SignedStep } from './steps/SignedStep';
import { PolicyGate } from '../policies/PolicyGate';
import { psbtSpend } from '../policies/store';
import './sign.css';

const detailOf = (e: unknown) => (e instanceof AppError && e.detail ? { ...e.detail } : undefined);

export function SignPsbtFlow() {
  const state = useSignal<State>(initialState);
  const bytes = useSignal<Uint8Array | null>(null);
  const sha256 = useSignal('');
  const onDevice = useSignal(false);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const network = settings.value.network;

  useEffect(() => {
    const item = takeScanned();
    if (!item || item.kind !== 'psbt') return;
    const urType: PsbtUrType = item.payload.kind === 'psbt' ? item.payload.urType : 'crypto-psbt';
    bytes.value = item.bytes;
    sha256.value = item.sha256;
    send({ type: 'scanned', network, urType });
    reviewPsbtAnyKey(item.bytes, network).then(
      ({ key, review }) => {
        send({ type: 'reviewed', key, review });
        const s = state.value;
        if (s.step === 'refused') void recordAudit({ event: 'psbt-refused', details: { reason: s.code, txid: review.txid, fingerprint: key.fingerprint } });
      },
      (e) => send({ type: 'review-failed', code: errorCode(e), detail: detailOf(e) }),
    );
  }, []);

  const s = state.value;
  const signedCbor = useMemo(() => (s.step === 'signed' ? encodePsbtCbor(s.psbt) : null), [s]);
  const done = () => navigate('home');

  const confirm = async () => {
    const cur = state.value;
    if (cur.step !== 'review' || !bytes.value) return;
    send({ type: 'confirm' });
    try {
      onDevice.value = false;
      const r = await signPsbtAnyKey(cur.key.keyId, bytes.value, network, cur.review, () => (onDevice.value = true));
      send({ type: 'signed', psbt: r.psbt, signedInputs: r.signedInputs });
    } catch (e) {
      send({ type: 'sign-failed', code: errorCode(e), detail: detailOf(e) });
    }
  };

  const body = step(s);
  if (s.step === 'empty' || !bytes.value) return body;
  // What arrived, so the user (and tests) can compare it with what the online wallet sent.
  return (
    <div data-received-kind="psbt" data-sha256={sha256.value}>
      <p class="muted scanned-line">PSBT received, {bytes.value.length.toLocaleString('en-US')} bytes · SHA-256 <code>{sha256.value.slice(0, 16)}…</code></p>
      {body}
    </div>
  );

  function step(s: State) {
  switch (s.step) {
    case 'empty':
      return <ScanFirst title="Sign a Bitcoin transaction" hint="Scan the transaction (PSBT) shown by your online wallet first." />;
    case 'reviewing':
      return <section class="step"><h2>Checking the transaction…</h2><p class="muted">Re-deriving your keys to verify inputs and change.</p></section>;
    case 'review':
    case 'signing':
      if (s.step === 'signing' && isHardwareKeyId(s.key.keyId)) return <LedgerConfirmStep asked={onDevice.value} what="transaction (outputs, change and fee)" />;
      return (
        <PolicyGate spend={psbtSpend(s.review, s.key.fingerprint)} txid={s.review.txid} onDone={done} onCancel={() => send({ type: 'cancel' })}>
          <ReviewStep review={s.review} keyInfo={s.key} busy={s.step === 'signing'} onConfirm={() => void confirm()} onCancel={() => send({ type: 'cancel' })} />
        </PolicyGate>
      );
    case 'signed':
      return <SignedStep cbor={signedCbor!} urType={s.urType} signedInputs={s.signedInputs} review={s.review} onDone={done} />;
    case 'refused':
      return <RefusedStep reason={s.reason} code={s.code} detail={s.detail} review={s.review} onDone={done} />;
    case 'cancelled':
      return (
        <section class="step">
          <h2>Not signed</h2>
          <p>The transaction was discarded. Nothing was signed.</p>
          <button type="button" class="primary" onClick={done}>Back to home</button>
        </section>
      );
  }
  }
}
