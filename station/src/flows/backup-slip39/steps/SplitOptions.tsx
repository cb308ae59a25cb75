import { useState } from 'preact/hooks';
import { userMessage, AppError, type ErrorCode } from '../../../../../shared/errors';
import { parseGroups, planProblem, planSummary, simplePlan, type SplitPlan } from '../machine';
import { Slip39Caveat } from './Slip39Caveat';

type Choice = '2of3' | '3of5' | 'custom' | 'groups';

function planOf(choice: Choice, m: number, n: number, groupsText: string, groupsNeeded: number): SplitPlan | null {
  if (choice === '2of3') return simplePlan(2, 3);
  if (choice === '3of5') return simplePlan(3, 5);
  if (choice === 'custom') return simplePlan(m, n);
  const groups = parseGroups(groupsText);
  return groups ? { groupThreshold: groupsNeeded, groups } : null;
}

/** Choose how to split: common M-of-N presets, custom M-of-N, or groups ("2 of 3 groups"). */
export function SplitOptions({ label, hasPassphrase, busy, error, onSplit, onCancel }: {
  label: string;
  hasPassphrase: boolean;
  busy?: boolean;
  error?: ErrorCode;
  onSplit: (plan: SplitPlan) => void;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState<Choice>('2of3');
  const [m, setM] = useState(2);
  const [n, setN] = useState(3);
  const [groupsText, setGroupsText] = useState('2/3, 2/3, 1/1');
  const [groupsNeeded, setGroupsNeeded] = useState(2);
  const plan = planOf(choice, m, n, groupsText, groupsNeeded);
  const problem = plan ? planProblem(plan) : 'Write each group as shares-needed/shares, separated by commas, e.g. 2/3, 2/3, 1/1.';
  const radio = (c: Choice, text: string) => (
    <label class="check"><input type="radio" name="split" checked={choice === c} onChange={() => setChoice(c)} /> {text}</label>
  );
  return (
    <form class="step" onSubmit={(e) => { e.preventDefault(); if (plan && !problem) onSplit(plan); }}>
      <h2>Split “{label}” into SLIP-39 shares</h2>
      <p>Shamir shares: several share cards, of which only some are needed to restore the key. Fewer than that reveal nothing about it.</p>
      <Slip39Caveat hasPassphrase={hasPassphrase} />
      <fieldset>
        <legend>How many shares</legend>
        {radio('2of3', '2 of 3 shares (any 2 restore the key)')}
        {radio('3of5', '3 of 5 shares')}
        {radio('custom', 'Other: M of N shares')}
        {choice === 'custom' && (
          <div class="grouped">
            <label>Shares needed (M) <input type="number" min={1} max={16} value={m} onInput={(e) => setM(Number(e.currentTarget.value))} /></label>
            <label>Shares in total (N) <input type="number" min={1} max={16} value={n} onInput={(e) => setN(Number(e.currentTarget.value))} /></label>
          </div>
        )}
        {radio('groups', 'Groups (e.g. family, friends, lawyer)')}
        {choice === 'groups' && (
          <div>
            <label>Groups, as needed/total per group <input type="text" value={groupsText} onInput={(e) => setGroupsText(e.currentTarget.value)} /></label>
            <label>Groups needed <input type="number" min={1} max={16} value={groupsNeeded} onInput={(e) => setGroupsNeeded(Number(e.currentTarget.value))} /></label>
          </div>
        )}
      </fieldset>
      {plan && !problem && <p class="panel" data-testid="plan-summary">{planSummary(plan)}</p>}
      {problem && <p class="field-error" role="alert">{problem}</p>}
      {error && <p class="field-error" role="alert">{userMessage(new AppError(error))}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" class="primary" disabled={busy || !!problem}>{busy ? 'Making shares…' : 'Make the shares'}</button>
      </div>
    </form>
  );
}
