import { useState } from 'preact/hooks';
import { AppError, userMessage } from '../../../../../shared/errors';
import { WordField } from '../../../components/WordField';
import type { InputError } from '../machine';

const COUNTS = [12, 15, 18, 21, 24] as const;

/** Type the BIP-39 words of a paper/metal backup for a drill. Errors name positions only. */
export function WordsEntry({ error, busy, onSubmit }: { error?: InputError; busy?: boolean; onSubmit: (text: string) => void }) {
  const [count, setCount] = useState<number>(12);
  const [words, setWords] = useState<string[]>(() => Array(24).fill(''));
  const set = (i: number, v: string) => setWords((ws) => ws.map((x, j) => (j === i ? v.toLowerCase() : x)));
  const message = error ? userMessage(new AppError(error.code, error.position === undefined ? undefined : { position: error.position })) : null;
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(words.slice(0, count).join(' ')); setWords(Array(24).fill('')); }}>
      <label class="inline">
        Number of words{' '}
        <select value={String(count)} onChange={(e) => setCount(Number(e.currentTarget.value))}>
          {COUNTS.map((c) => <option key={c} value={String(c)}>{c}</option>)}
        </select>
      </label>
      <div class="word-inputs">
        {Array.from({ length: count }, (_, i) => (
          <WordField key={i} id={`drill-word-${i + 1}`} label={String(i + 1)} ariaLabel={`Word ${i + 1}`} value={words[i]}
            invalid={error?.position === i + 1} onValue={(v) => set(i, v)} onNext={() => document.getElementById(`drill-word-${i + 2}`)?.focus()} />
        ))}
      </div>
      {message && <p class="field-error" role="alert">{message}</p>}
      <div class="actions"><button type="submit" class="primary" disabled={busy}>Check these words</button></div>
    </form>
  );
}
