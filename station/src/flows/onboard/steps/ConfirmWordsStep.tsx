import { useState } from 'preact/hooks';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import { WordField } from '../../../components/WordField';

/** Backup check: re-type the words at a few random positions from the written copy. */
export function ConfirmWordsStep({ positions, wrong, attempts, onCheck, onShowAgain, onCancel }: {
  positions: number[];
  wrong: number[];
  attempts: number;
  onCheck: (answers: { position: number; word: string }[]) => void;
  onShowAgain: () => void;
  onCancel: () => void;
}) {
  const [answers, setAnswers] = useState<string[]>(() => positions.map(() => ''));
  const submit = (e: Event) => {
    e.preventDefault();
    onCheck(positions.map((position, i) => ({ position, word: answers[i] })));
  };
  const set = (i: number, v: string) => setAnswers((a) => a.map((x, j) => (j === i ? v : x)));
  return (
    <form class="step" onSubmit={submit}>
      <h2>Check your written copy</h2>
      <p>Type these words from your paper. This proves the backup is readable before the key is saved.</p>
      <div class="quiz">
        {positions.map((p, i) => (
          <WordField key={p} id={`quiz-${p}`} label={`Word ${p}`} value={answers[i]} invalid={wrong.includes(p)}
            onValue={(v) => set(i, v)} />
        ))}
      </div>
      {wrong.length > 0 && (
        <p class="field-error" role="alert">
          {wrong.length === 1 ? `Word ${wrong[0]} does not match.` : `Words ${wrong.join(', ')} do not match.`}{' '}
          Check your written copy{attempts >= 2 ? ', or look at the words again and correct the paper' : ''}, then try again.
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={onShowAgain}>Show the words again</button>
        <ConfirmCancel onCancel={onCancel} question="Discard this key? It will not be saved." />
        <button type="submit" class="primary">Check</button>
      </div>
    </form>
  );
}
