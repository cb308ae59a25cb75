import { useState } from 'preact/hooks';
import { userMessage, AppError, type ErrorCode } from '../../../../../shared/errors';
import { FieldError } from '../../../components/ErrorPanel';
import { ConfirmCancel } from '../../../components/ConfirmCancel';
import type { WordCount } from '../machine';
import { EntropyInput } from './EntropyInput';
import { Bip39Passphrase } from './Bip39Passphrase';
import { viewEntropy } from '../entropy-text';

export interface CreateOptions {
  wordCount: WordCount;
  dice: string;
  coins: string;
  bip39Passphrase: string;
}

/** Word count, optional dice/coins, optional BIP-39 passphrase. Values stay in this component. */
export function CreateOptionsStep({ error, busy, onGenerate, onBack, onCancel }: {
  error?: ErrorCode;
  busy?: boolean;
  onGenerate: (o: CreateOptions) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const [wordCount, setWordCount] = useState<WordCount>(24);
  const [dice, setDice] = useState('');
  const [coins, setCoins] = useState('');
  const [usePass, setUsePass] = useState(false);
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const bits = wordCount === 24 ? 256 : 128;
  const submit = (e: Event) => {
    e.preventDefault();
    if (viewEntropy(dice, 'roll', bits).kind === 'invalid' || viewEntropy(coins, 'flip', bits).kind === 'invalid') {
      setProblem('Fix the dice rolls or coin flips first, or clear them.');
      return;
    }
    if (usePass && pass === '') return setProblem('Type the BIP-39 passphrase, or untick the box.');
    if (usePass && pass !== pass2) return setProblem('The two BIP-39 passphrases are different.');
    setProblem(null);
    onGenerate({ wordCount, dice, coins, bip39Passphrase: usePass ? pass : '' });
  };
  return (
    <form class="step" onSubmit={submit}>
      <h2>Create a new key</h2>
      <fieldset>
        <legend>Number of recovery words</legend>
        <label class="check"><input type="radio" name="wc" checked={wordCount === 24} onChange={() => setWordCount(24)} /> 24 words (recommended, 256 bits)</label>
        <label class="check"><input type="radio" name="wc" checked={wordCount === 12} onChange={() => setWordCount(12)} /> 12 words (128 bits)</label>
      </fieldset>
      <fieldset>
        <legend>Your own randomness (optional)</legend>
        <p class="muted">
          Roll real dice and type the results. They are <em>mixed</em> with the computer's random generator
          (SHA-256), never used instead of it — so even bad rolls cannot weaken the key, and honest rolls
          protect you if the computer's generator were faulty. {Math.ceil(bits / Math.log2(6))} rolls give {bits} bits.
        </p>
        <EntropyInput unit="roll" value={dice} targetBits={bits} onValue={setDice} />
        <EntropyInput unit="flip" value={coins} targetBits={bits} onValue={setCoins} />
      </fieldset>
      <Bip39Passphrase enabled={usePass} value={pass} confirm={pass2} needConfirm
        onEnabled={setUsePass} onValue={setPass} onConfirm={setPass2} />
      <FieldError text={problem} />
      <FieldError text={error ? userMessage(new AppError(error)) : null} />
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>Back</button>
        <ConfirmCancel onCancel={onCancel} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Generating…' : 'Generate the words'}</button>
      </div>
    </form>
  );
}
