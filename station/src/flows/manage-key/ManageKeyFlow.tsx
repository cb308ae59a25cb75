import { useSignal } from '@preact/signals';
import { useState } from 'preact/hooks';
import { AppError, userMessage } from '../../../../shared/errors';
import * as keyring from '../../state/keyring';
import { codeOrLock, refreshKeys } from '../../state/actions';
import { keys, navigate } from '../../state/session';
import { FieldError } from '../../components/ErrorPanel';
import { fingerprintMatches, initialState, transition, type Event, type State } from './machine';

/** Rename or delete one key. Delete needs the fingerprint typed in full. */
export function ManageKeyFlow({ keyId }: { keyId?: string }) {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const key = keys.value.find((k) => k.id === keyId);
  const [label, setLabel] = useState(key?.label ?? '');
  const [typed, setTyped] = useState('');
  const s = state.value;

  if (s.step === 'deleted') {
    return (
      <section class="step">
        <h2>Key deleted</h2>
        <p>“{s.label}” was removed from this vault. It can only come back from its recovery words.</p>
        <button type="button" class="primary" onClick={() => navigate('home')}>Back to home</button>
      </section>
    );
  }
  if (!key || !keyId) return <section class="step"><h2>Key not found</h2><button type="button" onClick={() => navigate('home')}>Back to home</button></section>;
  const expected = key.status === 'ok' ? key.fingerprint : key.id;

  const rename = async (e: SubmitEvent) => {
    e.preventDefault();
    send({ type: 'submitted' });
    try {
      await keyring.renameKey(keyId, label);
      refreshKeys();
      send({ type: 'renamed', label: label.trim() });
    } catch (err) {
      send({ type: 'failed', code: codeOrLock(err) });
    }
  };
  const del = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!fingerprintMatches(typed, expected)) return send({ type: 'failed', code: 'vault/confirm-mismatch' });
    send({ type: 'submitted' });
    try {
      await keyring.deleteKey(keyId, typed);
      refreshKeys();
      send({ type: 'deleted', label: key.label || key.id });
    } catch (err) {
      send({ type: 'failed', code: codeOrLock(err) });
    }
  };

  return (
    <section class="step">
      <h2>Manage “{key.label || 'damaged key'}”</h2>
      <p>Fingerprint <span class="fingerprint inline">{key.fingerprint || '—'}</span>{key.hasPassphrase ? ' · uses a BIP-39 passphrase' : ''}</p>
      {s.step === 'menu' && (
        <>
          {s.message && <p class="notice info" role="status">{s.message}</p>}
          <div class="actions">
            {key.status === 'ok' && <button type="button" onClick={() => send({ type: 'start-rename' })}>Rename</button>}
            <button type="button" class="danger" onClick={() => send({ type: 'start-delete' })}>Delete…</button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
          </div>
        </>
      )}
      {s.step === 'rename' && (
        <form onSubmit={rename}>
          <label>New name<input type="text" value={label} maxLength={64} onInput={(e) => setLabel(e.currentTarget.value)} /></label>
          <FieldError text={s.error ? userMessage(new AppError(s.error)) : null} />
          <div class="actions">
            <button type="button" class="secondary" onClick={() => send({ type: 'back' })}>Cancel</button>
            <button type="submit" class="primary" disabled={s.busy}>Save name</button>
          </div>
        </form>
      )}
      {s.step === 'delete' && (
        <form onSubmit={del}>
          <p class="warning" role="note">
            <strong>Deleting removes this key from the station for good.</strong> Funds are safe only if you
            still have its recovery words{key.hasPassphrase ? ' and its BIP-39 passphrase' : ''}.
          </p>
          <label>
            To confirm, type the {key.status === 'ok' ? 'fingerprint' : 'record id'} <span class="fingerprint inline">{expected}</span>
            <input type="text" value={typed} autoComplete="off" spellcheck={false} onInput={(e) => setTyped(e.currentTarget.value)} />
          </label>
          <FieldError text={s.error ? userMessage(new AppError(s.error)) : null} />
          <div class="actions">
            <button type="button" class="secondary" onClick={() => send({ type: 'back' })}>Keep the key</button>
            <button type="submit" class="danger" disabled={s.busy || !fingerprintMatches(typed, expected)}>Delete this key</button>
          </div>
        </form>
      )}
    </section>
  );
}
