import { revealedWords } from '../secrets';
import { PrintSheet, printSheet, STANDARD_PATHS } from '../../../components/PrintSheet';
import { useVeil } from '../../../components/use-veil';

/** The revealed key's BIP-39 words on screen and on a printable words sheet (render-local only). */
export function WordsSheet({ label, fingerprint, onDone }: { label: string; fingerprint: string; onDone: () => void }) {
  useVeil();
  const words = revealedWords();
  return (
    <section class="step">
      <h2>Recovery words of “{label}”</h2>
      <ol class="word-grid" data-testid="key-words" aria-label="Recovery words">
        {words.map((w, i) => <li key={i}><span class="n">{i + 1}</span><span class="w">{w}</span></li>)}
      </ol>
      <PrintSheet kind="words" title={`BIP-39 recovery words — ${words.length} words`} label={label} fingerprint={fingerprint} date={Date.now()} paths={STANDARD_PATHS} secret>
        <ol class="sheet-words">{words.map((w, i) => <li key={i}><span class="n">{i + 1}.</span><span class="w">{w}</span></li>)}</ol>
      </PrintSheet>
      <div class="actions">
        <button type="button" onClick={printSheet}>Print the words sheet</button>
        <button type="button" class="primary" onClick={onDone}>Hide the words</button>
      </div>
    </section>
  );
}
