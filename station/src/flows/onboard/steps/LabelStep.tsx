import { useState } from 'preact/hooks';
import { AppError, userMessage, type ErrorCode } from '../../../../../shared/errors';
import { FieldError } from '../../../components/ErrorPanel';
import { ConfirmCancel } from '../../../components/ConfirmCancel';

/** Show the master fingerprint, name the key, save it encrypted. */
export function LabelStep({ source, fingerprint, wordCount, busy, error, onSave, onCancel }: {
  source: 'created' | 'imported';
  fingerprint: string;
  wordCount: number;
  busy?: boolean;
  error?: ErrorCode;
  onSave: (label: string) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState('');
  const [tried, setTried] = useState(false);
  const clean = label.trim();
  const submit = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (clean.length > 0 && clean.length <= 64) onSave(clean);
  };
  return (
    <form class="step" onSubmit={submit}>
      <h2>{source === 'created' ? 'Backup checked' : `${wordCount} words accepted`}</h2>
      <div class="panel">
        <p>Master fingerprint of this key:</p>
        <p class="fingerprint" data-testid="fingerprint">{fingerprint}</p>
        <p class="muted">Other wallets show the same 8 characters for the same words (and passphrase). Note it next to your backup.</p>
      </div>
      <label>
        Name for this key (only stored on this computer)
        <input type="text" value={label} maxLength={64} placeholder="e.g. Savings" onInput={(e) => setLabel(e.currentTarget.value)} />
      </label>
      <FieldError text={tried && clean.length === 0 ? 'Give the key a name.' : null} />
      <FieldError text={error ? userMessage(new AppError(error)) : null} />
      <div class="actions">
        <ConfirmCancel onCancel={onCancel} question="Discard this key? It will not be saved." />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Encrypting…' : 'Save key (encrypted)'}</button>
      </div>
    </form>
  );
}
