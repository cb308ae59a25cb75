/**
 * The BIP-39 word entry grid shared by onboarding import and the backup drill: a word-count choice
 * (12-24) and one autocompleting WordField per word; Enter/Space moves to the next word. The words
 * live in the caller's state. Errors name the position only (USER_MESSAGES 'mnemonic/*').
 */
import { AppError, userMessage, type ErrorCode } from '../../../shared/errors';
import { WordField } from './WordField';

export const WORD_COUNTS = [12, 15, 18, 21, 24] as const;

/** The user message for a words error, with the position it names; null without an error. */
export function wordsErrorMessage(error: { code: ErrorCode; position?: number } | undefined): string | null {
  return error ? userMessage(new AppError(error.code, error.position === undefined ? undefined : { position: error.position })) : null;
}

/** Word-count select and the first `count` word fields (ids `${idPrefix}1`…); `invalidPosition` from 1. */
export function WordGrid({ idPrefix, count, onCount, words, invalidPosition, onWord, onPasteMany }: {
  idPrefix: string;
  count: number;
  onCount: (n: number) => void;
  words: string[];
  invalidPosition?: number;
  onWord: (i: number, v: string) => void;
  onPasteMany?: (i: number, text: string) => void;
}) {
  return (
    <>
      <label class="inline">
        Number of words{' '}
        <select value={String(count)} onChange={(e) => onCount(Number(e.currentTarget.value))}>
          {WORD_COUNTS.map((c) => <option key={c} value={String(c)}>{c}</option>)}
        </select>
      </label>
      <div class="word-inputs">
        {Array.from({ length: count }, (_, i) => (
          <WordField key={i} id={`${idPrefix}${i + 1}`} label={String(i + 1)} ariaLabel={`Word ${i + 1}`} value={words[i]}
            invalid={invalidPosition === i + 1} onValue={(v) => onWord(i, v)} onNext={() => document.getElementById(`${idPrefix}${i + 2}`)?.focus()}
            onPasteMany={onPasteMany && ((t) => onPasteMany(i, t))} />
        ))}
      </div>
    </>
  );
}
