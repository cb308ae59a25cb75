import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorCode } from '../../../../shared/errors';
import { nextPaint } from '../../state/actions';
import * as keyring from '../../state/keyring';
import { discardShares, splitKey } from '../backup/secrets';
import type { KeySummary } from '../../../../shared/vault/vault';
import { initialState, planSummary, planSummaryShort, transition, type Event, type SplitPlan, type State } from './machine';
import { SplitOptions } from './steps/SplitOptions';
import { ShowShare } from './steps/ShowShare';

/** SLIP-39 split of one stored key: options → each share in turn → done (then a drill is offered). */
export function SplitFlow({ keyId, keySummary, onExit, onVerify }: {
  keyId: string;
  keySummary: KeySummary;
  onExit: () => void;
  onVerify: () => void;
}) {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  useEffect(() => () => discardShares(), []);
  useEffect(() => {
    if (state.value.step === 'cancelled') {
      discardShares();
      onExit();
    }
  }, [state.value.step]);

  const split = async (plan: SplitPlan) => {
    send({ type: 'splitting' });
    await nextPaint();
    try {
      const set = await splitKey(keyId, keySummary, plan);
      send({ type: 'split', set });
      await keyring.recordAudit({ event: 'backup-made', details: { method: `SLIP-39 ${planSummaryShort(plan)}`, fingerprint: keySummary.fingerprint } });
    } catch (e) {
      send({ type: 'split-failed', code: errorCode(e) });
    }
  };

  const s = state.value;
  switch (s.step) {
    case 'options':
      return <SplitOptions label={keySummary.label} hasPassphrase={keySummary.hasPassphrase} busy={s.busy} error={s.error} onSplit={split} onCancel={() => send({ type: 'cancel' })} />;
    case 'show':
      return <ShowShare key={s.index} set={s.set} index={s.index} label={keySummary.label} onNext={() => send({ type: 'next' })} onPrevious={() => send({ type: 'previous' })} onCancel={() => send({ type: 'cancel' })} />;
    case 'done':
      return (
        <section class="step">
          <h2>Shares made</h2>
          <p class="notice info" role="status">{planSummary(s.set)}</p>
          <p>The shares are no longer shown and were not stored anywhere. Check now that they really restore this key: the drill combines them in memory and compares the fingerprint, without changing the vault.</p>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => send({ type: 'previous' })}>Show the last share again</button>
            <button type="button" onClick={() => { discardShares(); onExit(); }}>Done</button>
            <button type="button" class="primary" onClick={() => { discardShares(); onVerify(); }}>Verify the shares now</button>
          </div>
        </section>
      );
    case 'cancelled':
      return null;
  }
}
