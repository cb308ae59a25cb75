/**
 * SeedSigner-style FlowStep runner for pure flow machines: a script of `{expect: step}` checks and
 * `{send: event}` user/keyring events, replayed against `transition`. Each failure names the
 * script index, so a broken flow reads like a broken user story.
 */
import { expect } from 'vitest';

export type FlowStep<S extends { step: string }, E> =
  | { expect: S['step']; where?: (s: S) => void }
  | { send: E };

export function runFlow<S extends { step: string }, E>(
  transition: (s: S, e: E) => S,
  initial: S,
  script: FlowStep<S, E>[],
): S {
  let s = initial;
  script.forEach((st, i) => {
    if ('send' in st) s = transition(s, st.send);
    else {
      expect(s.step, `script #${i}: expected step '${st.expect}'`).toBe(st.expect);
      st.where?.(s);
    }
  });
  return s;
}
