import { useState } from 'preact/hooks';
import { userMessage, AppError, type ErrorCode } from '../../../../../shared/errors';
import { checkNewPassphrase, passphraseStrength } from '../../../components/passphrase';
import { FieldError } from '../../../components/ErrorPanel';

/** First run: choose the vault passphrase (it encrypts every key stored on this machine). */
export function VaultPassphraseStep({ min, busy, error, onSubmit }: {
  min: number;
  busy?: boolean;
  error?: ErrorCode;
  onSubmit: (passphrase: string) => void;
}) {
  const [p, setP] = useState('');
  const [c, setC] = useState('');
  const [tried, setTried] = useState(false);
  const problem = checkNewPassphrase(p, c, min);
  const strength = passphraseStrength(p, min);
  const submit = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (problem === null) onSubmit(p);
  };
  return (
    <form onSubmit={submit} class="step">
      <h2>Welcome — set up this station</h2>
      <p>
        First choose a <strong>vault passphrase</strong>. Every key you create or import is stored on this
        computer, encrypted with it. You will type it each time you unlock the station.
      </p>
      <label>
        Vault passphrase
        <input type="password" autoComplete="new-password" value={p} onInput={(e) => setP(e.currentTarget.value)} />
      </label>
      <p class={`strength s${p === '' ? 'none' : strength.score}`} aria-live="polite">
        {p === '' ? `At least ${min} characters. Several random words are easy to type and hard to guess.` : <>Strength: <strong>{strength.label}</strong>. {strength.hint}</>}
      </p>
      <label>
        Type it again
        <input type="password" autoComplete="new-password" value={c} onInput={(e) => setC(e.currentTarget.value)} />
      </label>
      <FieldError text={tried && problem === 'too-short' ? `The vault passphrase must be at least ${min} characters.` : null} />
      <FieldError text={tried && problem === 'mismatch' ? 'The two passphrases are different.' : null} />
      <FieldError text={error ? userMessage(new AppError(error, { min })) : null} />
      <p class="muted">If you forget this passphrase, the keys in this vault can only be recovered from their written recovery words.</p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating the vault…' : 'Create vault'}</button>
      </div>
    </form>
  );
}
