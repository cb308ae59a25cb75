import { describe, expect, it } from 'vitest';
import { initialState, transition, type Event, type State } from '../../station/src/flows/onboard/machine';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);

describe('onboard flow', () => {
  it('first run: vault passphrase → create → words → backup check (one miss) → label → done', () => {
    const end = run(initialState(false), [
      { expect: 'vault-passphrase' },
      { send: { type: 'vault-submitting' } },
      { expect: 'vault-passphrase', where: (s) => expect(s).toMatchObject({ busy: true }) },
      { send: { type: 'vault-created' } },
      { expect: 'choose', where: (s) => expect(s).toMatchObject({ firstRun: true }) },
      { send: { type: 'choose-create' } },
      { expect: 'create-options' },
      { send: { type: 'generated', wordCount: 24, fingerprint: '73c5da0a' } },
      { expect: 'show-words' },
      { send: { type: 'written-down', positions: [3, 11, 20] } },
      { expect: 'confirm-words', where: (s) => expect(s).toMatchObject({ positions: [3, 11, 20], attempts: 0, wrong: [] }) },
      { send: { type: 'quiz-checked', ok: false, wrong: [11] } },
      { expect: 'confirm-words', where: (s) => expect(s).toMatchObject({ attempts: 1, wrong: [11] }) },
      { send: { type: 'quiz-checked', ok: true, wrong: [] } },
      { expect: 'label', where: (s) => expect(s).toMatchObject({ source: 'created', fingerprint: '73c5da0a', wordCount: 24 }) },
      { send: { type: 'saving' } },
      { send: { type: 'saved', keyId: 'k1', label: 'Savings' } },
      { expect: 'done' },
    ]);
    expect(end).toEqual({ step: 'done', keyId: 'k1', label: 'Savings', fingerprint: '73c5da0a' });
  });

  it('an existing vault starts at the create/import choice', () => {
    expect(initialState(true)).toEqual({ step: 'choose', firstRun: false });
  });

  it('a wrong vault passphrase choice stays on the step with its error code', () => {
    run(initialState(false), [
      { send: { type: 'vault-submitting' } },
      { send: { type: 'vault-failed', code: 'vault/passphrase-too-short' } },
      { expect: 'vault-passphrase', where: (s) => expect(s).toEqual({ step: 'vault-passphrase', error: 'vault/passphrase-too-short' }) },
    ]);
  });

  it('the key cannot be saved before the backup check passes', () => {
    run({ step: 'show-words', wordCount: 12, fingerprint: 'aabbccdd' }, [
      { send: { type: 'saved', keyId: 'x', label: 'x' } },
      { expect: 'show-words' },
      { send: { type: 'written-down', positions: [1, 2, 3] } },
      { send: { type: 'saving' } },
      { send: { type: 'saved', keyId: 'x', label: 'x' } },
      { expect: 'confirm-words' },
    ]);
  });

  it('quiz positions must be 3 distinct in-range positions, else the step does not advance', () => {
    const s: State = { step: 'show-words', wordCount: 12, fingerprint: 'aabbccdd' };
    for (const bad of [[1, 1, 2], [0, 1, 2], [1, 2, 13], [1, 2], [1.5, 2, 3]]) {
      expect(transition(s, { type: 'written-down', positions: bad }).step, JSON.stringify(bad)).toBe('show-words');
    }
  });

  it('wrong positions outside the quiz are ignored (a keyring answer cannot widen the hint)', () => {
    const s: State = { step: 'confirm-words', wordCount: 24, fingerprint: 'aabbccdd', positions: [2, 5, 9], attempts: 0, wrong: [] };
    expect(transition(s, { type: 'quiz-checked', ok: false, wrong: [5, 17] })).toMatchObject({ wrong: [5], attempts: 1 });
  });

  it('a failed check with no wrong position listed still does not pass (fail closed)', () => {
    const s: State = { step: 'confirm-words', wordCount: 12, fingerprint: 'aabbccdd', positions: [1, 2, 3], attempts: 0, wrong: [] };
    expect(transition(s, { type: 'quiz-checked', ok: false, wrong: [] }).step).toBe('confirm-words');
  });

  it('"show the words again" returns to the words and a new quiz follows', () => {
    run({ step: 'confirm-words', wordCount: 24, fingerprint: 'aabbccdd', positions: [2, 5, 9], attempts: 2, wrong: [5] }, [
      { send: { type: 'show-words-again' } },
      { expect: 'show-words' },
      { send: { type: 'written-down', positions: [1, 7, 24] } },
      { expect: 'confirm-words', where: (s) => expect(s).toMatchObject({ positions: [1, 7, 24], attempts: 0, wrong: [] }) },
    ]);
  });

  it('import: a bad word keeps the position (never the word), then a good phrase goes to label', () => {
    run({ step: 'choose', firstRun: false }, [
      { send: { type: 'choose-import' } },
      { expect: 'import' },
      { send: { type: 'import-failed', code: 'mnemonic/unknown-word', position: 5 } },
      { expect: 'import', where: (s) => expect(s).toEqual({ step: 'import', error: { code: 'mnemonic/unknown-word', position: 5 } }) },
      { send: { type: 'import-failed', code: 'mnemonic/bad-checksum' } },
      { expect: 'import', where: (s) => expect(s).toEqual({ step: 'import', error: { code: 'mnemonic/bad-checksum' } }) },
      { send: { type: 'imported', wordCount: 12, fingerprint: '73c5da0a' } },
      { expect: 'label', where: (s) => expect(s).toMatchObject({ source: 'imported', wordCount: 12 }) },
    ]);
  });

  it('save failure stays on label with the code and can be retried', () => {
    run({ step: 'label', source: 'imported', wordCount: 12, fingerprint: '73c5da0a' }, [
      { send: { type: 'saving' } },
      { send: { type: 'save-failed', code: 'input/empty' } },
      { expect: 'label', where: (s) => expect(s).toMatchObject({ busy: false, error: 'input/empty' }) },
      { send: { type: 'saving' } },
      { expect: 'label', where: (s) => expect(s).toMatchObject({ busy: true, error: undefined }) },
    ]);
  });

  it('cancel from any step before done ends the flow; done is final', () => {
    const steps: State[] = [
      { step: 'vault-passphrase' },
      { step: 'choose', firstRun: true },
      { step: 'create-options' },
      { step: 'show-words', wordCount: 24, fingerprint: 'aabbccdd' },
      { step: 'confirm-words', wordCount: 24, fingerprint: 'aabbccdd', positions: [1, 2, 3], attempts: 0, wrong: [] },
      { step: 'import' },
      { step: 'label', source: 'created', wordCount: 24, fingerprint: 'aabbccdd' },
    ];
    for (const s of steps) expect(transition(s, { type: 'cancel' }).step, s.step).toBe('cancelled');
    const done: State = { step: 'done', keyId: 'k', label: 'l', fingerprint: 'aabbccdd' };
    expect(transition(done, { type: 'cancel' })).toBe(done);
  });

  it('no state holds secret-shaped data: every state JSON is public facts only', () => {
    const s = run(initialState(false), [
      { send: { type: 'vault-created' } },
      { send: { type: 'choose-create' } },
      { send: { type: 'generated', wordCount: 24, fingerprint: '73c5da0a' } },
      { send: { type: 'written-down', positions: [4, 8, 15] } },
    ]);
    expect(Object.keys(s).sort()).toEqual(['attempts', 'fingerprint', 'positions', 'step', 'wordCount', 'wrong']);
  });
});
