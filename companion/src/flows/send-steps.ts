/**
 * The steps both send flows (bitcoin, ethereum) share: loading → form → building → review → show →
 * scan, and the scan step's refused answer / show again / cancel. Generic over the pending send `P`.
 * Each flow's machine handles its own answer events and the final/broadcast steps, then delegates
 * the rest here. Pure: no Preact, no storage, no network.
 */

/** The states shared by the send flows, for a pending send `P`. */
export type SendState<P> =
  | { step: 'loading' }
  | { step: 'form'; error?: unknown }
  | { step: 'building' }
  | { step: 'review'; p: P }
  | { step: 'show'; p: P }
  | { step: 'scan'; p: P; attempt: number; error?: unknown };

/** The events shared by the send flows, for a pending send `P`. */
export type SendEvent<P> =
  /** the stored pending send of this account (null: none) */
  | { type: 'loaded'; pending: P | null }
  | { type: 'submit' }
  | { type: 'built'; p: P }
  | { type: 'failed'; error: unknown }
  | { type: 'back' }
  /** the pending send was saved: show it to the station */
  | { type: 'show' }
  | { type: 'scan' }
  | { type: 'answer-rejected'; error: unknown }
  /** the pending send was discarded */
  | { type: 'cancel' };

/**
 * Next state of a shared step. `e` is the flow's own event union, which contains SendEvent<P>;
 * events of any other type leave the state unchanged here.
 */
export function sendTransition<P>(s: SendState<P>, event: { type: string }): SendState<P> {
  const e = event as SendEvent<P>;
  switch (s.step) {
    case 'loading':
      if (e.type !== 'loaded') return s;
      return e.pending ? { step: 'scan', p: e.pending, attempt: 0 } : { step: 'form' };
    case 'form':
      return e.type === 'submit' ? { step: 'building' } : s;
    case 'building':
      if (e.type === 'built') return { step: 'review', p: e.p };
      if (e.type === 'failed') return { step: 'form', error: e.error };
      return s;
    case 'review':
      if (e.type === 'show') return { step: 'show', p: s.p };
      if (e.type === 'back') return { step: 'form' };
      return s;
    case 'show':
      if (e.type === 'scan') return { step: 'scan', p: s.p, attempt: 0 };
      if (e.type === 'cancel') return { step: 'form' };
      return s;
    case 'scan':
      switch (e.type) {
        case 'answer-rejected': return { ...s, attempt: s.attempt + 1, error: e.error };
        case 'show': return { step: 'show', p: s.p };
        case 'cancel': return { step: 'form' };
        default: return s;
      }
    default:
      return s;
  }
}

/** The error to show above the current step of a send flow, if any. */
export function errorOf(s: { step: string; error?: unknown }): unknown {
  return 'error' in s && s.error !== undefined ? s.error : null;
}

/** The step a send flow's screen shows (its data-step): building shows the form, broadcasting the final look. */
export function shownStep(s: { step: string }): string {
  return s.step === 'building' ? 'form' : s.step === 'broadcasting' ? 'final' : s.step;
}
