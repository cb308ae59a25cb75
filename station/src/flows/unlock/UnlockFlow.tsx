import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { errorCode, userMessage, AppError, USER_MESSAGES } from '../../../../shared/errors';
import * as keyring from '../../state/keyring';
import { enterUnlocked, nextPaint } from '../../state/actions';
import { lastFatal, notice } from '../../state/session';
import { initialState, transition, type Event, type State } from './machine';

/** The locked station: one passphrase field. Wrong passphrase → message; the vault is unchanged. */
export function UnlockFlow() {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const input = useRef<HTMLInputElement>(null);

  const submit = async (ev: Event | SubmitEvent) => {
    (ev as SubmitEvent).preventDefault();
    const el = input.current;
    const pass = el?.value ?? '';
    send({ type: 'submit', empty: pass === '' });
    if (state.value.step !== 'unlocking') return;
    await nextPaint();
    try {
      await keyring.unlock(pass);
      if (el) el.value = '';
      send({ type: 'succeeded' });
      enterUnlocked();
    } catch (e) {
      send({ type: 'failed', code: errorCode(e) });
      if (el) { el.value = ''; el.focus(); }
    }
  };

  const s = state.value;
  const busy = s.step === 'unlocking';
  return (
    <form class="step narrow" onSubmit={submit}>
      <h2>Station locked</h2>
      {notice.value && <p class={`notice ${notice.value.kind}`} role="status">{notice.value.text}</p>}
      {lastFatal.value && (
        <p class="field-error" role="alert">{USER_MESSAGES.internal} The station was locked as a precaution.</p>
      )}
      <label>
        Vault passphrase
        <input ref={input} type="password" autoComplete="current-password" autoFocus disabled={busy} />
      </label>
      {s.step === 'enter' && s.error && (
        <p class="field-error" role="alert" data-testid="unlock-error">
          {s.error === 'input/empty' ? 'Type the vault passphrase.' : userMessage(new AppError(s.error))}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Unlocking… (this takes a few seconds)' : 'Unlock'}</button>
      </div>
    </form>
  );
}
