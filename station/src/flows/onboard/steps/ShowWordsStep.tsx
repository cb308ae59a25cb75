import { useState } from 'preact/hooks';
import { useVeil } from '../../../components/use-veil';
import { draftWords } from '../../../state/keyring';
import { ConfirmCancel } from '../../../components/ConfirmCancel';

/**
 * The one screen that shows recovery words. They come from the keyring into a render-local
 * variable (never a signal, state or prop) and are gone when this step unmounts.
 */
export function ShowWordsStep({ wordCount, onWritten, onCancel }: {
  wordCount: number;
  onWritten: () => void;
  onCancel: () => void;
}) {
  const [checked, setChecked] = useState(false);
  useVeil();
  const words = draftWords();
  return (
    <section class="step">
      <h2>Write down your {wordCount} recovery words</h2>
      <p>
        On paper, in this order, with their numbers. Anyone who sees these words can take the funds;
        anyone who loses them (and this computer) loses the funds. Never type them into a phone or an
        online computer, never photograph them.
      </p>
      <ol class="word-grid" data-testid="word-grid" aria-label="Recovery words">
        {words.map((w, i) => (
          <li key={i}><span class="n">{i + 1}</span><span class="w">{w}</span></li>
        ))}
      </ol>
      <label class="check">
        <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} />
        I wrote all {wordCount} words down, in order
      </label>
      <div class="actions">
        <ConfirmCancel onCancel={onCancel} question="Discard these words? This key will not be saved." />
        <button type="button" class="primary" disabled={!checked} onClick={onWritten}>Next: check my copy</button>
      </div>
    </section>
  );
}
