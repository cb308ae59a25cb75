import { describe, expect, it } from 'vitest';
import { initialState, transition, type Event, type State } from '../../station/src/flows/settings/machine';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);

describe('change vault passphrase flow', () => {
  it('mismatch and wrong current passphrase keep the form; success shows changed', () => {
    run(initialState, [
      { send: { type: 'invalid', reason: 'mismatch' } },
      { expect: 'form', where: (s) => expect(s).toEqual({ step: 'form', error: 'mismatch' }) },
      { send: { type: 'submitted' } },
      { expect: 'changing' },
      { send: { type: 'failed', code: 'vault/wrong-password' } },
      { expect: 'form', where: (s) => expect(s).toEqual({ step: 'form', error: 'vault/wrong-password' }) },
      { send: { type: 'submitted' } },
      { send: { type: 'succeeded' } },
      { expect: 'changed' },
      { send: { type: 'again' } },
      { expect: 'form', where: (s) => expect(s).toEqual({ step: 'form' }) },
    ]);
  });

  it('nothing interrupts a running re-encryption but its own result', () => {
    const s: State = { step: 'changing' };
    expect(transition(s, { type: 'submitted' })).toBe(s);
    expect(transition(s, { type: 'invalid', reason: 'too-short' })).toBe(s);
  });
});
