import { useState } from 'preact/hooks';
import { AppError, userMessage, type ErrorCode } from '../../../../../shared/errors';
import { WordField } from '../../../components/WordField';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import { Bip39Passphrase } from './Bip39Passphrase';

const COUNTS = [12, 15, 18, 21, 24] as const;

/**
 * Type (with autocompletion) or paste recovery words. The words stay in this component's state
 * until submitted; the flow turns them into entropy at once and this step unmounts.
 * Errors name the position only, never the word (USER_MESSAGES 'mnemonic/*').
 */
export function ImportStep({ error, onSubmit, onBack, onCancel }: {
  error?: { code: ErrorCode; position?: number };
  onSubmit: (phrase: string, bip39Passphrase: string) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const [count, setCount] = useState<number>(12);
  const [words, setWords] = useState<string[]>(() => Array(24).fill(''));
  const [usePass, setUsePass] = useState(false);
  const [pass, setPass] = useState('');
  const focus = (i: number) => document.getElementById(`word-${i + 1}`)?.focus();
  const set = (i: number, v: string) => setWords((ws) => ws.map((x, j) => (j === i ? v : x)));
  const pasteMany = (start: number, text: string) => {
    const parts = text.trim().split(/\s+/);
    const total = start + parts.length;
    if ((COUNTS as readonly number[]).includes(total)) setCount(total);
    else if (total > count) setCount(24);
    setWords((ws) => {
      const next = [...ws];
      parts.slice(0, 24 - start).forEach((p, k) => (next[start + k] = p.toLowerCase()));
      return next;
    });
  };
  const submit = (e: Event) => {
    e.preventDefault();
    onSubmit(words.slice(0, count).join(' '), usePass ? pass : '');
  };
  const message = error ? userMessage(new AppError(error.code, error.position === undefined ? undefined : { position: error.position })) : null;
  return (
    <form class="step" onSubmit={submit}>
      <h2>Import recovery words</h2>
      <p>Type each word (suggestions appear after a few letters; ↓ ↑ to choose, Enter or Space to accept), or paste the whole phrase into word 1.</p>
      <label class="inline">
        Number of words{' '}
        <select value={String(count)} onChange={(e) => setCount(Number(e.currentTarget.value))}>
          {COUNTS.map((c) => <option key={c} value={String(c)}>{c}</option>)}
        </select>
      </label>
      <div class="word-inputs">
        {Array.from({ length: count }, (_, i) => (
          <WordField key={i} id={`word-${i + 1}`} label={String(i + 1)} ariaLabel={`Word ${i + 1}`} value={words[i]}
            invalid={error?.position === i + 1}
            onValue={(v) => set(i, v)} onNext={() => focus(i + 1)} onPasteMany={(t) => pasteMany(i, t)} />
        ))}
      </div>
      <Bip39Passphrase enabled={usePass} value={pass} confirm="" needConfirm={false}
        onEnabled={setUsePass} onValue={setPass} onConfirm={() => undefined} />
      {message && <p class="field-error" role="alert" data-testid="import-error">{message}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>Back</button>
        <ConfirmCancel onCancel={onCancel} />
        <button type="submit" class="primary">Check and continue</button>
      </div>
    </form>
  );
}
