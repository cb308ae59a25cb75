import { useVeil } from '../../../components/use-veil';
import { shareWords } from '../../backup/secrets';
import { PrintSheet, printSheet, STANDARD_PATHS } from '../../../components/PrintSheet';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import { shareRefs, shareTitle, planSummary, type SetInfo } from '../machine';

/**
 * One share at a time: its number, its words (the last 3 words are the share's RS1024 checksum,
 * so a wrong word is caught on restore) and its print sheet. The words come from the backup
 * secret holder into a render-local variable only.
 */
export function ShowShare({ set, index, label, onNext, onPrevious, onCancel }: {
  set: SetInfo;
  index: number;
  label: string;
  onNext: () => void;
  onPrevious: () => void;
  onCancel: () => void;
}) {
  useVeil();
  const refs = shareRefs(set);
  const ref = refs[index];
  const title = shareTitle(set, ref);
  const words = shareWords(ref.group, ref.member);
  const last = index === refs.length - 1;
  return (
    <section class="step" data-share-index={index} data-share-group={ref.group + 1} data-share-member={ref.member + 1}>
      <p class="muted">Card {index + 1} of {refs.length} · {planSummary(set)}</p>
      <h2 data-testid="share-title">{title}</h2>
      <p>Write these {words.length} words on card {index + 1}, in order, with the title above. Give each card to a different person or place.</p>
      <ol class="word-grid" data-testid="share-words" aria-label={`${title}: words`}>
        {words.map((w, i) => <li key={i}><span class="n">{i + 1}</span><span class="w">{w}</span></li>)}
      </ol>
      <PrintSheet kind="share" title={`SLIP-39 ${title}`} label={label} fingerprint={set.fingerprint} date={Date.now()} paths={STANDARD_PATHS} secret>
        <p class="sheet-note">{planSummary(set)} Made from BIP-39 recovery words: restore with Airlock (“Restore from SLIP-39 shares”). A Trezor would open a different wallet.</p>
        <ol class="sheet-words">
          {words.map((w, i) => <li key={i}><span class="n">{i + 1}.</span><span class="w">{w}</span></li>)}
        </ol>
      </PrintSheet>
      <div class="actions">
        <ConfirmCancel onCancel={onCancel} question="Stop? Shares already written down stay valid only with the rest of this set." />
        <button type="button" class="secondary" disabled={index === 0} onClick={onPrevious}>Previous share</button>
        <button type="button" onClick={printSheet}>Print this share</button>
        <button type="button" class="primary" onClick={onNext}>{last ? 'I wrote down every share' : 'Next share'}</button>
      </div>
    </section>
  );
}
