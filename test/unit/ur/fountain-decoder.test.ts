/**
 * The elimination fountain decoder (shared/ur/fountain-decoder.ts behind bcur-adapter's
 * createFountainSink): bc-ur's fragment chooser on the BCR-2024-001 vector, the "Wolf" 20-part
 * sequence, and random property tests against bc-ur's own decoder fed the very same parts
 * (same bytes, never later than bc-ur), plus the refusals (bad length, bad index, contradiction, CRC).
 */
import { describe, expect, it } from 'vitest';
import { hex } from '@scure/base';
import ur from '../../vectors/ur.json';
import { createFountainSink, fragmentIndexes, messageChecksum, parseUr, type ParsedUr } from '../../../shared/ur/bcur-adapter';
import { createFountainDecoder, Xoshiro256 } from '../../../shared/ur/fountain-decoder';
import { encodeUrParts } from '../../../shared/ur/animator';
import { createAssembler } from '../../../shared/ur/assembler';

const FILE = 'ur.json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const V = ur as any;
type Part = Extract<ParsedUr, { kind: 'part' }>;

function prng(seed: number) {
  return () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
}
const asPart = (t: string): Part => {
  const p = parseUr(t);
  if (p.kind !== 'part') throw new Error(`not a part: ${t}`);
  return p;
};
/** CBOR byte string (major type 2) around `msg`, as ur:bytes carries it. */
const cborBytes = (msg: Uint8Array) => {
  const n = msg.length;
  const head = n < 24 ? [0x40 + n] : n < 256 ? [0x58, n] : [0x59, n >> 8, n & 0xff];
  return new Uint8Array([...head, ...msg]);
};

describe('fragment chooser (native Xoshiro256** + bc-ur degree chooser) and checksum', () => {
  it(`${FILE}#fountain_primitives.xoshiro256starstar: seed "Wolf", next() mod 100`, () => {
    const rng = new Xoshiro256(new TextEncoder().encode('Wolf'));
    const got = V.fountain_primitives.xoshiro256starstar.rng1_string_Wolf_next_mod_100.map(() => Number(rng.next() % 100n));
    expect(got, `${FILE}#xoshiro256starstar.rng1`).toEqual(V.fountain_primitives.xoshiro256starstar.rng1_string_Wolf_next_mod_100);
  });
  it('same indexes, same order as bc-ur chooseFragments for 150 random (seqNum, seqLen, checksum)', () => {
    const r = prng(4242);
    for (let t = 0; t < 150; t++) {
      const n = 2 + Math.floor(r() * (t < 140 ? 40 : 300));
      const seqNum = n + 1 + Math.floor(r() * 1_000_000);
      const crc = Math.floor(r() * 2 ** 32);
      expect(fragmentIndexes(seqNum, n, crc), `seq ${seqNum} len ${n} crc ${crc}`).toEqual(fragmentIndexes(seqNum, n, crc, 'bc-ur'));
    }
  });
  it(`${FILE}#fountain_primitives.fragment_chooser: seqNum 1..50 of the 1024-byte Wolf message, seqLen 11`, () => {
    const msg = hex.decode(V.fountain_primitives.make_message_Wolf_1024_hex.hex);
    const crc = messageChecksum(msg);
    expect(crc.toString(16).padStart(8, '0'), `${FILE}#crc32[2]`).toBe(V.fountain_primitives.crc32[2].crc32_hex);
    V.fountain_primitives.fragment_chooser.expected.forEach((want: number[], i: number) => {
      expect([...fragmentIndexes(i + 1, 11, crc)].sort((a, b) => a - b), `${FILE}#fragment_chooser[${i}]`).toEqual(want);
    });
  });
});

describe('Wolf multipart through the elimination decoder', () => {
  const W = V.ur_bytes_wolf.multipart;
  const parts: Part[] = W.expected_parts.map(asPart);
  it(`${FILE}#ur_bytes_wolf.multipart: the 9 pure parts give the message`, () => {
    const sink = createFountainSink();
    parts.slice(0, 9).forEach((p) => expect(sink.receive(p)).toBe(true));
    expect(sink.state()).toBe('done');
    expect(hex.encode(sink.result()!)).toBe(W.message_cbor_hex_derived);
  });
  it(`${FILE}#ur_bytes_wolf.multipart: mixed parts 10..20 first (they never cover fragment 4), other orders: same bytes, never after bc-ur`, () => {
    for (const order of [[...parts.slice(9), ...parts.slice(0, 9)], [...parts].reverse(), [parts[0], ...parts.slice(9), ...parts.slice(1, 9)]]) {
      const ours = createFountainSink();
      const ref = createFountainSink('bc-ur');
      let oursAt = -1;
      let refAt = -1;
      order.forEach((p, i) => {
        if (ours.state() === 'pending') ours.receive(p);
        if (ref.state() === 'pending') ref.receive(p);
        if (oursAt < 0 && ours.state() === 'done') oursAt = i;
        if (refAt < 0 && ref.state() === 'done') refAt = i;
      });
      expect(oursAt, 'elimination completes').toBeGreaterThanOrEqual(0);
      if (refAt >= 0) {
        expect(oursAt).toBeLessThanOrEqual(refAt);
        expect(hex.encode(ref.result()!)).toBe(hex.encode(ours.result()!));
      }
      expect(hex.encode(ours.result()!)).toBe(W.message_cbor_hex_derived);
    }
  });
});

describe('property: same parts → same message as bc-ur, never later', () => {
  it('random messages, fragment sizes, 0–50 % loss, duplicates and shuffled windows (14 trials)', () => {
    const r = prng(20240601);
    let oursTotal = 0;
    let refTotal = 0;
    for (let t = 0; t < 14; t++) {
      const len = 100 + Math.floor(r() * 900);
      const frag = 20 + Math.floor(r() * 80);
      const msg = Uint8Array.from({ length: len }, () => Math.floor(r() * 256));
      const cbor = cborBytes(msg);
      const texts = encodeUrParts('bytes', cbor, { maxFragment: frag, count: 4 * Math.ceil(cbor.length / frag) + 20 });
      const loss = r() * 0.5;
      const stream: string[] = [];
      for (const tx of texts) {
        if (r() < loss) continue;
        stream.push(tx);
        if (r() < 0.1) stream.push(tx); // duplicate frame
      }
      for (let i = 0; i + 4 < stream.length; i += 5) if (r() < 0.3) stream.splice(i, 4, ...stream.slice(i, i + 4).reverse());
      const ours = createFountainSink();
      const ref = createFountainSink('bc-ur');
      let oursAt = -1;
      let refAt = -1;
      stream.forEach((tx, i) => {
        const p = asPart(tx);
        if (ours.state() === 'pending') ours.receive(p);
        if (ref.state() === 'pending') ref.receive(p);
        expect(ours.rank(), `trial ${t}: rank ≤ n`).toBeLessThanOrEqual(p.seqLen);
        expect(ours.recovered(), `trial ${t}: solved ≤ rank`).toBeLessThanOrEqual(ours.rank());
        if (oursAt < 0 && ours.state() === 'done') oursAt = i;
        if (refAt < 0 && ref.state() === 'done') refAt = i;
      });
      expect(oursAt, `trial ${t} (len ${len}, frag ${frag}, loss ${loss.toFixed(2)}): ours completes`).toBeGreaterThanOrEqual(0);
      expect(hex.encode(ours.result()!), `trial ${t}: exact message`).toBe(hex.encode(cbor));
      if (refAt >= 0) {
        expect(oursAt, `trial ${t}: never after bc-ur`).toBeLessThanOrEqual(refAt);
        expect(hex.encode(ref.result()!), `trial ${t}: bc-ur agrees`).toBe(hex.encode(cbor));
        oursTotal += oursAt;
        refTotal += refAt;
      }
    }
    expect(oursTotal).toBeLessThanOrEqual(refTotal);
  });

  it('through the assembler: 10 KB message at 40 % loss completes with the exact bytes, progress = rank', () => {
    const r = prng(7);
    const msg = Uint8Array.from({ length: 10_000 }, () => Math.floor(r() * 256));
    const cbor = cborBytes(msg);
    const texts = encodeUrParts('bytes', cbor, { maxFragment: 400, count: 200 });
    const a = createAssembler({ accept: 'any' });
    let last = 0;
    for (const tx of texts) {
      if (r() < 0.4) continue;
      const s = a.push(tx.toUpperCase());
      if (s.kind === 'progress') {
        expect(s.received).toBeGreaterThanOrEqual(last);
        expect(s.received).toBeLessThan(s.expected);
        last = s.received;
      } else {
        expect(s.kind).toBe('complete');
        if (s.kind === 'complete' && s.payload.kind === 'bytes') expect(hex.encode(s.payload.bytes)).toBe(hex.encode(msg));
        return;
      }
    }
    throw new Error('did not complete within 200 parts');
  });
});

describe('elimination solves what peeling cannot', () => {
  it('four degree-3 parts with no subset relation (J−I, full rank over GF(2)) give all four fragments', () => {
    const f = [0x11, 0x22, 0x44, 0x88].map((v) => new Uint8Array(5).fill(v));
    const d = createFountainDecoder(4, 5, 20);
    for (let skip = 0; skip < 4; skip++) {
      const idx = [0, 1, 2, 3].filter((i) => i !== skip);
      const data = idx.reduce((acc, i) => acc.map((v, k) => v ^ f[i][k]), new Uint8Array(5));
      expect(d.receive(idx, data)).toBe(true);
    }
    expect(d.isComplete()).toBe(true);
    expect([...d.message()!]).toEqual(f.flatMap((x) => [...x]));
  });
});

describe('refusals', () => {
  it('wrong fragment length, index out of range, empty index set are refused', () => {
    const d = createFountainDecoder(4, 8, 30);
    expect(d.receive([0], new Uint8Array(7))).toBe(false);
    expect(d.receive([4], new Uint8Array(8))).toBe(false);
    expect(d.receive([-1], new Uint8Array(8))).toBe(false);
    expect(d.receive([], new Uint8Array(8))).toBe(false);
    expect(d.rank()).toBe(0);
  });
  it('a part that contradicts earlier parts is refused; a consistent redundant one is accepted without rank change', () => {
    const f = [1, 2, 3].map((v) => new Uint8Array(4).fill(v));
    const x = (a: Uint8Array, b: Uint8Array) => a.map((v, i) => v ^ b[i]);
    const d = createFountainDecoder(3, 4, 12);
    expect(d.receive([0, 1], x(f[0], f[1]))).toBe(true);
    expect(d.receive([1], f[1])).toBe(true);
    expect([d.rank(), d.solved()]).toEqual([2, 2]);
    expect(d.receive([0], f[0])).toBe(true);
    expect(d.rank()).toBe(2);
    expect(d.receive([0, 1], new Uint8Array(4).fill(9))).toBe(false);
    expect(d.receive([2, 0], x(f[2], f[0]))).toBe(true);
    expect(d.isComplete()).toBe(true);
    expect([...d.message()!]).toEqual([...f[0], ...f[1], ...f[2]]);
  });
  it('a reassembled message that fails its CRC-32 puts the sink in "failed"', () => {
    const W = V.ur_bytes_wolf.multipart;
    const parts: Part[] = W.expected_parts.slice(0, 9).map(asPart);
    const bad = { ...parts[3], data: parts[3].data.map((v, i) => (i === 0 ? v ^ 1 : v)) };
    const sink = createFountainSink();
    [...parts.slice(0, 3), bad, ...parts.slice(4)].forEach((p) => sink.receive(p));
    expect(sink.state()).toBe('failed');
    expect(sink.result()).toBeUndefined();
  });
});
