/**
 * Bitcoin send (see machine.ts for the steps). This component keeps the flow state in one signal and
 * performs the effects: fee estimates, building the PSBT, persisting the pending send (so a reload or a
 * new browser picks up at "scan"), reading the station's answers, broadcasting.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ScanResult } from '../../../../shared/ui/QrScanner';
import { AppError } from '../../../../shared/errors';
import { clearPending, loadPending, refreshAccount, route, savePending, snapshots } from '../../state/app-state';
import type { BtcWatchAccount } from '../../watch/types';
import { ErrorPanel } from '../../components/ErrorPanel';
import { appDeps } from '../../screens/deps';
import { feeSuggestions, prepareBtcSend } from './prepare';
import { broadcastBtc } from '../broadcast/broadcast';
import { errorOf, initialState, transition, type Event, type State } from './machine';
import { shownStep } from '../send-steps';
import { pendingOf, readBtcAnswer, readBtcForm, type BtcDraft } from './answer';
import { FormStep, type FeeHints } from './steps/FormStep';
import { ReviewStep } from './steps/ReviewStep';
import { ShowStep } from './steps/ShowStep';
import { ScanStep } from './steps/ScanStep';
import { FinalStep } from './steps/FinalStep';
import { DoneStep } from './steps/DoneStep';

export function BtcSendFlow({ account }: { account: BtcWatchAccount }) {
  const state = useSignal<State>(initialState);
  const draft = useSignal<BtcDraft>({ to: '', amount: '', max: false, fee: '' });
  const fees = useSignal<FeeHints | null>(null);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const setDraft = (d: Partial<BtcDraft>) => (draft.value = { ...draft.value, ...d });
  const toAccount = () => (route.value = { name: 'account', id: account.id });

  useEffect(() => {
    void loadPending(account.id).then((p) => send({ type: 'loaded', pending: p && p.kind === 'btc' ? p : null }));
    appDeps.btc(account).feeEstimates().then(
      (est) => {
        fees.value = feeSuggestions(est);
        if (!draft.value.fee) setDraft({ fee: String(fees.value.normal) });
      },
      () => draft.value.fee || setDraft({ fee: '2' }),
    );
  }, [account.id]);

  const build = async () => {
    send({ type: 'submit' });
    try {
      const snap = snapshots.value[account.id];
      if (!snap || snap.kind !== 'btc') throw new AppError('wallet/no-coins');
      const built = await prepareBtcSend(account, snap, appDeps.btc(account), readBtcForm(draft.value));
      send({ type: 'built', p: pendingOf(account.id, built, Date.now()) });
    } catch (error) {
      send({ type: 'failed', error });
    }
  };

  const onSigned = (r: ScanResult) => {
    const cur = state.value;
    if (cur.step !== 'scan') return;
    const ev = readBtcAnswer(cur.p, r.payload, { network: account.network, multisig: !!account.multisig });
    if (account.multisig && ev.type !== 'answer-rejected' && 'p' in ev) void savePending(ev.p);
    send(ev);
  };

  const broadcast = async () => {
    const cur = state.value;
    if (cur.step !== 'final') return;
    send({ type: 'broadcast' });
    try {
      const txid = await broadcastBtc(appDeps.btc(account), cur.final.hex, cur.final.txid);
      await clearPending(cur.p.accountId);
      send({ type: 'broadcasted', txid });
      void refreshAccount(account, appDeps);
    } catch (error) {
      send({ type: 'failed', error });
    }
  };

  const cancel = () => void clearPending(account.id).then(() => send({ type: 'cancel' }));
  const s = state.value;
  const error = errorOf(s);
  const ms = account.multisig;

  return (
    <section class="step wide send-flow" data-step={shownStep(s)}>
      <h2>Send from {account.label}</h2>
      {error !== null && <ErrorPanel error={error} />}
      {(s.step === 'form' || s.step === 'building') && <FormStep draft={draft.value} onDraft={setDraft} fees={fees.value} network={account.network} busy={s.step === 'building'} onSubmit={() => void build()} />}
      {s.step === 'review' && <ReviewStep p={s.p} onShow={() => void savePending(s.p).then(() => send({ type: 'show' }))} onBack={() => send({ type: 'back' })} />}
      {s.step === 'show' && <ShowStep p={s.p} multisig={ms && { threshold: ms.threshold, cosigners: ms.cosigners }} onScan={() => send({ type: 'scan' })} onCancel={cancel} />}
      {s.step === 'scan' && <ScanStep p={s.p} attempt={s.attempt} threshold={ms?.threshold} onScanned={onSigned} onShowAgain={() => send({ type: 'show' })} onCancel={cancel} />}
      {(s.step === 'final' || s.step === 'broadcasting') && <FinalStep p={s.p} final={s.final} busy={s.step === 'broadcasting'} onBroadcast={() => void broadcast()} onCancel={cancel} />}
      {s.step === 'done' && <DoneStep txid={s.txid} onBack={toAccount} />}
      {(s.step === 'form' || s.step === 'building' || s.step === 'review') && <button type="button" class="link" onClick={toAccount}>Back to the account</button>}
    </section>
  );
}
