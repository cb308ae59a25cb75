import { describe, expect, it } from 'vitest';
import { fingerprintMatches, initialState, transition, type Event, type State } from '../../station/src/flows/manage-key/machine';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);

describe('manage-key flow', () => {
  it('rename → back to the menu with a confirmation', () => {
    run(initialState, [
      { send: { type: 'start-rename' } },
      { expect: 'rename' },
      { send: { type: 'submitted' } },
      { send: { type: 'renamed', label: 'Cold' } },
      { expect: 'menu', where: (s) => expect(s).toEqual({ step: 'menu', message: 'Renamed to “Cold”.' }) },
    ]);
  });

  it('delete: refusal keeps the step with the code; success is final', () => {
    run(initialState, [
      { send: { type: 'start-delete' } },
      { send: { type: 'failed', code: 'vault/confirm-mismatch' } },
      { expect: 'delete', where: (s) => expect(s).toMatchObject({ error: 'vault/confirm-mismatch' }) },
      { send: { type: 'submitted' } },
      { send: { type: 'back' } },
      { expect: 'delete' }, // no backing out while the store write runs
      { send: { type: 'deleted', label: 'Cold' } },
      { expect: 'deleted' },
      { send: { type: 'back' } },
      { expect: 'deleted' },
    ]);
  });

  it('a rename result cannot complete a delete and vice versa', () => {
    expect(transition({ step: 'delete', busy: true }, { type: 'renamed', label: 'x' }).step).toBe('delete');
    expect(transition({ step: 'rename', busy: true }, { type: 'deleted', label: 'x' }).step).toBe('rename');
  });

  it('typed confirmation must be the full fingerprint (case and spaces ignored)', () => {
    expect(fingerprintMatches('73C5DA0A ', '73c5da0a')).toBe(true);
    expect(fingerprintMatches('73c5da0', '73c5da0a')).toBe(false);
    expect(fingerprintMatches('73c5da0b', '73c5da0a')).toBe(false);
    expect(fingerprintMatches('', '')).toBe(false);
  });
});
