import { useState } from 'preact/hooks';
import type { ErrorCode } from '../../../../../shared/errors';
import { WORD_COUNTS, WordGrid, wordsErrorMessage } from '../../../components/WordGrid';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import { Bip39Passphrase } from './Bip39Passphrase';

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
  const set = (i: number, v: string) => setWords((ws) => ws.map((x, j) => (j === i ? v : x)));
  const pasteMany = (start: number, text: string) => {
    const parts = text.trim().split(/\s+/);
    const total = start + parts.length;
    if ((WORD_COUNTS as readonly number[]).includes(total)) setCount(total);
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
  const message = wordsErrorMessage(error);
  return (
    <form class="step" onSubmit={submit}>
      <h2>Import recovery words</h2>
      <p>Type each word (suggestions appear after a few letters; ↓ ↑ to choose, Enter or Space to accept), or paste the whole phrase into word 1.</p>
      <WordGrid idPrefix="word-" count={count} onCount={setCount} words={words} invalidPosition={error?.position} onWord={set} onPasteMany={pasteMany} />
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
