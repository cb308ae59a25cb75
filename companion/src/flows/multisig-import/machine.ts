/**
 * New multisig wallet flow: collect the stations' cosigner keys one after another (scan or paste;
 * the same key twice is refused), choose M, name it → preview (descriptor, first address) → adding →
 * added. A whole wallet (descriptor, Coldcard/Sparrow file, BSMS) read at "collect" goes straight to
 * the preview. Pure: no Preact, no storage; reading inputs (read.ts) and saving arrive as events.
 */
import type { Cosigner, MultisigWallet } from '../../../../shared/bitcoin/multisig';

export interface Collect {
  cosigners: Cosigner[];
  /** M, signatures required */
  threshold: number;
  /** bumps to give the user a fresh scanner after each scan */
  attempt: number;
  error?: unknown;
}

export type State =
  | ({ step: 'collect' } & Collect)
  | ({ step: 'preview'; wallet: MultisigWallet } & Collect)
  | ({ step: 'adding'; wallet: MultisigWallet } & Collect)
  | { step: 'added'; id: string };

export type Event =
  /** the list after a cosigner key was read (read.ts refuses duplicates) */
  | { type: 'cosigners'; cosigners: Cosigner[]; scanned: boolean }
  /** a wallet was read, or created from the collected keys */
  | { type: 'wallet'; wallet: MultisigWallet; scanned: boolean }
  | { type: 'rejected'; error: unknown; scanned: boolean }
  | { type: 'remove'; index: number }
  | { type: 'threshold'; m: number }
  | { type: 'back' }
  | { type: 'add' }
  | { type: 'added'; id: string }
  | { type: 'add-failed'; error: unknown };

export const initialState: State = { step: 'collect', cosigners: [], threshold: 2, attempt: 0 };

const collectOf = (s: Collect, scanned: boolean): Collect => ({ cosigners: s.cosigners, threshold: s.threshold, attempt: s.attempt + (scanned ? 1 : 0) });

export function transition(s: State, e: Event): State {
  switch (s.step) {
    case 'collect':
      switch (e.type) {
        case 'cosigners': {
          const c = collectOf(s, e.scanned);
          return { step: 'collect', ...c, cosigners: e.cosigners, threshold: Math.min(Math.max(s.threshold, 1), e.cosigners.length) };
        }
        case 'wallet': return { step: 'preview', wallet: e.wallet, ...collectOf(s, e.scanned) };
        case 'rejected': return { step: 'collect', ...collectOf(s, e.scanned), error: e.error };
        case 'remove': return { ...s, cosigners: s.cosigners.filter((_, j) => j !== e.index) };
        case 'threshold': return { ...s, threshold: e.m };
        default: return s;
      }
    case 'preview':
      if (e.type === 'back') return { step: 'collect', cosigners: s.cosigners, threshold: s.threshold, attempt: s.attempt, error: s.error };
      if (e.type === 'add') return { ...s, step: 'adding', error: undefined };
      return s;
    case 'adding':
      if (e.type === 'added') return { step: 'added', id: e.id };
      if (e.type === 'add-failed') return { ...s, step: 'preview', error: e.error };
      return s;
    default:
      return s;
  }
}

/** Choices for M: 1 … N (at least one choice before any key is in). */
export function thresholdChoices(cosigners: number): { m: number; text: string }[] {
  const n = Math.max(cosigners, 1);
  return Array.from({ length: n }, (_, i) => ({ m: i + 1, text: `${i + 1} of ${n}` }));
}
