/**
 * Text input/textarea that refuses secrets as they are typed or pasted: if the value looks like
 * recovery words, an xprv, a WIF or a raw private key it is cleared at once (never stored, never sent)
 * and a warning is shown.
 */
import { useState } from 'preact/hooks';
import { userMessage, AppError } from '../../../shared/errors';
import { detectSecret } from '../watch/secrets';

export function SecretGuardInput(props: { id: string; label: string; value: string; onValue: (v: string) => void; multiline?: boolean; placeholder?: string }) {
  const [refused, setRefused] = useState(false);
  const onInput = (e: Event) => {
    const v = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    if (detectSecret(v)) {
      (e.currentTarget as HTMLInputElement).value = '';
      setRefused(true);
      props.onValue('');
      return;
    }
    setRefused(false);
    props.onValue(v);
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline
        ? <textarea id={props.id} rows={4} value={props.value} onInput={onInput} placeholder={props.placeholder} spellcheck={false} autocomplete="off" />
        : <input id={props.id} type="text" value={props.value} onInput={onInput} placeholder={props.placeholder} spellcheck={false} autocomplete="off" />}
      {refused && <p class="secret-warning" role="alert" data-testid="secret-refused">{userMessage(new AppError('wallet/secret-refused'))}</p>}
    </div>
  );
}
