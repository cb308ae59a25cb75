import { useState } from 'preact/hooks';
import { AppError, userMessage } from '../../../../../shared/errors';
import { SLIP39_WORDLIST, slip39WordIndex } from '../../../../../shared/backup/slip39-wordlist';
import type { ShareEntry as EntryStatus } from '../../backup/secrets';
import { WordField } from '../../../components/WordField';
import { progressText } from '../machine';

/** SLIP-39 autocompletion for WordField (words are unique by their first 4 letters). */
export const SLIP39_WORDS = {
  known: (w: string) => slip39WordIndex(w) !== undefined,
  suggest: (prefix: string, limit: number) => SLIP39_WORDLIST.filter((w) => w.startsWith(prefix)).slice(0, limit),
};

const LENGTHS = [20, 33] as const;

/**
 * Type SLIP-39 shares one by one. The words of the share being typed stay in this component until
 * "Add this share" hands them to the backup secret holder, then the fields are cleared. Progress
 * and refusals name shares by their position, never echo a word.
 */
export function ShareEntry({ status, busy, onAdd, onRemove, onCombine, children }: {
  status: EntryStatus;
  busy?: boolean;
  onAdd: (text: string) => boolean;
  onRemove: (position: number) => void;
  onCombine: () => void;
  children?: preact.ComponentChildren;
}) {
  const [count, setCount] = useState<number>(20);
  const [words, setWords] = useState<string[]>(() => Array(33).fill(''));
  const set = (i: number, v: string) => setWords((ws) => ws.map((x, j) => (j === i ? v.toLowerCase() : x)));
  const focus = (i: number) => document.getElementById(`share-word-${i + 1}`)?.focus();
  const pasteMany = (start: number, text: string) => {
    const parts = text.trim().toLowerCase().split(/\s+/);
    if (start === 0 && (LENGTHS as readonly number[]).includes(parts.length)) setCount(parts.length);
    setWords((ws) => {
      const next = [...ws];
      parts.slice(0, 33 - start).forEach((p, k) => (next[start + k] = p));
      return next;
    });
  };
  const add = (e: Event) => {
    e.preventDefault();
    if (onAdd(words.slice(0, count).join(' '))) setWords(Array(33).fill(''));
  };
  const p = status.progress;
  const nextNo = status.entered + 1;
  const filled = words.slice(0, count).every((w) => w.trim() !== '');
  return (
    <div class="share-entry">
      <p class="panel" role="status" data-testid="share-progress" data-kind={p.kind}>
        {status.entered} share{status.entered === 1 ? '' : 's'} entered. {progressText(p)}
      </p>
      {status.entered > 0 && (
        <ul class="facts entered-shares">
          {Array.from({ length: status.entered }, (_, i) => (
            <li key={i}>Share {i + 1} ✓ <button type="button" class="secondary" onClick={() => onRemove(i + 1)}>Remove share {i + 1}</button></li>
          ))}
        </ul>
      )}
      {status.refused && (
        <p class="field-error" role="alert" data-testid="share-error" data-code={status.refused.code}>
          {userMessage(new AppError(status.refused.code, { share: status.refused.share }))} It was not added.
        </p>
      )}
      {p.kind !== 'ready' && (
        <form onSubmit={add}>
          <h3>Share {nextNo}</h3>
          <label class="inline">
            Words in this share{' '}
            <select value={String(count)} onChange={(e) => setCount(Number(e.currentTarget.value))}>
              {LENGTHS.map((c) => <option key={c} value={String(c)}>{c}</option>)}
            </select>
          </label>
          <div class="word-inputs">
            {Array.from({ length: count }, (_, i) => (
              <WordField key={i} id={`share-word-${i + 1}`} label={String(i + 1)} ariaLabel={`Share word ${i + 1}`} value={words[i]}
                wordlist={SLIP39_WORDS} onValue={(v) => set(i, v)} onNext={() => focus(i + 1)} onPasteMany={(t) => pasteMany(i, t)} />
            ))}
          </div>
          <div class="actions">
            <button type="submit" class="primary" disabled={!filled}>Add share {nextNo}</button>
          </div>
        </form>
      )}
      {children}
      {p.kind === 'ready' && (
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={onCombine}>{busy ? 'Restoring…' : 'Restore from these shares'}</button>
        </div>
      )}
    </div>
  );
}
