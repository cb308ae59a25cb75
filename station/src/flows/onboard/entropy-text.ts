/**
 * Plain-language descriptions of user-entropy analysis (shared/keys/entropy.ts) for the create
 * step. Pure; no secrets (a repeated die face is not a secret once mixed with the CSPRNG).
 */
import { AppError } from '../../../../shared/errors';
import { analyzeCoins, analyzeDice, type DiceWarning, type EntropyAnalysis } from '../../../../shared/keys/entropy';

export function describeWarning(w: DiceWarning, unit: 'roll' | 'flip'): string {
  const units = `${unit}s`;
  switch (w.kind) {
    case 'repetition':
      return `${w.run} identical ${units} in a row starting at ${unit} ${w.position}. That is very unlikely with a fair ${unit === 'roll' ? 'die' : 'coin'}.`;
    case 'proportion':
      return `One value appears ${w.count} times in ${w.window} ${units} — far more often than chance would allow.`;
    case 'all-same':
      return `Every ${unit} is the same. These ${units} add no randomness.`;
    case 'few-samples':
      return `These ${units} contribute about ${w.bits} bits, less than the ${w.targetBits} bits of the key. That is fine: they are mixed with the computer's random generator, which provides the rest.`;
  }
}

export type EntropyView =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ok'; analysis: EntropyAnalysis };

/** Analyse typed dice rolls / coin flips for display; invalid characters become a message, not a throw. */
export function viewEntropy(text: string, unit: 'roll' | 'flip', targetBits: number): EntropyView {
  if (text.replace(/\s+/g, '') === '') return { kind: 'empty' };
  try {
    return { kind: 'ok', analysis: unit === 'roll' ? analyzeDice(text, targetBits) : analyzeCoins(text, targetBits) };
  } catch (e) {
    if (e instanceof AppError) {
      return { kind: 'invalid', message: unit === 'roll' ? 'Dice rolls must be digits 1 to 6 (spaces are ignored).' : 'Coin flips must be H or T (or 1 and 0; spaces are ignored).' };
    }
    throw e;
  }
}
