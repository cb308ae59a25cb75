/**
 * Spending policies screen: the rules in words, add/edit/remove, and the passphrase step that
 * saves (and logs) the change. Enforcement happens in the sign flows through <PolicyGate>.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { AppError, userMessage } from '../../../../shared/errors';
import { codeOrLock } from '../../state/actions';
import { navigate } from '../../state/session';
import { FieldError } from '../../components/ErrorPanel';
import { loadPolicy, savePolicy } from './store';
import { ruleSummary } from './rule-form';
import { initialState, transition, type Event, type State } from './machine';
import { RuleEditor } from './RuleEditor';

export function PoliciesFlow() {
  const state = useSignal<State>(initialState);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const [pass, setPass] = useState('');
  useEffect(() => {
    loadPolicy().then((policy) => send({ type: 'loaded', policy }), (e) => send({ type: 'load-failed', code: codeOrLock(e) }));
  }, []);
  const s = state.value;

  const save = async (ev: SubmitEvent) => {
    ev.preventDefault();
    const cur = state.value;
    if (cur.step !== 'confirm' || cur.busy) return;
    send({ type: 'submit-passphrase' });
    try {
      await savePolicy(cur.next, pass);
      setPass('');
      send({ type: 'saved', policy: cur.next });
    } catch (e) {
      setPass('');
      send({ type: 'save-failed', code: e instanceof AppError ? e.code : codeOrLock(e) });
    }
  };

  switch (s.step) {
    case 'loading':
      return <section class="step"><h2>Spending policies</h2><p class="muted">Reading the policy…</p></section>;
    case 'failed':
      return (
        <section class="step">
          <h2>Spending policies</h2>
          <div class="panel error" role="alert">{userMessage(new AppError(s.code))}</div>
          <button type="button" onClick={() => navigate('home')}>Back to home</button>
        </section>
      );
    case 'list':
      return (
        <section class="step wide" data-step="policies">
          <h2>Spending policies</h2>
          <p>Limits the station enforces before it signs: a maximum per transaction, a maximum per rolling 24 hours (counted from the audit log), a list of allowed destinations, and a second confirmation above an amount. Every rule that applies must allow a spend.</p>
          {s.notice && <p class="notice info" role="status">{s.notice}</p>}
          {s.policy.rules.length === 0 ? <p class="panel">No rules: the station signs any amount you approve.</p> : (
            <ul class="accounts">
              {s.policy.rules.map((r, i) => (
                <li class="account" key={i} data-rule-index={i}>
                  <strong>{r.name || `Rule ${i + 1}`}</strong>
                  <p>{ruleSummary(r)}</p>
                  <div class="actions">
                    <button type="button" onClick={() => send({ type: 'edit', index: i })}>Edit</button>
                    <button type="button" class="danger" onClick={() => send({ type: 'remove', index: i })}>Remove…</button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div class="actions">
            <button type="button" class="primary" onClick={() => send({ type: 'add' })}>Add a rule</button>
            <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
          </div>
        </section>
      );
    case 'edit':
      return (
        <RuleEditor form={s.form} isNew={s.index === null} error={s.error} onChange={(form) => send({ type: 'form', form })}
          onSave={() => send({ type: 'save-rule' })} onCancel={() => send({ type: 'cancel' })} />
      );
    case 'confirm':
      return (
        <section class="step" data-step="policy-passphrase">
          <h2>Confirm the policy change</h2>
          <p class="panel">{s.change}</p>
          <p>Changing a policy needs the vault passphrase, so that someone at an unlocked station cannot quietly lift your limits. The change is recorded in the audit log.</p>
          <form onSubmit={save}>
            <label>Vault passphrase<input type="password" autocomplete="current-password" value={pass} onInput={(e) => setPass(e.currentTarget.value)} /></label>
            <FieldError text={s.error ? userMessage(new AppError(s.error)) : null} />
            <div class="actions">
              <button type="submit" class="primary" disabled={s.busy || !pass}>{s.busy ? 'Checking…' : 'Save policy'}</button>
              <button type="button" class="secondary" disabled={s.busy} onClick={() => { setPass(''); send({ type: 'cancel' }); }}>Cancel</button>
            </div>
          </form>
        </section>
      );
  }
}
