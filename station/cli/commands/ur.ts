/** CLI commands for the UR transport: `ur encode`, `ur decode` (CLI.md "Transport"). */
import { hex } from '@scure/base';
import type { Command } from '../framework';
import { UsageError } from '../framework';
import { AppError } from '../../../shared/errors';
import { encodeUrParts } from '../../../shared/ur/animator';
import { isUrType } from '../../../shared/ur/bcur-adapter';
import { createAssembler } from '../../../shared/ur/assembler';

const encode: Command = {
  path: ['ur', 'encode'],
  summary: 'CBOR (hex on stdin) → UR parts, one per line',
  help:
    'Without options: one single-part UR. --max-fragment N: the minimal set of parts (sequence 1..n).\n' +
    '--count K: K fountain parts from sequence 1 (fragment length N, default 200).',
  options: [
    { name: 'type', value: 'TYPE', help: 'UR type, e.g. crypto-psbt, bytes, crypto-account' },
    { name: 'max-fragment', value: 'N', help: 'largest fragment, in bytes of CBOR' },
    { name: 'count', value: 'K', help: 'number of parts to emit' },
  ],
  run(ctx) {
    const type = ctx.str('type');
    if (!type) throw new UsageError('--type is required');
    if (!isUrType(type)) throw new UsageError('--type must be lower-case letters, digits and "-"');
    const maxFragment = ctx.int('max-fragment', 10);
    const count = ctx.int('count', 1);
    const text = ctx.readText().replace(/\s+/g, '').replace(/^0x/i, '');
    if (!text) throw new UsageError('no input: give the CBOR payload as hex on stdin');
    if (!/^[0-9a-fA-F]*$/.test(text) || text.length % 2) throw new UsageError('input is not hex');
    const parts = encodeUrParts(type, hex.decode(text.toLowerCase()), { maxFragment, count });
    ctx.write(parts.join('\n') + '\n');
  },
};

const decode: Command = {
  path: ['ur', 'decode'],
  summary: 'UR parts (one per line, any order) → "TYPE HEX_OF_CBOR"',
  help: 'Blank lines and duplicate parts are ignored; case does not matter. Exit 2 on a line that is not a UR,\n' + 'a damaged part, parts that do not complete a message, or parts of two messages.',
  options: [],
  run(ctx) {
    const a = createAssembler({ accept: 'any', acceptText: false, raw: true, maxBytes: 64 * 1024 * 1024 });
    const lines = ctx.readText().split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      if (!/^ur:/i.test(line)) throw new UsageError(`line ${i + 1} is not a UR`);
      const s = a.push(line);
      if (s.kind === 'ignored' && s.reason === 'corrupt') throw new UsageError(`line ${i + 1} is a damaged UR part (checksum or format)`);
      if (s.kind === 'failed') {
        if (s.code === 'ur/mixed-messages') throw new UsageError(`line ${i + 1} belongs to a different message than the lines before it`);
        throw new AppError(s.code, s.detail);
      }
      if (s.kind === 'complete') {
        const p = s.payload;
        if (p.kind === 'text' || p.kind === 'bbqr') throw new UsageError(`line ${i + 1} is not a UR`);
        // Parts after completion must still belong to the same message (the assembler checks).
        for (let j = i + 1; j < lines.length; j++) {
          const rest = lines[j].trim();
          if (!rest) continue;
          if (!/^ur:/i.test(rest)) throw new UsageError(`line ${j + 1} is not a UR`);
          const t = a.push(rest);
          if (t.kind === 'ignored' && t.reason === 'corrupt') throw new UsageError(`line ${j + 1} is a damaged UR part (checksum or format)`);
          if (t.kind === 'failed') throw new UsageError(`line ${j + 1} belongs to a different message than the lines before it`);
        }
        ctx.write(`${p.urType} ${hex.encode(p.cbor)}\n`);
        return;
      }
    }
    throw new UsageError('the parts do not complete a message (missing parts)');
  },
};

export const urCommands: Command[] = [encode, decode];
