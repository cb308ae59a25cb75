import { useState } from 'preact/hooks';
import { WordGrid, wordsErrorMessage } from '../../../components/WordGrid';
import type { InputError } from '../machine';

/** Type the BIP-39 words of a paper/metal backup for a drill. Errors name positions only. */
export function WordsEntry({ error, busy, onSubmit }: { error?: InputError; busy?: boolean; onSubmit: (text: string) => void }) {
  const [count, setCount] = useState<number>(12);
  const [words, setWords] = useState<string[]>(() => Array(24).fill(''));
  const set = (i: number, v: string) => setWords((ws) => ws.map((x, j) => (j === i ? v.toLowerCase() : x)));
  const message = wordsErrorMessage(error);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(words.slice(0, count).join(' ')); setWords(Array(24).fill('')); }}>
      <WordGrid idPrefix="drill-word-" count={count} onCount={setCount} words={words} invalidPosition={error?.position} onWord={set} />
      {message && <p class="field-error" role="alert">{message}</p>}
      <div class="actions"><button type="submit" class="primary" disabled={busy}>Check these words</button></div>
    </form>
  );
}
