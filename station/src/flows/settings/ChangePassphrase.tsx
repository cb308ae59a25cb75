import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { AppError, userMessage } from '../../../../shared/errors';
import { VAULT_MIN_PASSPHRASE_CHARS } from '../../../../shared/vault/vault';
import * as keyring from '../../state/keyring';
import { codeOrLock, nextPaint } from '../../state/actions';
import { checkNewPassphrase } from '../../components/passphrase';
import { FieldError } from '../../components/ErrorPanel';
import { initialState, transition, type Event, type State } from './machine';

/** Re-encrypt the vault under a new passphrase (one atomic store transaction). Fields are uncontrolled. */
export function ChangePassphrase() {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const oldRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const confRef = useRef<HTMLInputElement>(null);
  const clear = () => [oldRef, newRef, confRef].forEach((r) => r.current && (r.current.value = ''));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const oldP = oldRef.current?.value ?? '';
    const newP = newRef.current?.value ?? '';
    const problem = checkNewPassphrase(newP, confRef.current?.value ?? '', VAULT_MIN_PASSPHRASE_CHARS);
    if (problem) return send({ type: 'invalid', reason: problem });
    send({ type: 'submitted' });
    await nextPaint();
    try {
      await keyring.changePassphrase(oldP, newP);
      clear();
      send({ type: 'succeeded' });
    } catch (err) {
      if (oldRef.current) oldRef.current.value = '';
      send({ type: 'failed', code: codeOrLock(err) });
    }
  };

  const s = state.value;
  if (s.step === 'changed') {
    return (
      <div class="panel">
        <p role="status">Vault passphrase changed. Use the new one from now on.</p>
        <button type="button" class="secondary" onClick={() => send({ type: 'again' })}>Change it again</button>
      </div>
    );
  }
  const err = s.step === 'form' ? s.error : undefined;
  const text = err === 'mismatch' ? 'The two new passphrases are different.'
    : err === 'too-short' ? `The vault passphrase must be at least ${VAULT_MIN_PASSPHRASE_CHARS} characters.`
    : err ? userMessage(new AppError(err, { min: VAULT_MIN_PASSPHRASE_CHARS })) : null;
  return (
    <form onSubmit={submit}>
      <label>Current vault passphrase<input ref={oldRef} type="password" autoComplete="current-password" /></label>
      <label>New vault passphrase<input ref={newRef} type="password" autoComplete="new-password" /></label>
      <label>New passphrase again<input ref={confRef} type="password" autoComplete="new-password" /></label>
      <FieldError text={text} />
      <div class="actions">
        <button type="submit" class="primary" disabled={s.step === 'changing'}>{s.step === 'changing' ? 'Re-encrypting…' : 'Change passphrase'}</button>
      </div>
    </form>
  );
}
