/**
 * Animated UR sender (BCR-2020-005 multipart + BCR-2024-001 fountain codes via bcur-adapter.ts).
 *
 * `createAnimator` yields one QR text per frame, UPPER-CASED so the QR uses alphanumeric mode
 * (≈ 5.5 bits per char instead of 8). Parts 1..n are the pure fragments; after that the encoder
 * keeps emitting fountain-mixed parts (seqNum > n), so a missed frame never costs a whole loop.
 * A payload that fits in one fragment is shown as one static single-part UR.
 *
 * Density presets are fragment lengths in bytes of CBOR, chosen from test/bench/transport.bench.ts
 * and qr.bench.ts (see the closing note of issue 3): `normal` gives ≥ 3 KB/s through a 720p webcam at
 * 20 % frame loss. Deliberately does NOT render or time frames (render.ts / the UI do).
 */
import { AppError } from '../errors';
import { createPartEncoder, encodeSinglePart, isUrType } from './bcur-adapter';

/**
 * Fragment length (bytes per QR) presets, as Sparrow's low 80 / normal 400 plus a middle step.
 * transport.bench: 10 KB at 20 % loss needs ~40 frames at 400 B (vs 63 at 250, 193 at 80), and
 * qr.bench decodes the resulting version-16 L code at 720p on every frame.
 */
export const DENSITY_PRESETS = { low: 80, medium: 250, normal: 400 } as const;
export type Density = keyof typeof DENSITY_PRESETS;
export const DEFAULT_DENSITY: Density = 'normal';
/** Default frames per second (a 30 fps webcam sees each frame 2.5 times): 10 KB at 20 % loss in ~3.3 s. */
export const DEFAULT_FPS = 12;
/** Smallest fragment bc-ur will cut (BCR-2024-001 reference uses 10). */
export const MIN_FRAGMENT_LENGTH = 10;

export interface AnimatorOptions {
  /** bytes of CBOR per fragment (see DENSITY_PRESETS) */
  maxFragmentLength: number;
  minFragmentLength?: number;
}

export interface Animator {
  readonly urType: string;
  /** Number of pure fragments (seqLen); 1 when single-part. */
  readonly partCount: number;
  readonly isSinglePart: boolean;
  /** Next QR text, upper-case. Single-part: always the same text. */
  nextFrame(): string;
}

function checkArgs(urType: string, cbor: Uint8Array, maxFragmentLength: number, minFragmentLength: number): void {
  if (!isUrType(urType)) throw new AppError('ur/unsupported-type', { got: urType, expected: 'a UR type (a-z, 0-9, -)' });
  if (cbor.length === 0) throw new AppError('input/empty');
  const ok = (n: number) => Number.isInteger(n) && n >= MIN_FRAGMENT_LENGTH && n <= 1_000_000;
  if (!ok(maxFragmentLength) || !ok(minFragmentLength) || minFragmentLength > maxFragmentLength) {
    throw new AppError('input/bad-encoding', { expected: `fragment length from ${MIN_FRAGMENT_LENGTH}` });
  }
}

/** Animator for a UR message. Throws 'ur/unsupported-type' (bad type name), 'input/empty', 'input/bad-encoding'. */
export function createAnimator(urType: string, cbor: Uint8Array, opts: AnimatorOptions): Animator {
  const min = opts.minFragmentLength ?? MIN_FRAGMENT_LENGTH;
  checkArgs(urType, cbor, opts.maxFragmentLength, min);
  if (cbor.length <= opts.maxFragmentLength) {
    const text = encodeSinglePart(urType, cbor).toUpperCase();
    return { urType, partCount: 1, isSinglePart: true, nextFrame: () => text };
  }
  const enc = createPartEncoder(urType, cbor, { maxFragmentLength: opts.maxFragmentLength, minFragmentLength: min });
  return { urType, partCount: enc.fragmentCount, isSinglePart: enc.fragmentCount === 1, nextFrame: () => enc.nextPart().toUpperCase() };
}

/**
 * UR parts as text lines (lower-case, canonical), for the CLI `ur encode`:
 * no option → one single-part UR; `maxFragment` → the pure fragments 1..n; `count` → K parts from
 * sequence 1 (fountain-mixed past n), fragment length `maxFragment` ?? 200.
 * Throws as createAnimator.
 */
export function encodeUrParts(urType: string, cbor: Uint8Array, opts: { maxFragment?: number; count?: number } = {}): string[] {
  if (opts.maxFragment === undefined && opts.count === undefined) {
    checkArgs(urType, cbor, MIN_FRAGMENT_LENGTH, MIN_FRAGMENT_LENGTH);
    return [encodeSinglePart(urType, cbor)];
  }
  const maxFragmentLength = opts.maxFragment ?? 200;
  checkArgs(urType, cbor, maxFragmentLength, MIN_FRAGMENT_LENGTH);
  const enc = createPartEncoder(urType, cbor, { maxFragmentLength, minFragmentLength: MIN_FRAGMENT_LENGTH });
  const count = opts.count ?? enc.fragmentCount;
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new AppError('input/bad-encoding', { expected: 'a part count from 1' });
  return Array.from({ length: count }, () => enc.nextPart());
}
