/**
 * SLIP-0039 Shamir secret sharing over GF(256) ("Shamir's secret-sharing", "Polynomial interpolation",
 * "Sharing a secret" SplitSecret/RecoverSecret), byte-wise, with the secret stored at x = 255 and the
 * digest share (4-byte HMAC-SHA256 digest ‖ n−4 random bytes) at x = 254.
 *
 * Field: GF(2^8) modulo the Rijndael polynomial x^8 + x^4 + x^3 + x + 1, via log/exp tables for the
 * generator 3 (AES, FIPS-197 §4). Deliberately does NOT: encode shares as words (slip39-share.ts),
 * encrypt (slip39-cipher.ts), or claim constant time — table lookups are secret-indexed, which is
 * acceptable on the offline station (no co-resident attacker measuring cache timing).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { concatBytes, equalBytes, wipe } from '../bytes';

/** x coordinate of the digest share (SLIP-39 "Digest"). */
export const DIGEST_INDEX = 254;
/** x coordinate of the shared secret (SLIP-39 "Index encoding": 255 instead of 0). */
export const SECRET_INDEX = 255;
const DIGEST_LENGTH = 4;

/** A share point: x in 0…255, y = one field element per secret byte. */
export interface SharePoint {
  x: number;
  y: Uint8Array;
}

/** Source of uniformly random bytes (defaults to the CSPRNG through @noble/hashes). */
export type RandomSource = (n: number) => Uint8Array;

const EXP = new Uint8Array(255);
const LOG = new Uint8Array(256);
(() => {
  let p = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = p;
    LOG[p] = i;
    // multiply by the generator 3 = x + 1: p*2 (xtime, reduced by 0x11b) xor p
    p = p ^ ((p << 1) ^ (p & 0x80 ? 0x11b : 0));
  }
})();

/**
 * Lagrange interpolation of the points at `x` (SLIP-39 Interpolate). Points must have distinct x
 * and equal-length y; callers guarantee both. Returns y(x) for each byte position.
 */
export function interpolate(points: readonly SharePoint[], x: number): Uint8Array {
  const hit = points.find((p) => p.x === x);
  if (hit) return hit.y.slice();
  const n = points[0].y.length;
  // log of ∏_j (x − x_j); subtraction is xor in characteristic 2.
  let logProd = 0;
  for (const p of points) logProd += LOG[p.x ^ x];
  const out = new Uint8Array(n);
  for (const p of points) {
    // basis_i(x) = ∏_{j≠i} (x − x_j) / (x_i − x_j)
    let logDen = 0;
    for (const q of points) if (q !== p) logDen += LOG[p.x ^ q.x];
    const logBasis = (((logProd - LOG[p.x ^ x] - logDen) % 255) + 255) % 255;
    for (let k = 0; k < n; k++) {
      const v = p.y[k];
      if (v !== 0) out[k] ^= EXP[(LOG[v] + logBasis) % 255];
    }
  }
  return out;
}

function digest(randomPart: Uint8Array, secret: Uint8Array): Uint8Array {
  return hmac(sha256, randomPart, secret).slice(0, DIGEST_LENGTH);
}

/**
 * SLIP-39 SplitSecret(T, N, S): N share values for x = 0…N−1. Requires 1 ≤ T ≤ N ≤ 16 and
 * |S| ≥ 16 bytes, even. Throws 'slip39/bad-parameters'.
 */
export function splitShamir(threshold: number, count: number, secret: Uint8Array, random: RandomSource = randomBytes): Uint8Array[] {
  if (!(Number.isInteger(threshold) && Number.isInteger(count) && threshold >= 1 && threshold <= count && count <= 16)) {
    throw new AppError('slip39/bad-parameters', { reason: 'threshold' });
  }
  if (secret.length < 16 || secret.length % 2 !== 0) throw new AppError('slip39/bad-parameters', { reason: 'length' });
  // Step 2: threshold 1 → every share is the secret itself.
  if (threshold === 1) return Array.from({ length: count }, () => secret.slice());
  const n = secret.length;
  // Step 3: D = HMAC-SHA256(key=R, msg=S)[:4] ‖ R with R random (n−4 bytes).
  const r = random(n - DIGEST_LENGTH);
  const d = concatBytes(digest(r, secret), r);
  // Step 4: T−2 random shares at x = 0…T−3.
  const base: SharePoint[] = [];
  for (let x = 0; x < threshold - 2; x++) base.push({ x, y: random(n) });
  base.push({ x: DIGEST_INDEX, y: d }, { x: SECRET_INDEX, y: secret });
  // Step 5: remaining shares interpolated through the random ones, the digest and the secret.
  const out: Uint8Array[] = base.slice(0, threshold - 2).map((p) => p.y);
  for (let x = threshold - 2; x < count; x++) out.push(interpolate(base, x));
  wipe(r, d);
  return out;
}

/**
 * SLIP-39 RecoverSecret(T, points): the secret at x = 255, checked against the digest at x = 254.
 * Callers pass exactly T points with distinct x. Throws 'slip39/invalid-digest' when the points
 * do not lie on one sharing (a share was altered or comes from another split).
 */
export function recoverShamir(threshold: number, points: readonly SharePoint[]): Uint8Array {
  if (threshold === 1) return points[0].y.slice();
  const s = interpolate(points, SECRET_INDEX);
  const d = interpolate(points, DIGEST_INDEX);
  const ok = equalBytes(d.subarray(0, DIGEST_LENGTH), digest(d.subarray(DIGEST_LENGTH), s));
  wipe(d);
  if (!ok) {
    wipe(s);
    throw new AppError('slip39/invalid-digest');
  }
  return s;
}
