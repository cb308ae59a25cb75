/**
 * Scan assembler behaviour: fountain robustness (0/20/40 % dropped, shuffled, duplicated), parts of
 * two messages detected, corrupt parts ignored and counted, non-UR text, size limit, accept list,
 * Keystone-encoded parts (what MetaMask/Keystone emit), BBQr H/2/Z, and a cheap property test.
 */
import { describe, expect, it } from 'vitest';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Buffer } from 'buffer';
import { base32nopad, hex } from '@scure/base';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { createAssembler, type ScanStatus } from '../../../shared/ur/assembler';
import { createAnimator, encodeUrParts } from '../../../shared/ur/animator';
import { encodeBytesCbor, encodePsbtCbor } from '../../../shared/ur/registry';

/** Deterministic PRNG (mulberry32) so every run sees the same frames. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const bytes = (n: number, r: () => number) => Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
const psbtLike = (n: number, r: () => number) => new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff, ...bytes(n - 5, r)]);

function run(a: ReturnType<typeof createAssembler>, frames: string[]): ScanStatus | undefined {
  let last: ScanStatus | undefined;
  for (const f of frames) {
    last = a.push(f);
    if (last.kind === 'complete' || last.kind === 'failed') return last;
  }
  return last;
}

describe('fountain robustness', () => {
  for (const loss of [0, 0.2, 0.4]) {
    it(`completes a 3 KB crypto-psbt with ${loss * 100}% of frames dropped, shuffled and duplicated`, () => {
      const r = prng(7 + loss * 100);
      const psbt = psbtLike(3000, r);
      const an = createAnimator('crypto-psbt', encodePsbtCbor(psbt), { maxFragmentLength: 100 });
      const a = createAssembler({ accept: ['crypto-psbt', 'psbt'] });
      let status: ScanStatus | undefined;
      let shown = 0;
      while (shown < 40 * an.partCount) {
        // a batch of 10 frames, some lost, the rest seen 1–3 times in shuffled order
        const batch: string[] = [];
        for (let i = 0; i < 10; i++, shown++) {
          const f = an.nextFrame();
          if (r() >= loss) for (let k = 1 + Math.floor(r() * 3); k > 0; k--) batch.push(f);
        }
        batch.sort(() => r() - 0.5);
        status = run(a, batch);
        if (status?.kind === 'complete' || status?.kind === 'failed') break;
      }
      expect(status?.kind).toBe('complete');
      if (status?.kind === 'complete' && status.payload.kind === 'psbt') expect(hex.encode(status.payload.bytes)).toBe(hex.encode(psbt));
      if (loss > 0) expect(a.stats().duplicates).toBeGreaterThan(0);
    });
  }
  it('progress reports type, received/expected and a percent below 100 until complete', () => {
    const parts = encodeUrParts('bytes', encodeBytesCbor(bytes(500, prng(1))), { maxFragment: 50 });
    const a = createAssembler();
    const s = a.push(parts[0]);
    expect(s).toMatchObject({ kind: 'progress', format: 'ur', urType: 'bytes', received: 1, expected: parts.length });
    const seen = parts.slice(1, -1).map((p) => a.push(p));
    expect(seen.every((x) => x.kind === 'progress' && x.percent < 100)).toBe(true);
    expect(a.push(parts[parts.length - 1]).kind).toBe('complete');
    expect(a.push(parts[0])).toMatchObject({ kind: 'ignored', reason: 'done' });
  });
  it('a sender switching density mid-scan (same message, new fragmentation) is not mixing', () => {
    const cbor = encodeBytesCbor(bytes(2000, prng(3)));
    const a = createAssembler();
    const coarse = encodeUrParts('bytes', cbor, { maxFragment: 400 });
    const fine = encodeUrParts('bytes', cbor, { maxFragment: 100 });
    expect(run(a, [coarse[0], coarse[1], ...fine])?.kind).toBe('complete');
  });
  it('a single-part copy of the message being assembled completes it', () => {
    const cbor = encodeBytesCbor(bytes(600, prng(4)));
    const a = createAssembler();
    a.push(encodeUrParts('bytes', cbor, { maxFragment: 100 })[0]);
    expect(a.push(encodeUrParts('bytes', cbor)[0]).kind).toBe('complete');
  });
});

describe('bad input never throws and says why', () => {
  it('two interleaved messages of the same type: failed ur/mixed-messages (never silently mixed)', () => {
    const m1 = encodeUrParts('crypto-psbt', encodePsbtCbor(psbtLike(800, prng(5))), { maxFragment: 100 });
    const m2 = encodeUrParts('crypto-psbt', encodePsbtCbor(psbtLike(800, prng(6))), { maxFragment: 100 });
    const a = createAssembler();
    expect(run(a, [m1[0], m1[1], m2[0]])).toMatchObject({ kind: 'failed', code: 'ur/mixed-messages' });
    expect(a.push(m1[2])).toMatchObject({ kind: 'failed', code: 'ur/mixed-messages' });
    a.reset();
    expect(run(a, m2)?.kind).toBe('complete');
  });
  it('a part of another UR type mid-scan: ur/mixed-messages; BBQr mid-UR too', () => {
    const a = createAssembler({ accept: 'any' });
    a.push(encodeUrParts('bytes', encodeBytesCbor(bytes(300, prng(8))), { maxFragment: 100 })[0]);
    expect(a.push(encodeUrParts('crypto-psbt', encodePsbtCbor(psbtLike(300, prng(9))), { maxFragment: 100 })[0])).toMatchObject({ kind: 'failed', code: 'ur/mixed-messages', detail: { got: 'crypto-psbt', expected: 'bytes' } });
    const b = createAssembler({ accept: 'any' });
    b.push(encodeUrParts('bytes', encodeBytesCbor(bytes(300, prng(8))), { maxFragment: 100 })[0]);
    expect(b.push('B$HP0200' + 'AB').kind).toBe('failed');
  });
  it('a parts stream after completion from another message is reported', () => {
    const a = createAssembler();
    run(a, encodeUrParts('bytes', encodeBytesCbor(bytes(300, prng(10))), { maxFragment: 100 }));
    expect(a.push(encodeUrParts('bytes', encodeBytesCbor(bytes(300, prng(11))), { maxFragment: 100 })[0])).toMatchObject({ code: 'ur/mixed-messages' });
  });
  it('corrupt parts (CRC fails, bad header, garbage) are ignored and counted', () => {
    const parts = encodeUrParts('bytes', encodeBytesCbor(bytes(400, prng(12))), { maxFragment: 100 });
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'a' ? 'e' : 'a') + s.slice(i + 1);
    const junk = [flip(parts[0], parts[0].length - 3), 'ur:bytes/1-x/lpad', 'ur:bytes', 'ur:Bad Type/abc', 'ur:bytes/zzzz'];
    const a = createAssembler();
    for (const j of junk) expect(a.push(j), j).toMatchObject({ kind: 'ignored', reason: 'corrupt' });
    const last = run(a, parts);
    expect(last?.kind).toBe('complete');
    expect(a.stats().corrupt).toBe(junk.length);
  });
  it('non-UR text: a payload of kind text when idle, ignored mid-scan, refused when text is not accepted', () => {
    const addr = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
    expect(createAssembler().push(addr)).toEqual({ kind: 'complete', payload: { kind: 'text', text: addr } });
    const a = createAssembler();
    a.push(encodeUrParts('bytes', encodeBytesCbor(bytes(300, prng(13))), { maxFragment: 100 })[0]);
    expect(a.push(addr)).toMatchObject({ kind: 'ignored', reason: 'not-ur' });
    expect(createAssembler({ acceptText: false }).push(addr)).toMatchObject({ kind: 'failed', code: 'ur/not-ur' });
    expect(createAssembler().push('   ')).toMatchObject({ kind: 'ignored', reason: 'empty' });
  });
  it('a payload over the size limit: ur/too-large with the limit (multipart, single part, BBQr)', () => {
    const cbor = encodeBytesCbor(bytes(5000, prng(14)));
    expect(createAssembler({ maxBytes: 4096 }).push(encodeUrParts('bytes', cbor, { maxFragment: 200 })[0])).toEqual({ kind: 'failed', code: 'ur/too-large', detail: { limit: 4096 } });
    expect(createAssembler({ maxBytes: 4096 }).push(encodeUrParts('bytes', cbor)[0])).toMatchObject({ code: 'ur/too-large' });
    expect(createAssembler({ maxBytes: 10 }).push('B$HB0200' + 'AB'.repeat(20))).toMatchObject({ code: 'ur/too-large' });
  });
  it('a UR type the screen does not accept: ur/unsupported-type naming what it got and expected', () => {
    const a = createAssembler({ accept: ['crypto-psbt', 'psbt'] });
    const s = a.push(encodeUrParts('crypto-seed', new Uint8Array([0xa1, 1, 2]))[0]);
    expect(s).toEqual({ kind: 'failed', code: 'ur/unsupported-type', detail: { got: 'crypto-seed', expected: 'crypto-psbt, psbt' } });
  });
  it('a well-formed UR whose CBOR does not match its type fails ur/corrupt', () => {
    // crypto-psbt must be a CBOR byte string; an integer is not
    expect(createAssembler().push(encodeUrParts('crypto-psbt', new Uint8Array([0x01]))[0])).toMatchObject({ kind: 'failed', code: 'ur/corrupt' });
  });
  it('never throws on arbitrary junk', () => {
    const r = prng(99);
    const a = createAssembler();
    for (let i = 0; i < 300; i++) {
      const s = String.fromCharCode(...Array.from({ length: Math.floor(r() * 40) }, () => 32 + Math.floor(r() * 90)));
      expect(() => a.push(r() < 0.5 ? 'ur:' + s : s)).not.toThrow();
      a.reset();
    }
  });
});

describe('interop', () => {
  it('decodes parts produced by @keystonehq/bc-ur-registry (toUREncoder), as MetaMask/Keystone send', () => {
    const psbt = psbtLike(1500, prng(20));
    const enc = new CryptoPSBT(Buffer.from(psbt)).toUREncoder(200);
    const a = createAssembler({ accept: ['crypto-psbt'] });
    let s: ScanStatus | undefined;
    for (let i = 0; i < 40 && s?.kind !== 'complete'; i++) s = a.push(enc.nextPart().toUpperCase());
    expect(s?.kind === 'complete' && s.payload.kind === 'psbt' && hex.encode(s.payload.bytes)).toBe(hex.encode(psbt));
  });
});

describe('BBQr (Coldcard)', () => {
  const data = bytes(700, prng(30));
  const split = (body: string, n: number) => Array.from({ length: n }, (_, i) => body.slice(Math.floor((i * body.length) / n / 8) * 8, i === n - 1 ? undefined : Math.floor(((i + 1) * body.length) / n / 8) * 8));
  const frames = (enc: string, type: string, chunks: string[]) => chunks.map((c, i) => `B$${enc}${type}${chunks.length.toString(36).toUpperCase().padStart(2, '0')}${i.toString(36).toUpperCase().padStart(2, '0')}${c}`);
  it('H (hex) parts in any order assemble to the file', () => {
    const f = frames('H', 'P', split(hex.encode(data).toUpperCase(), 3));
    const s = run(createAssembler(), [f[2], f[0], f[0], f[1]]);
    expect(s).toMatchObject({ kind: 'complete', payload: { kind: 'bbqr', fileType: 'P', encoding: 'H' } });
    expect(s?.kind === 'complete' && s.payload.kind === 'bbqr' && hex.encode(s.payload.bytes)).toBe(hex.encode(data));
  });
  it('2 (base32) parts assemble; progress counts parts', () => {
    const f = frames('2', 'B', split(base32nopad.encode(data), 4));
    const a = createAssembler();
    expect(a.push(f[1])).toMatchObject({ kind: 'progress', format: 'bbqr', received: 1, expected: 4 });
    const s = run(a, [f[3], f[0], f[2]]);
    expect(s?.kind === 'complete' && s.payload.kind === 'bbqr' && hex.encode(s.payload.bytes)).toBe(hex.encode(data));
  });
  it('Z (deflate, wbits 10) needs an inflater: ur/unsupported-encoding without, the file with one', () => {
    const z = deflateRawSync(Buffer.from(data), { windowBits: 10, level: 9 });
    const f = frames('Z', 'P', split(base32nopad.encode(new Uint8Array(z)), 2));
    expect(run(createAssembler(), f)).toMatchObject({ kind: 'failed', code: 'ur/unsupported-encoding' });
    const s = run(createAssembler({ inflateRaw: (b) => new Uint8Array(inflateRawSync(b)) }), f);
    expect(s?.kind === 'complete' && s.payload.kind === 'bbqr' && hex.encode(s.payload.bytes)).toBe(hex.encode(data));
  });
  it('two BBQr series with different headers or different data at one index: ur/mixed-messages', () => {
    const f = frames('H', 'P', split(hex.encode(data).toUpperCase(), 3));
    const g = frames('H', 'P', split(hex.encode(bytes(700, prng(31))).toUpperCase(), 3));
    expect(run(createAssembler(), [f[0], g[0]])).toMatchObject({ code: 'ur/mixed-messages' });
    expect(run(createAssembler(), [f[0], frames('H', 'P', split(hex.encode(data).toUpperCase(), 4))[1]])).toMatchObject({ code: 'ur/mixed-messages' });
  });
  it('BBQr PSBT refused where no PSBT is accepted; malformed BBQr is corrupt', () => {
    expect(createAssembler({ accept: ['crypto-account'] }).push('B$HP0100AB')).toMatchObject({ code: 'ur/unsupported-type' });
    expect(createAssembler().push('B$HP0100ABC')).toMatchObject({ kind: 'ignored', reason: 'corrupt' });
    expect(createAssembler().push('B$QP0100AB')).toMatchObject({ kind: 'ignored', reason: 'corrupt' });
  });
});

describe('property: encode → decode for random sizes and fragment lengths', () => {
  it('40 random cases, frames shuffled, complete and exact', () => {
    const r = prng(42);
    for (let i = 0; i < 40; i++) {
      const len = 1 + Math.floor(r() * 2000);
      const frag = 30 + Math.floor(r() * 400);
      const cbor = encodeBytesCbor(bytes(len, r));
      const an = createAnimator('bytes', cbor, { maxFragmentLength: frag });
      const frames = Array.from({ length: an.partCount * 3 + 5 }, () => an.nextFrame()).sort(() => r() - 0.5);
      const s = run(createAssembler(), frames);
      expect(s?.kind, `case ${i}: len ${len} frag ${frag}`).toBe('complete');
      expect(s?.kind === 'complete' && 'cbor' in s.payload && hex.encode(s.payload.cbor), `case ${i}`).toBe(hex.encode(cbor));
      expect(an.isSinglePart, `case ${i}`).toBe(cbor.length <= frag);
    }
  });
  it('animator frames are upper-case and keep coming after the first cycle', () => {
    const an = createAnimator('crypto-psbt', encodePsbtCbor(psbtLike(1000, prng(2))), { maxFragmentLength: 100 });
    const f = Array.from({ length: an.partCount * 2 }, () => an.nextFrame());
    expect(f.every((x) => x === x.toUpperCase() && x.startsWith('UR:CRYPTO-PSBT/'))).toBe(true);
    expect(new Set(f).size).toBe(f.length);
    expect(f[an.partCount]).toMatch(new RegExp(`^UR:CRYPTO-PSBT/${an.partCount + 1}-${an.partCount}/`));
  });
});
