/**
 * Restore-or-drill machine of the backup screens (station/src/flows/backup/machine.ts), FlowStep
 * style: a restored key goes to the label step only in 'import' mode, a drill only ever compares.
 */
import { describe, expect, it } from 'vitest';
import { initialState, sameFingerprint, transition, type Event, type State } from '../../station/src/flows/backup/machine';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);

describe('backup restore flow', () => {
  it('import from shares: refused share keeps the input step with the share named, then review → saved', () => {
    run(initialState('import', 'slip39'), [
      { expect: 'input' },
      { send: { type: 'submitting' } },
      { send: { type: 'input-failed', error: { code: 'slip39/bad-checksum', share: 2 } } },
      { expect: 'input', where: (s) => expect(s).toEqual({ step: 'input', mode: 'import', source: 'slip39', error: { code: 'slip39/bad-checksum', share: 2 } }) },
      { send: { type: 'submitting' } },
      { send: { type: 'restored', fingerprint: '73c5da0a', wordCount: 12 } },
      { expect: 'review', where: (s) => expect(s).toMatchObject({ fingerprint: '73c5da0a', wordCount: 12, source: 'slip39' }) },
      { send: { type: 'passphrase-changed', fingerprint: '01234567' } },
      { expect: 'review', where: (s) => expect(s).toMatchObject({ fingerprint: '01234567' }) },
      { send: { type: 'saving' } },
      { send: { type: 'again' } },
      { expect: 'review' }, // no going back while the vault write runs
      { send: { type: 'saved', keyId: 'k1', label: 'From shares' } },
      { expect: 'saved', where: (s) => expect(s).toEqual({ step: 'saved', keyId: 'k1', label: 'From shares', fingerprint: '01234567' }) },
      { send: { type: 'cancel' } },
      { expect: 'saved' },
    ]);
  });

  it('a drill never reaches the label step (nothing can be added to the vault)', () => {
    const s = transition(initialState('drill', 'seedqr'), { type: 'restored', fingerprint: '73c5da0a', wordCount: 12 });
    expect(s.step).toBe('input');
  });

  it('an import never produces a drill verdict', () => {
    expect(transition(initialState('import', 'seedqr'), { type: 'drilled', fingerprint: 'aaaaaaaa', expected: 'aaaaaaaa' }).step).toBe('input');
  });

  it('drill: same fingerprint is ok, another is not; "again" returns to input in drill mode', () => {
    run(initialState('drill', 'words'), [
      { send: { type: 'drilled', fingerprint: '73C5DA0A', expected: '73c5da0a' } },
      { expect: 'drill-result', where: (s) => expect(s).toMatchObject({ ok: true }) },
      { send: { type: 'again' } },
      { expect: 'input', where: (s) => expect(s).toMatchObject({ mode: 'drill', source: 'words' }) },
      { send: { type: 'drilled', fingerprint: 'deadbeef', expected: '73c5da0a' } },
      { expect: 'drill-result', where: (s) => expect(s).toMatchObject({ ok: false, fingerprint: 'deadbeef', expected: '73c5da0a' }) },
    ]);
  });

  it('save failure keeps the review with the code and allows retry', () => {
    run(initialState('import', 'seedqr'), [
      { send: { type: 'restored', fingerprint: '73c5da0a', wordCount: 24 } },
      { send: { type: 'saving' } },
      { send: { type: 'save-failed', code: 'input/empty' } },
      { expect: 'review', where: (s) => expect(s).toMatchObject({ busy: false, error: 'input/empty' }) },
      { send: { type: 'saving' } },
      { expect: 'review', where: (s) => expect(s).toMatchObject({ busy: true, error: undefined }) },
    ]);
  });

  it('cancel from input leaves the flow', () => {
    expect(transition(initialState('import', 'slip39'), { type: 'cancel' })).toEqual({ step: 'cancelled' });
  });

  it('sameFingerprint needs 8 hex characters (an empty fingerprint never matches)', () => {
    expect(sameFingerprint('', '')).toBe(false);
    expect(sameFingerprint('73c5da0', '73c5da0')).toBe(false);
    expect(sameFingerprint('73C5DA0A', '73c5da0a')).toBe(true);
  });
});
