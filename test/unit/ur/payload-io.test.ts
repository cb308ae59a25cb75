/** readPayload/writePayload: base64, hex, binary and UR parts in, the same encoding out. */
import { describe, expect, it } from 'vitest';
import { hex } from '@scure/base';
import ur from '../../vectors/ur.json';
import { readPayload, writePayload } from '../../../shared/ur/payload-io';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ex = (ur as any).crypto_psbt_example;
const psbt = hex.decode(ex.psbt_hex);
const enc = (s: string) => new TextEncoder().encode(s);

describe('payload io', () => {
  it(`ur.json#crypto_psbt_example: the same PSBT read from base64, hex, binary, crypto-psbt and psbt`, () => {
    const b64 = new TextDecoder().decode(writePayload(psbt, { encoding: 'base64' }));
    expect(b64.startsWith('cHNidP8')).toBe(true);
    for (const [input, encoding, urType] of [
      [enc(b64), 'base64', undefined],
      [enc(ex.psbt_hex + '\n'), 'hex', undefined],
      [psbt, 'binary', undefined],
      [enc(ex.ur.toUpperCase() + '\n'), 'ur', 'crypto-psbt'],
      [enc(ex.current_ur_psbt), 'ur', 'psbt'],
    ] as const) {
      const p = readPayload(input);
      expect(p.encoding, encoding).toBe(encoding);
      expect(p.urType, encoding).toBe(urType);
      expect(hex.encode(p.bytes), encoding).toBe(ex.psbt_hex);
      expect(hex.encode(readPayload(writePayload(p.bytes, p, { maxFragment: 60 })).bytes), `${encoding} round trip`).toBe(ex.psbt_hex);
    }
    expect(new TextDecoder().decode(writePayload(psbt, { encoding: 'ur', urType: 'crypto-psbt' }))).toBe(ex.ur + '\n');
  });
  it('UR parts: multipart any order; non-UR line, incomplete → coded errors', () => {
    const parts = new TextDecoder().decode(writePayload(psbt, { encoding: 'ur', urType: 'psbt' }, { maxFragment: 40 })).trim().split('\n');
    expect(parts.length).toBeGreaterThan(3);
    expect(hex.encode(readPayload(enc(parts.reverse().join('\n'))).bytes)).toBe(ex.psbt_hex);
    expect(() => readPayload(enc(parts.slice(0, 2).join('\n')))).toThrow(/ur\/incomplete/);
    expect(() => readPayload(enc(parts[0] + '\nhello'))).toThrow(/ur\/not-ur/);
    expect(() => readPayload(enc('  '))).toThrow(/input\/empty/);
    expect(() => readPayload(enc('not a psbt!'))).toThrow(/input\/bad-encoding/);
  });
});
