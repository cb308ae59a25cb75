import { describeWarning, viewEntropy } from '../entropy-text';

/** A textarea for dice rolls or coin flips with live count, bits and health warnings. */
export function EntropyInput({ unit, value, targetBits, onValue }: {
  unit: 'roll' | 'flip';
  value: string;
  targetBits: number;
  onValue: (v: string) => void;
}) {
  const view = viewEntropy(value, unit, targetBits);
  const id = `entropy-${unit}`;
  const perSample = unit === 'roll' ? 'log2(6) ≈ 2.58 bits per roll' : '1 bit per flip';
  return (
    <div class="entropy">
      <label for={id}>{unit === 'roll' ? 'Dice rolls (digits 1–6)' : 'Coin flips (H or T)'}</label>
      <textarea id={id} rows={3} spellcheck={false} autoComplete="off" value={value}
        placeholder={unit === 'roll' ? 'e.g. 3 6 1 4 4 2 5 …' : 'e.g. H T T H …'}
        onInput={(e) => onValue(e.currentTarget.value)} />
      {view.kind === 'invalid' && <p class="field-error" role="alert">{view.message}</p>}
      {view.kind === 'ok' && (
        <div class="entropy-stats" data-testid={`${unit}-stats`}>
          <p>
            <strong>{view.analysis.rolls}</strong> {unit}{view.analysis.rolls === 1 ? '' : 's'} →{' '}
            <strong>{Math.floor(view.analysis.bits)}</strong> bits ({perSample}; the key needs {targetBits}).
          </p>
          {view.analysis.warnings.map((w, i) => (
            <p key={i} class={w.kind === 'few-samples' ? 'muted' : 'warning'}>{describeWarning(w, unit)}</p>
          ))}
        </div>
      )}
    </div>
  );
}
