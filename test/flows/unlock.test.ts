import { describe, expect, it } from 'vitest';
import { initialState, transition, type Event, type State } from '../../station/src/flows/unlock/machine';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);

describe('unlock flow', () => {
  it('wrong passphrase → message, attempts counted; right one → unlocked', () => {
    run(initialState, [
      { expect: 'enter' },
      { send: { type: 'submit', empty: false } },
      { expect: 'unlocking' },
      { send: { type: 'failed', code: 'vault/wrong-password' } },
      { expect: 'enter', where: (s) => expect(s).toEqual({ step: 'enter', error: 'vault/wrong-password', attempts: 1 }) },
      { send: { type: 'submit', empty: false } },
      { send: { type: 'succeeded' } },
      { expect: 'unlocked' },
    ]);
  });

  it('an empty passphrase is refused without running the KDF', () => {
    run(initialState, [
      { send: { type: 'submit', empty: true } },
      { expect: 'enter', where: (s) => expect(s).toMatchObject({ error: 'input/empty', attempts: 0 }) },
    ]);
  });

  it('a second submit while unlocking is ignored (one KDF run at a time)', () => {
    const s = transition(initialState, { type: 'submit', empty: false });
    expect(transition(s, { type: 'submit', empty: false })).toBe(s);
  });

  it('success before a submit is ignored (no unlock without the passphrase step)', () => {
    expect(transition(initialState, { type: 'succeeded' })).toBe(initialState);
  });
});
