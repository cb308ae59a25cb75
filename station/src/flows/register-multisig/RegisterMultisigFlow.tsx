/**
 * Register a scanned multisig wallet: show its policy and cosigners for confirmation, store it
 * (encrypted, in the vault) only when a key on this station is one of the cosigners.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { AppError, errorCode, userMessage } from '../../../../shared/errors';
import { NETWORKS } from '../../../../shared/bitcoin/networks';
import { inspectMultisig, registerMultisig } from '../../state/keyring';
import { navigate, settings } from '../../state/session';
import { ScanFirst } from '../../components/ScanFirst';
import { takeScanned } from '../../scan/inbox';
import { Grouped } from '../../components/Grouped';
import { ConfirmCancel } from '../../components/ConfirmCancel';
import { initialState, transition, walletLine, type Event, type State } from './machine';
import { walletTextOf } from './wallet-text';
import { CosignerList } from './steps/CosignerList';
import '../sign-psbt/sign.css';

export function RegisterMultisigFlow() {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const network = settings.value.network;

  useEffect(() => {
    const item = takeScanned();
    if (!item || item.kind !== 'multisig') return;
    send({ type: 'scanned' });
    (async () => {
      const text = walletTextOf(item, NETWORKS[network]);
      send({ type: 'read', check: await inspectMultisig(text, network), text });
    })().catch((e) => send({ type: 'read-failed', code: errorCode(e) }));
  }, []);

  const confirm = async () => {
    const cur = state.value;
    if (cur.step !== 'confirm') return;
    send({ type: 'confirm' });
    try {
      await registerMultisig(cur.text, network);
      send({ type: 'saved' });
    } catch (e) {
      send({ type: 'save-failed', code: errorCode(e) });
    }
  };
  const done = () => navigate('home');
  const s = state.value;
  switch (s.step) {
    case 'empty':
      return <ScanFirst title="Register a multisig wallet" hint="Scan the wallet’s descriptor, Coldcard/Sparrow export or BSMS record from your coordinator first." />;
    case 'reading':
      return <section class="step"><h2>Reading the wallet…</h2></section>;
    case 'confirm':
    case 'saving': {
      const { wallet, key, ourIndex, firstAddress, alreadyRegistered } = s.check;
      return (
        <section class="step wide review" data-step="multisig-confirm">
          <h2>Register multisig wallet “{wallet.name}”?</h2>
          <p class="big" data-policy>{walletLine(wallet)}</p>
          <p>This station’s key <strong>{key!.label}</strong> (<span class="fingerprint inline">{key!.fingerprint}</span>) is cosigner {ourIndex + 1}. Compare every fingerprint and key below with your other devices.</p>
          {alreadyRegistered && <p class="notice info">This wallet is already registered; registering it again changes nothing.</p>}
          <CosignerList wallet={wallet} ourIndex={ourIndex} />
          <h3>First receive address (check it on the other devices)</h3>
          <Grouped value={firstAddress} label="First receive address" />
          <p>Once registered, change going back to this wallet is shown as “change (verified)” when you sign.</p>
          <div class="actions">
            <button type="button" class="primary" disabled={s.step === 'saving'} onClick={() => void confirm()}>{s.step === 'saving' ? 'Saving…' : 'Register this wallet'}</button>
            <ConfirmCancel onCancel={() => send({ type: 'cancel' })} question="Discard this wallet?" />
          </div>
        </section>
      );
    }
    case 'registered':
      return (
        <section class="step" data-step="multisig-registered">
          <h2>Wallet registered</h2>
          <p>“{s.check.wallet.name}” ({walletLine(s.check.wallet)}) is stored, encrypted, in this station’s vault.</p>
          <button type="button" class="primary" onClick={done}>Done</button>
        </section>
      );
    case 'refused':
      return (
        <section class="step wide review" data-step="multisig-refused" data-error-code={s.code}>
          <div class="refusal" role="alert">
            <h2>Wallet not registered</h2>
            <p class="big">{userMessage(new AppError(s.code))}</p>
            <p>{s.code === 'multisig/not-cosigner'
              ? 'None of the keys on this station is one of this wallet’s cosigners (fingerprint and key compared). Load the right key first, or check the wallet in your coordinator.'
              : 'Export the wallet again from your coordinator (descriptor, Coldcard/Sparrow text file or BSMS).'}</p>
          </div>
          {s.check && <><p>{walletLine(s.check.wallet)}</p><CosignerList wallet={s.check.wallet} ourIndex={-1} /></>}
          <div class="actions"><button type="button" class="primary" onClick={done}>Done</button></div>
        </section>
      );
    case 'cancelled':
      return <section class="step"><h2>Not registered</h2><p>Nothing was stored.</p><button type="button" class="primary" onClick={done}>Back to home</button></section>;
  }
}
