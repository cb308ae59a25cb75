/**
 * Add-a-Ledger flow (issue 8): intro (what is needed; WebUSB availability) → connecting (browser
 * chooser, Bitcoin app check, fingerprint + xpubs) → found (label, save) → saved; any failure → error
 * (its message, Try again). Pure: no Preact, no device.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { AccountXpub } from '../../../../shared/keys/accounts';

export interface FoundDevice {
  fingerprint: string;
  model: string;
  app: { name: string; version: string };
  btc: AccountXpub[];
}

export type State =
  | { step: 'intro' }
  | { step: 'connecting' }
  | { step: 'found'; device: FoundDevice }
  | { step: 'saved'; id: string; label: string }
  | { step: 'error'; code: ErrorCode; detail?: Record<string, string | number> };

export type Event =
  | { type: 'connect' }
  | { type: 'found'; device: FoundDevice }
  | { type: 'failed'; code: ErrorCode; detail?: Record<string, string | number> }
  | { type: 'saved'; id: string; label: string }
  | { type: 'retry' };

export const initialState: State = { step: 'intro' };

export function transition(s: State, e: Event): State {
  if (e.type === 'retry') return { step: 'intro' };
  if (e.type === 'failed') return s.step === 'connecting' || s.step === 'found' ? { step: 'error', code: e.code, detail: e.detail } : s;
  switch (s.step) {
    case 'intro':
      return e.type === 'connect' ? { step: 'connecting' } : s;
    case 'connecting':
      return e.type === 'found' ? { step: 'found', device: e.device } : s;
    case 'found':
      return e.type === 'saved' ? { step: 'saved', id: e.id, label: e.label } : s;
    default:
      return s;
  }
}
