/**
 * SLIP-39 split flow and share-screen helpers (station/src/flows/backup-slip39/machine.ts): plans,
 * share numbering, and the live progress text computed from real shares (shared/backup/slip39).
 */
import { describe, expect, it } from 'vitest';
import {
  initialState, parseGroups, planProblem, planSummary, progressText, shareRefs, shareTitle, simplePlan, transition,
  type Event, type SetInfo, type State,
} from '../../station/src/flows/backup-slip39/machine';
import { combineProgress, splitSecret } from '../../shared/backup/slip39';
import { SecretBytes } from '../../shared/secret';
import { runFlow } from './flow-step';

const run = (initial: State, script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow(transition, initial, script);
const set2of3: SetInfo = { ...simplePlan(2, 3), wordCount: 20, fingerprint: '73c5da0a' };
const fixedRandom = (n: number) => new Uint8Array(n).fill(7);

describe('SLIP-39 split flow', () => {
  it('options → every share once, in order → done; previous works; a stray split result is ignored', () => {
    expect(transition(initialState, { type: 'split', set: set2of3 }).step).toBe('options');
    run(initialState, [
      { send: { type: 'splitting' } },
      { send: { type: 'split', set: set2of3 } },
      { expect: 'show', where: (s) => expect(s).toMatchObject({ index: 0 }) },
      { send: { type: 'previous' } },
      { expect: 'show', where: (s) => expect(s).toMatchObject({ index: 0 }) },
      { send: { type: 'next' } },
      { send: { type: 'next' } },
      { expect: 'show', where: (s) => expect(s).toMatchObject({ index: 2 }) },
      { send: { type: 'next' } },
      { expect: 'done' },
      { send: { type: 'previous' } },
      { expect: 'show', where: (s) => expect(s).toMatchObject({ index: 2 }) },
    ]);
  });

  it('split failure returns to options with the code', () => {
    run(initialState, [
      { send: { type: 'splitting' } },
      { send: { type: 'split-failed', code: 'vault/locked' } },
      { expect: 'options', where: (s) => expect(s).toEqual({ step: 'options', error: 'vault/locked' }) },
    ]);
  });

  it('share titles name the share and, with groups, the group', () => {
    expect(shareRefs(set2of3).map((r) => shareTitle(set2of3, r))).toEqual(['Share 1 of 3', 'Share 2 of 3', 'Share 3 of 3']);
    const grouped = { groupThreshold: 2, groups: [{ threshold: 2, count: 3 }, { threshold: 1, count: 1 }] };
    expect(shareRefs(grouped).map((r) => shareTitle(grouped, r))).toEqual([
      'Share 1 of 3, group 1 of 2', 'Share 2 of 3, group 1 of 2', 'Share 3 of 3, group 1 of 2', 'Share 1 of 1, group 2 of 2',
    ]);
    expect(planSummary(grouped)).toMatch(/^Any 2 of the 2 groups/);
  });

  it('plans: groups text parsed; SLIP-39 refusals (1-of-N, threshold > count, group threshold) explained', () => {
    expect(parseGroups('2/3, 3 of 5,1/1')).toEqual([{ threshold: 2, count: 3 }, { threshold: 3, count: 5 }, { threshold: 1, count: 1 }]);
    expect(parseGroups('2-3')).toBeNull();
    expect(planProblem(simplePlan(2, 3))).toBeNull();
    expect(planProblem(simplePlan(1, 3))).toMatch(/1-of-N/);
    expect(planProblem(simplePlan(4, 3))).toMatch(/between 1 and the number of shares/);
    expect(planProblem(simplePlan(2, 17))).toMatch(/1 to 16/);
    expect(planProblem({ groupThreshold: 3, groups: [{ threshold: 2, count: 3 }, { threshold: 1, count: 1 }] })).toMatch(/groups needed/);
  });

  it('every plan planProblem accepts is accepted by splitSecret (and vice versa for the refusals)', () => {
    const ms = new SecretBytes(new Uint8Array(16).fill(1));
    for (const [t, n] of [[2, 3], [1, 1], [16, 16], [1, 2], [0, 1]]) {
      const plan = simplePlan(t, n);
      const ok = planProblem(plan) === null;
      const split = () => splitSecret(ms, { ...plan, iterationExponent: 0 }, fixedRandom);
      if (ok) expect(split().flat().length, `${t}-of-${n}`).toBe(n);
      else expect(split, `${t}-of-${n}`).toThrow();
    }
  });

  it('progress text from real shares: "1 more share needed", group progress, ready, refusal', () => {
    const ms = new SecretBytes(new Uint8Array(16).fill(3));
    const [g] = splitSecret(ms, { ...simplePlan(2, 3), iterationExponent: 0 }, fixedRandom);
    expect(progressText(combineProgress([]))).toBe('No shares entered yet.');
    expect(progressText(combineProgress([g[0]]))).toBe('1 more share needed.');
    expect(progressText(combineProgress([g[0], g[2]]))).toBe('Enough shares: ready to restore.');
    expect(progressText(combineProgress([g[0], g[0]]))).toBe('The shares entered do not fit together.');
    const groups = splitSecret(ms, { groupThreshold: 2, groups: [{ threshold: 2, count: 3 }, { threshold: 2, count: 2 }, { threshold: 1, count: 1 }], iterationExponent: 0 }, fixedRandom);
    expect(progressText(combineProgress([groups[0][0]]))).toBe('2 more shares needed, from 2 more groups (0 of 2 groups complete).');
    expect(progressText(combineProgress([groups[0][0], groups[0][1]]))).toBe('1 more share needed, from 1 more group (1 of 2 groups complete).');
  });
});
