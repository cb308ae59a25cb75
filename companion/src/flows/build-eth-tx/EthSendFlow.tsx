/**
 * Ethereum send (see machine.ts for the steps). This component keeps the flow state in one signal and
 * performs the effects: preparing the request from the node, persisting it (so a reload or a new
 * browser picks up at "scan"), reading the station's signature, broadcasting, polling the receipt.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ScanResult } from '../../../../shared/ui/QrScanner';
import { clearPending, loadPending, refreshAccount, route, savePending, snapshots } from '../../state/app-state';
import type { EthWatchAccount } from '../../watch/types';
import { ErrorPanel } from '../../components/ErrorPanel';
import { appDeps } from '../../screens/deps';
import { prepareEthSend } from './prepare';
import { broadcastEth, waitForReceipt } from '../broadcast/broadcast';
import { errorOf, initialState, transition, type Event, type State } from './machine';
import { shownStep } from '../send-steps';
import { pendingOf, readEthAnswer, readEthForm } from './answer';
import { FormStep, type EthDraft } from './steps/FormStep';
import { ReviewStep } from './steps/ReviewStep';
import { ShowStep } from './steps/ShowStep';
import { ScanStep } from './steps/ScanStep';
import { FinalStep } from './steps/FinalStep';
import { SentStep } from './steps/SentStep';

export function EthSendFlow({ account }: { account: EthWatchAccount }) {
  const state = useSignal<State>(initialState);
  const draft = useSignal<EthDraft>({ asset: 'ETH', to: '', amount: '' });
  const send = (e: Event) => (state.value = transition(state.value, e));
  const toAccount = () => (route.value = { name: 'account', id: account.id });
  const snap = snapshots.value[account.id];
  const tokens = snap?.kind === 'eth' ? snap.tokens : [];

  useEffect(() => {
    void loadPending(account.id).then((p) => send({ type: 'loaded', pending: p && p.kind === 'eth' ? p : null }));
  }, [account.id]);

  const build = async () => {
    send({ type: 'submit' });
    try {
      const form = readEthForm(tokens, draft.value);
      const prep = await prepareEthSend(account, appDeps.evm(), form);
      send({ type: 'built', p: pendingOf(account.id, account.address, prep, form, Date.now()) });
    } catch (error) {
      send({ type: 'failed', error });
    }
  };

  const onSigned = (r: ScanResult) => {
    const cur = state.value;
    if (cur.step === 'scan') send(readEthAnswer(cur.p, r.payload));
  };

  const broadcast = async () => {
    const cur = state.value;
    if (cur.step !== 'final') return;
    send({ type: 'broadcast' });
    try {
      const evm = appDeps.evm();
      const hash = await broadcastEth(evm, cur.tx.rawTx, cur.tx.hash);
      await clearPending(cur.p.accountId);
      send({ type: 'broadcasted', hash });
      send({ type: 'mined', receipt: await waitForReceipt(evm, hash, { intervalMs: 1000 }) });
      void refreshAccount(account, appDeps);
    } catch (error) {
      send({ type: 'failed', error });
    }
  };

  const cancel = () => void clearPending(account.id).then(() => send({ type: 'cancel' }));
  const s = state.value;
  const error = errorOf(s);

  return (
    <section class="step wide send-flow" data-step={shownStep(s)}>
      <h2>Send from {account.label}</h2>
      {error !== null && <ErrorPanel error={error} />}
      {(s.step === 'form' || s.step === 'building') && <FormStep draft={draft.value} onDraft={(d) => (draft.value = { ...draft.value, ...d })} tokens={tokens} busy={s.step === 'building'} onSubmit={() => void build()} />}
      {s.step === 'review' && <ReviewStep p={s.p} onShow={() => void savePending(s.p).then(() => send({ type: 'show' }))} onBack={() => send({ type: 'back' })} />}
      {s.step === 'show' && <ShowStep p={s.p} onScan={() => send({ type: 'scan' })} onCancel={cancel} />}
      {s.step === 'scan' && <ScanStep p={s.p} attempt={s.attempt} onScanned={onSigned} onShowAgain={() => send({ type: 'show' })} onCancel={cancel} />}
      {(s.step === 'final' || s.step === 'broadcasting') && <FinalStep p={s.p} tx={s.tx} busy={s.step === 'broadcasting'} onBroadcast={() => void broadcast()} onCancel={cancel} />}
      {s.step === 'sent' && <SentStep hash={s.hash} receipt={s.receipt} onBack={toAccount} />}
      {(s.step === 'form' || s.step === 'building' || s.step === 'review') && <button type="button" class="link" onClick={toAccount}>Back to the account</button>}
    </section>
  );
}
