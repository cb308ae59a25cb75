/**
 * Fountain decoder for multipart URs (BCR-2024-001 "MUR" / BCR-2020-005) by Gaussian elimination
 * over GF(2): every received part is one equation `XOR of fragments[indexes] = data`. Equations are
 * kept in reduced row-echelon form (bit-set rows + 32-bit-word XOR of the data), so the message is
 * complete as soon as the received parts have rank n — the information-theoretic minimum for the
 * parts seen. bc-ur's reference decoder only peels (reduces a part by another whose index set is a
 * subset), which needs ~1.5× the pure part count at 20 % loss where elimination needs ~1.25×
 * (test/bench/transport.bench.ts shows both side by side).
 *
 * Pure and format-agnostic: the caller (bcur-adapter.ts) parses the part, derives `indexes` and
 * checks the CRC-32 of the result. `chooseFragmentIndexes` reproduces bc-ur's fragment chooser
 * bit for bit with a native-BigInt Xoshiro256** (bc-ur's runs on JSBI + BigNumber at 7–18 ms per
 * part); the degree chooser itself is bc-ur's, passed in by the adapter. Deliberately does NOT parse
 * bytewords/CBOR or verify checksums.
 */
import { sha256 } from '@noble/hashes/sha2.js';

const M64 = (1n << 64n) - 1n;
/** bc-ur divides by `new BigNumber(0xFFFFFFFFFFFFFFFF + 1)`, i.e. by String(2 ** 64) = this value. */
const BCUR_DIVISOR = 18446744073709552000n;
const SCALE = 10n ** 20n; // BigNumber's default 20 decimal places, ROUND_HALF_UP
const rotl = (x: bigint, k: bigint) => ((x << k) & M64) | (x >> (64n - k));

/** Xoshiro256** seeded with SHA-256(seed), as BCR-2024-001; nextDouble/nextInt as bc-ur 1.x computes them. */
export class Xoshiro256 {
  private s: bigint[] = [0n, 0n, 0n, 0n];
  constructor(seed: Uint8Array) {
    const d = sha256(seed);
    for (let i = 0; i < 4; i++) {
      let v = 0n;
      for (let j = 0; j < 8; j++) v = (v << 8n) | BigInt(d[i * 8 + j]);
      this.s[i] = v;
    }
  }
  /** Next 64-bit output. */
  next(): bigint {
    const s = this.s;
    const result = (rotl((s[1] * 5n) & M64, 7n) * 9n) & M64;
    const t = (s[1] << 17n) & M64;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45n);
    return result;
  }
  /** [0, 1]: next() / 2^64 rounded half-up to 20 decimals, then to a double (bc-ur's BigNumber path). */
  nextDouble = (): number => {
    const q = (this.next() * SCALE * 2n + BCUR_DIVISOR) / (2n * BCUR_DIVISOR);
    return q >= SCALE ? 1 : Number(`0.${q.toString().padStart(20, '0')}`);
  };
  /** Integer in [low, high]. */
  nextInt = (low: number, high: number): number => Math.floor(this.nextDouble() * (high - low + 1) + low);
}

/**
 * Fragment indexes of part `seqNum` (BCR-2024-001 chooseFragments): pure parts map to one fragment;
 * later parts draw a degree (`chooseDegree`, bc-ur's) and take the first `degree` of a seeded shuffle
 * (only those draws are made: the prefix of bc-ur's full shuffle is the same).
 */
export function chooseFragmentIndexes(
  seqNum: number,
  seqLen: number,
  checksum: number,
  chooseDegree: (seqLen: number, rng: Xoshiro256) => number,
): number[] {
  if (seqNum <= seqLen) return [seqNum - 1];
  const seed = new Uint8Array(8);
  const view = new DataView(seed.buffer);
  view.setUint32(0, seqNum >>> 0);
  view.setUint32(4, checksum >>> 0);
  const rng = new Xoshiro256(seed);
  const degree = chooseDegree(seqLen, rng);
  const remaining = Array.from({ length: seqLen }, (_, i) => i);
  const out: number[] = [];
  while (out.length < degree && remaining.length > 0) {
    const i = rng.nextInt(0, remaining.length - 1);
    out.push(remaining[i]);
    remaining.splice(i, 1);
  }
  return out;
}

export interface FountainDecoder {
  /** Fragments per message (seqLen). */
  readonly fragmentCount: number;
  /**
   * Add one part: `indexes` are the fragment numbers (0-based) XORed into `fragment`.
   * Returns false when the part is refused (bad index, wrong length, contradicts earlier parts).
   */
  receive(indexes: readonly number[], fragment: Uint8Array): boolean;
  /** Independent equations received so far (0..n); the message is complete at n. */
  rank(): number;
  /** Fragments solved so far (known exactly). */
  solved(): number;
  isComplete(): boolean;
  /** The joined message (first `messageLength` bytes of the fragments) once complete. */
  message(): Uint8Array | undefined;
}

/** Fountain decoder for a message of `messageLength` bytes cut into `fragmentCount` fragments of `fragmentLength` bytes. */
export function createFountainDecoder(fragmentCount: number, fragmentLength: number, messageLength: number): FountainDecoder {
  const n = fragmentCount;
  const W = (n + 31) >>> 5; // words per index bit-set
  const D = (fragmentLength + 3) >>> 2; // words per fragment
  /** solved fragments, padded to whole words */
  const known: (Uint32Array | undefined)[] = new Array(n);
  /** unsolved equations by pivot column (RREF: a pivot column is set in its own row only) */
  const rowBits: (Uint32Array | undefined)[] = new Array(n);
  const rowData: (Uint32Array | undefined)[] = new Array(n);
  let solvedCount = 0;
  let rowCount = 0;
  let result: Uint8Array | undefined;

  const xorInto = (a: Uint32Array, b: Uint32Array) => {
    for (let i = 0; i < a.length; i++) a[i] ^= b[i];
  };
  const popcount = (bits: Uint32Array): number => {
    let c = 0;
    for (let i = 0; i < bits.length; i++) {
      let v = bits[i];
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return c;
  };
  const lowestBit = (bits: Uint32Array): number => {
    for (let w = 0; w < bits.length; w++) if (bits[w]) return (w << 5) + (31 - Math.clz32(bits[w] & -bits[w]));
    return -1;
  };
  const has = (bits: Uint32Array, i: number) => (bits[i >>> 5] >>> (i & 31)) & 1;

  function solve(col: number, data: Uint32Array): void {
    known[col] = data;
    solvedCount++;
  }

  /** A row that is down to its pivot alone is a solved fragment. */
  function settle(col: number): void {
    const bits = rowBits[col];
    if (!bits || popcount(bits) !== 1) return;
    solve(col, rowData[col]!);
    rowBits[col] = rowData[col] = undefined;
    rowCount--;
  }

  function receive(indexes: readonly number[], fragment: Uint8Array): boolean {
    if (result || fragment.length !== fragmentLength || indexes.length === 0) return false;
    const data = new Uint32Array(D);
    new Uint8Array(data.buffer).set(fragment);
    const bits = new Uint32Array(W);
    for (const i of indexes) {
      if (!Number.isInteger(i) || i < 0 || i >= n) return false;
      const k = known[i];
      if (k) xorInto(data, k);
      else bits[i >>> 5] ^= 1 << (i & 31);
    }
    // Eliminate every pivot column present (XOR of a row adds only non-pivot columns).
    const pivots: number[] = [];
    for (let w = 0; w < W; w++) {
      let v = bits[w];
      while (v) {
        const b = v & -v;
        const col = (w << 5) + (31 - Math.clz32(b));
        if (rowBits[col]) pivots.push(col);
        v ^= b;
      }
    }
    for (const p of pivots) {
      xorInto(bits, rowBits[p]!);
      xorInto(data, rowData[p]!);
    }
    const q = lowestBit(bits);
    if (q < 0) {
      // Redundant part: its data must agree with what is known, else it contradicts earlier parts.
      return data.every((v) => v === 0);
    }
    // New pivot q: clear column q from every other row, keeping the form reduced.
    const touched: number[] = [];
    for (let p = 0; p < n; p++) {
      const rb = rowBits[p];
      if (rb && has(rb, q)) {
        xorInto(rb, bits);
        xorInto(rowData[p]!, data);
        touched.push(p);
      }
    }
    rowBits[q] = bits;
    rowData[q] = data;
    rowCount++;
    settle(q);
    for (const p of touched) settle(p);
    if (solvedCount === n) {
      const out = new Uint8Array(messageLength);
      for (let i = 0, off = 0; i < n && off < messageLength; i++, off += fragmentLength) {
        const bytes = new Uint8Array(known[i]!.buffer, 0, fragmentLength);
        out.set(bytes.subarray(0, Math.min(fragmentLength, messageLength - off)), off);
      }
      result = out;
    }
    return true;
  }

  return {
    fragmentCount: n,
    receive,
    rank: () => solvedCount + rowCount,
    solved: () => solvedCount,
    isComplete: () => result !== undefined,
    message: () => result,
  };
}
