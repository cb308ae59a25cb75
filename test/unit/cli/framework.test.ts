/**
 * station/cli/framework.ts in-process: the option parsers every command shares and the error → exit
 * code mapping (CLI.md "Exit codes and errors"). Spawned-process checks live in the domain tests.
 */
import { describe, expect, it } from 'vitest';
import { createCliContext, reportError, RefusedError, UsageError, type Opts } from '../../../station/cli/framework';
import { AppError } from '../../../shared/errors';

const ctxOf = (opts: Opts) => createCliContext(opts, [], { stdin: () => Buffer.alloc(0), stdout: () => undefined, stderr: () => undefined });
function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('ctx.int: one whole-number option parser for every command', () => {
  it('absent option is undefined; in-range whole numbers parse', () => {
    expect(ctxOf({}).int('count', 1)).toBeUndefined();
    expect(ctxOf({ count: '7' }).int('count', 1)).toBe(7);
    expect(ctxOf({ threshold: '16' }).int('threshold', 1, 16)).toBe(16);
  });
  it('out of range, signs, decimals, hex, exponents, empty and flags are usage errors naming the option and its range', () => {
    for (const v of ['0', '17', '-1', '+3', '1.5', '0x10', '1e1', '', ' 3', '99999999999999999999']) {
      expect(usageMessage(() => ctxOf({ threshold: v }).int('threshold', 1, 16)), JSON.stringify(v)).toBe('--threshold must be a whole number from 1 to 16');
    }
    expect(usageMessage(() => ctxOf({ 'max-fragment': '9' }).int('max-fragment', 10))).toBe('--max-fragment must be a whole number ≥ 10');
    expect(usageMessage(() => ctxOf({ count: true }).int('count', 1))).toBe('option --count needs a value');
  });
});

describe('reportError: exit codes and never a library message', () => {
  const capture = (e: unknown) => {
    const orig = process.stderr.write.bind(process.stderr);
    let text = '';
    (process.stderr as { write: unknown }).write = (s: string) => ((text += s), true);
    try {
      return { code: reportError(e), text };
    } finally {
      (process.stderr as { write: unknown }).write = orig;
    }
  };
  it('usage → 2, refusal → 1, AppError → 2 with its user message, one line each', () => {
    expect(capture(new UsageError('bad'))).toEqual({ code: 2, text: 'error: bad\n' });
    expect(capture(new RefusedError('policy'))).toEqual({ code: 1, text: 'refused: policy\n' });
    const app = capture(new AppError('psbt/unparseable'));
    expect(app.code).toBe(2);
    expect(app.text).toMatch(/^error: [^\n]+\n$/);
  });
  it('a library error message (may hold a secret) is never printed', () => {
    const r = capture(new Error('Invalid mnemonic word: zebra'));
    expect(r.code).toBe(2);
    expect(r.text).not.toContain('zebra');
    expect(r.text).toMatch(/^error: internal error \(Error\)/);
  });
});
