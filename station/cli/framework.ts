/**
 * Tiny CLI framework for `airlock` (contract: ../shared/design/CLI.md).
 * Commands are declared in `commands/<domain>.ts` as `Command` objects; this file parses options,
 * reads input (stdin or --in FILE), writes output (stdout or --out FILE) and maps errors to the
 * contract's exit codes: 0 done, 1 refused (policy/safety), 2 bad input/usage with one `error: ` line.
 * Never prints a stack trace or a secret: AppErrors render through USER_MESSAGES only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { AppError, userMessage } from '../../shared/errors';

export type OptSpec = { name: string; value?: string; help: string; repeat?: boolean };

export interface Command {
  /** e.g. ['mnemonic', 'new'] */
  path: string[];
  summary: string;
  /** Extra help text printed by --help (thresholds, formats…). */
  help?: string;
  options: OptSpec[];
  run(ctx: CliContext): Promise<void> | void;
}

export type Opts = Record<string, string | boolean | string[] | undefined>;

export interface CliContext {
  opts: Opts;
  /** Positional arguments after the command path. */
  args: string[];
  /** Read the whole input: --in FILE, else stdin. */
  readInput(): Buffer;
  /** Read the input as text (utf-8). */
  readText(): string;
  /** Write to --out FILE or stdout. Strings get a trailing newline if missing. */
  write(data: string | Uint8Array): void;
  /** Write a diagnostic line to stderr (never a secret). */
  warn(line: string): void;
  /** Option value as a string (undefined when absent). Throws UsageError if given as a flag. */
  str(name: string): string | undefined;
  /** Option as a file's content (utf-8), e.g. --mnemonic-file. */
  fileText(name: string): string | undefined;
  /** Option as a whole number in [lo, hi] (undefined when absent). Throws UsageError otherwise. */
  int(name: string, lo: number, hi?: number): number | undefined;
}

/** Bad usage or bad input → exit 2 with `error: message`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A policy or safety check forbids the operation → exit 1. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

export const COMMON_OPTIONS: OptSpec[] = [
  { name: 'in', value: 'FILE', help: 'read input from FILE instead of stdin' },
  { name: 'out', value: 'FILE', help: 'write output to FILE instead of stdout' },
  { name: 'help', help: 'show this help' },
];

function parseArgv(argv: string[], specs: OptSpec[]): { opts: Opts; args: string[] } {
  const opts: Opts = {};
  const args: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      let name = a.slice(2);
      let value: string | undefined;
      const eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option --${name} (see --help)`);
      if (spec.value) {
        if (value === undefined) {
          if (i + 1 >= argv.length) throw new UsageError(`option --${name} needs a value (${spec.value})`);
          value = argv[++i];
        }
        if (spec.repeat) {
          const prev = opts[name];
          opts[name] = [...(Array.isArray(prev) ? prev : []), value];
        } else opts[name] = value;
      } else {
        if (value !== undefined) throw new UsageError(`option --${name} takes no value`);
        opts[name] = true;
      }
    } else args.push(a);
  }
  return { opts, args };
}

function helpText(cmd: Command): string {
  const all = [...cmd.options, ...COMMON_OPTIONS];
  const lines = [`usage: airlock ${cmd.path.join(' ')} [options]`, '', cmd.summary, '', 'options:'];
  for (const o of all) lines.push(`  --${o.name}${o.value ? ' ' + o.value : ''}`.padEnd(34) + o.help);
  if (cmd.help) lines.push('', cmd.help);
  return lines.join('\n') + '\n';
}

function globalHelp(commands: Command[]): string {
  const lines = ['usage: airlock <command> [options]   (airlock <command> --help for details)', '', 'commands:'];
  for (const c of commands) lines.push(`  ${c.path.join(' ').padEnd(22)}${c.summary}`);
  return lines.join('\n') + '\n';
}

let stdinCache: Buffer | undefined;
function readStdin(): Buffer {
  if (!stdinCache) {
    try {
      stdinCache = readFileSync(0);
    } catch {
      stdinCache = Buffer.alloc(0);
    }
  }
  return stdinCache;
}

function readFileOrFail(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new UsageError(`cannot read ${what} file ${JSON.stringify(path)}`);
  }
}

/** Where a context reads stdin and writes stdout/stderr (tests and benches pass their own). */
export interface CliIo {
  stdin(): Buffer;
  stdout(data: string | Uint8Array): void;
  stderr(line: string): void;
}

const PROCESS_IO: CliIo = {
  stdin: () => readStdin(),
  stdout: (data) => process.stdout.write(data),
  stderr: (line) => process.stderr.write(line),
};

/** The context a command runs with: parsed options, input/output through `io` (default: the process). */
export function createCliContext(opts: Opts, args: string[] = [], io: CliIo = PROCESS_IO): CliContext {
  const ctx: CliContext = {
    opts,
    args,
    readInput: () => (typeof opts.in === 'string' ? readFileOrFail(opts.in, 'input') : io.stdin()),
    readText: () => ctx.readInput().toString('utf8'),
    write: (data) => {
      const payload = typeof data === 'string' && !data.endsWith('\n') ? data + '\n' : data;
      if (typeof opts.out === 'string') writeFileSync(opts.out, payload);
      else io.stdout(payload);
    },
    warn: (line) => io.stderr(line.endsWith('\n') ? line : line + '\n'),
    str: (name) => {
      const v = opts[name];
      if (v === undefined) return undefined;
      if (typeof v !== 'string') throw new UsageError(`option --${name} needs a value`);
      return v;
    },
    fileText: (name) => {
      const p = ctx.str(name);
      return p === undefined ? undefined : readFileOrFail(p, `--${name}`).toString('utf8');
    },
    int: (name, lo, hi = Number.MAX_SAFE_INTEGER) => {
      const v = ctx.str(name);
      if (v === undefined) return undefined;
      const n = /^\d{1,16}$/.test(v) ? Number(v) : NaN;
      if (!(n >= lo && n <= hi)) {
        throw new UsageError(hi === Number.MAX_SAFE_INTEGER ? `--${name} must be a whole number ≥ ${lo}` : `--${name} must be a whole number from ${lo} to ${hi}`);
      }
      return n;
    },
  };
  return ctx;
}

/** Run the CLI with argv (without node and script); returns the exit code. */
export async function runCli(argv: string[], commands: Command[]): Promise<number> {
  const out = (s: string | Uint8Array) => process.stdout.write(s);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    out(globalHelp(commands));
    return argv.length === 0 ? 2 : 0;
  }
  // longest matching command path
  let cmd: Command | undefined;
  for (const c of commands) {
    if (c.path.every((p, i) => argv[i] === p) && (!cmd || c.path.length > cmd.path.length)) cmd = c;
  }
  if (!cmd) {
    process.stderr.write(`error: unknown command "${argv.slice(0, 2).join(' ')}" (run airlock --help)\n`);
    return 2;
  }
  try {
    const { opts, args } = parseArgv(argv.slice(cmd.path.length), [...cmd.options, ...COMMON_OPTIONS]);
    if (opts.help) {
      out(helpText(cmd));
      return 0;
    }
    const ctx = createCliContext(opts, args);
    await cmd.run(ctx);
    return 0;
  } catch (e) {
    return reportError(e);
  }
}

/** Map an error to stderr + exit code; never prints stacks or library messages (they may hold secrets). */
export function reportError(e: unknown): number {
  if (e instanceof RefusedError) {
    process.stderr.write(`refused: ${e.message}\n`);
    return 1;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`);
    return 2;
  }
  if (e instanceof AppError) {
    const refused = e.code === 'policy/refused' || e.code === 'psbt/no-inputs-ours' || e.code === 'psbt/review-changed';
    process.stderr.write(`${refused ? 'refused' : 'error'}: ${userMessage(e)}\n`);
    return refused ? 1 : 2;
  }
  process.stderr.write(`error: internal error (${e instanceof Error ? e.name : typeof e}); nothing was signed or changed\n`);
  return 2;
}
