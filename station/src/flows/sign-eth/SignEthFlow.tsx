/**
 * Sign a scanned EIP-4527 eth-sign-request (issue 5): review with the stored key whose fingerprint
 * the request names, hold to sign, show ur:eth-signature (same request-id) for MetaMask to scan.
 * State holds public data only (request CBOR, review, signature); keys stay in the keyring.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { AppError, errorCode } from '../../../../shared/errors';
import { AnimatedQr } from '../../../../shared/ui/AnimatedQr';
import { recordAudit } from '../../state/keyring';
import { reviewEthAnyKey, signEthAnyKey } from '../ledger/hw-sign';
import { isHardwareKeyId } from '../ledger/hw-store';
import { LedgerConfirmStep } from '../ledger/LedgerConfirmStep';
import { navigate } from '../../state/session';
import { ScanFirst } from '../../components/ScanFirst';
import { takeScanned } from '../../scan/inbox';
import { initialState, transition, type Event, type State } from './machine';
import { EthReviewStep } from './steps/EthReviewStep';
import { EthRefusedStep } from './steps/EthRefusedStep';
import { headline } from './present';
import { PolicyGate } from '../policies/PolicyGate';
import { ethSpend } from '../policies/store';
import '../sign-psbt/sign.css';

const detailOf = (e: unknown) => (e instanceof AppError && e.detail ? { ...e.detail } : undefined);

export function SignEthFlow() {
  const state = useSignal<State>(initialState);
  const cbor = useSignal<Uint8Array | null>(null);
  const onDevice = useSignal(false);
  const send = (e: Event) => (state.value = transition(state.value, e));

  useEffect(() => {
    const item = takeScanned();
    if (!item || item.kind !== 'eth-sign-request') return;
    cbor.value = item.bytes;
    send({ type: 'scanned' });
    reviewEthAnyKey(item.bytes).then(
      ({ key, review }) => {
        send({ type: 'reviewed', key, review });
        if (!review.canSign) void recordAudit({ event: 'eth-refused', details: { reason: review.refusal?.code ?? 'eth/bad-request', fingerprint: key.fingerprint } });
      },
      (e) => send({ type: 'review-failed', code: errorCode(e), detail: detailOf(e) }),
    );
  }, []);

  const confirm = async () => {
    const cur = state.value;
    if (cur.step !== 'review' || !cbor.value) return;
    send({ type: 'confirm' });
    try {
      onDevice.value = false;
      send({ type: 'signed', signatureCbor: await signEthAnyKey(cur.key.keyId, cbor.value, cur.review, () => (onDevice.value = true)) });
    } catch (e) {
      send({ type: 'sign-failed', code: errorCode(e), detail: detailOf(e) });
    }
  };
  const done = () => navigate('home');
  const s = state.value;
  switch (s.step) {
    case 'empty':
      return <ScanFirst title="Sign an Ethereum request" hint="Scan the signing request shown by MetaMask (or another EIP-4527 wallet) first." />;
    case 'reviewing':
      return <section class="step"><h2>Checking the request…</h2></section>;
    case 'review':
    case 'signing':
      if (s.step === 'signing' && isHardwareKeyId(s.key.keyId)) return <LedgerConfirmStep asked={onDevice.value} what="request" />;
      return (
        <PolicyGate spend={ethSpend(s.review, s.key.fingerprint)} onDone={done} onCancel={() => send({ type: 'cancel' })}>
          <EthReviewStep review={s.review} keyInfo={s.key} busy={s.step === 'signing'} onConfirm={() => void confirm()} onCancel={() => send({ type: 'cancel' })} />
        </PolicyGate>
      );
    case 'signed':
      return (
        <section class="step wide review" data-step="eth-signed">
          <h2>Signed — scan this with MetaMask</h2>
          <p>{headline(s.review)}. In MetaMask press “Get signature” and show it this code.</p>
          <AnimatedQr urType="eth-signature" cbor={s.signatureCbor} label="Ethereum signature QR code" />
          <div class="actions"><button type="button" class="primary" onClick={done}>Done</button></div>
        </section>
      );
    case 'refused':
      return <EthRefusedStep code={s.code} detail={s.detail} review={s.review} onDone={done} />;
    case 'cancelled':
      return (
        <section class="step">
          <h2>Not signed</h2>
          <p>The request was discarded. Nothing was signed.</p>
          <button type="button" class="primary" onClick={done}>Back to home</button>
        </section>
      );
  }
}
