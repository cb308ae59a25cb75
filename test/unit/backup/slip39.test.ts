/**
 * SLIP-39 split → combine properties: thresholds, groups, random subsets, extendable flag,
 * passphrase behaviour (no check, by design), and errors that name a share by position.
 */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { combineProgress, combineShares, inspectShare, splitSecret } from '../../../shared/backup/slip39';
import { decodeShare, encodeShare } from '../../../shared/backup/slip39-share';
import { interpolate, splitShamir } from '../../../shared/backup/slip39-shamir';
import { decryptMasterSecret, encryptMasterSecret } from '../../../shared/backup/slip39-cipher';
import { AppError } from '../../../shared/errors';
import { SecretBytes } from '../../../shared/secret';

const MS16 = hexToBytes('bb54aac4b89dc868ba37d9cc21b2cece');
const MS32 = hexToBytes('989baf9dcaad5b10ca33dfd8cc75e42477025dce88ae83e75a230086a0e00e92');
const secret = (b: Uint8Array) => new SecretBytes(b.slice());
// Iteration exponent 0 keeps each combine at 10k PBKDF2 iterations (tests stay fast).
const FAST = { iterationExponent: 0 };

function combineHex(m: string[], pass = ''): string {
  const s = combineShares(m, pass);
  const h = s.use(bytesToHex);
  s.wipe();
  return h;
}
function codeOf(fn: () => unknown): { code: string; detail?: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, detail: e.detail as Record<string, unknown> };
    throw e;
  }
  throw new Error('did not throw');
}
/** All k-subsets of [0..n). */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (n < k) return [];
  return [...subsets(n - 1, k - 1).map((s) => [...s, n - 1]), ...subsets(n - 1, k)];
}

describe('SLIP-39 split/combine', () => {
  it('1-of-1 round trip (128 and 256 bit), 20 and 33 words', () => {
    for (const ms of [MS16, MS32]) {
      const g = splitSecret(secret(ms), { groupThreshold: 1, groups: [{ threshold: 1, count: 1 }], ...FAST });
      expect(g.length).toBe(1);
      expect(g[0].length).toBe(1);
      expect(g[0][0].split(' ').length).toBe(ms.length === 16 ? 20 : 33);
      expect(combineHex(g[0])).toBe(bytesToHex(ms));
    }
  });

  it('2-of-3: every pair recovers, every single share is insufficient', () => {
    const [g] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], ...FAST });
    expect(g.length).toBe(3);
    for (const s of subsets(3, 2)) expect(combineHex(s.map((i) => g[i])), `pair ${s}`).toBe(bytesToHex(MS16));
    for (const one of g) expect(codeOf(() => combineShares([one])).code).toBe('slip39/insufficient-shares');
    expect(codeOf(() => combineShares([g[0]])).detail).toEqual({ missing: 1, missingGroups: 1 });
  });

  it('3-of-5 (256 bit): random 3-, 4- and 5-subsets recover in any order; 2 shares say 1 missing', () => {
    const [g] = splitSecret(secret(MS32), { groupThreshold: 1, groups: [{ threshold: 3, count: 5 }], ...FAST });
    for (const k of [3, 4, 5]) {
      const pick = subsets(5, k)[randomBytes(1)[0] % subsets(5, k).length];
      const shuffled = pick.map((i) => g[i]).reverse();
      expect(combineHex(shuffled), `subset ${pick}`).toBe(bytesToHex(MS32));
    }
    expect(codeOf(() => combineShares([g[4], g[1]])).detail).toEqual({ missing: 1, missingGroups: 1 });
    const p = combineProgress([g[4], g[1]]);
    expect(p.kind === 'need-more' && p.missingShares).toBe(1);
  });

  it('2-of-3 groups with member thresholds: any 2 complete groups recover; progress counts what is missing', () => {
    const groups = [
      { threshold: 1, count: 1 },
      { threshold: 2, count: 3 },
      { threshold: 3, count: 5 },
    ];
    const g = splitSecret(secret(MS16), { groupThreshold: 2, groups, ...FAST });
    expect(g.map((x) => x.length)).toEqual([1, 3, 5]);
    const hex = bytesToHex(MS16);
    expect(combineHex([g[0][0], g[1][2], g[1][0]])).toBe(hex);
    expect(combineHex([g[2][4], g[1][1], g[2][0], g[1][2], g[2][2]])).toBe(hex);
    expect(combineHex([g[0][0], g[2][1], g[2][3], g[2][4]])).toBe(hex);
    // More groups and shares than needed are accepted (all are checked to fit).
    expect(combineHex([...g[0], ...g[1], ...g[2]])).toBe(hex);
    // Group 1 complete, group 3 has 1 of 3: two more shares needed.
    expect(codeOf(() => combineShares([g[0][0], g[2][0]])).detail).toEqual({ missing: 2, missingGroups: 1 });
    const p = combineProgress([g[1][0], g[2][0]]);
    expect(p).toMatchObject({ kind: 'need-more', groupThreshold: 2, groupCount: 3, groupsComplete: 0, missingShares: 3, missingGroups: 2 });
    expect(combineProgress([g[0][0], g[1][0], g[1][1]]).kind).toBe('ready');
    const info = inspectShare(g[2][3]);
    expect(info).toMatchObject({ groupIndex: 2, groupThreshold: 2, groupCount: 3, memberIndex: 3, memberThreshold: 3, extendable: true, iterationExponent: 0 });
    expect(inspectShare(g[0][0]).identifier).toBe(info.identifier);
  });

  it('defaults: extendable flag set, iteration exponent 1', () => {
    const [g] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 1, count: 1 }] });
    expect(inspectShare(g[0])).toMatchObject({ extendable: true, iterationExponent: 1 });
    const [h] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 1, count: 1 }], extendable: false, ...FAST });
    expect(inspectShare(h[0]).extendable).toBe(false);
    expect(combineHex(h)).toBe(bytesToHex(MS16));
  });

  it('a threshold-1 group must have exactly 1 share (SLIP-39 GenerateShares step 1)', () => {
    const r = codeOf(() => splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 1, count: 3 }] }));
    expect(r).toEqual({ code: 'slip39/bad-parameters', detail: { reason: 'threshold-one' } });
    for (const bad of [
      { groupThreshold: 2, groups: [{ threshold: 2, count: 3 }] },
      { groupThreshold: 1, groups: [{ threshold: 4, count: 3 }] },
      { groupThreshold: 1, groups: [{ threshold: 2, count: 17 }] },
      { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], iterationExponent: 16 },
    ]) expect(codeOf(() => splitSecret(secret(MS16), bad)).code).toBe('slip39/bad-parameters');
    expect(codeOf(() => splitSecret(secret(MS16.slice(0, 15)), { groupThreshold: 1, groups: [{ threshold: 1, count: 1 }] })).code).toBe('slip39/bad-parameters');
  });

  it('wrong passphrase gives a different secret, not an error (SLIP-39 has no passphrase check)', () => {
    const [g] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], passphrase: 'TREZOR', ...FAST });
    expect(combineHex(g.slice(0, 2), 'TREZOR')).toBe(bytesToHex(MS16));
    const other = combineHex(g.slice(0, 2), 'trezor');
    expect(other).not.toBe(bytesToHex(MS16));
    expect(other).toHaveLength(32);
    expect(codeOf(() => combineShares(g.slice(0, 2), 'pässword')).detail).toEqual({ reason: 'passphrase' });
  });

  it('extendable: a second split of the same secret+passphrase decrypts identically across sets', () => {
    const ems = encryptMasterSecret(MS16, 'x', 0, 1234, true);
    expect(bytesToHex(decryptMasterSecret(ems, 'x', 0, 9999, true))).toBe(bytesToHex(MS16));
    const emsNonExt = encryptMasterSecret(MS16, 'x', 0, 1234, false);
    expect(bytesToHex(decryptMasterSecret(emsNonExt, 'x', 0, 9999, false))).not.toBe(bytesToHex(MS16));
  });

  it('share from another set is named by position; duplicate share is named', () => {
    const [a] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], ...FAST });
    const [b] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], ...FAST });
    expect(codeOf(() => combineShares([a[0], a[1], b[2]]))).toEqual({ code: 'slip39/mismatched-shares', detail: { share: 3 } });
    expect(codeOf(() => combineShares([b[2], a[0], a[1]]))).toEqual({ code: 'slip39/mismatched-shares', detail: { share: 1 } });
    expect(codeOf(() => combineShares([a[0], a[1], ` ${a[1].toUpperCase()} `]))).toEqual({ code: 'slip39/duplicate-share', detail: { share: 3 } });
    expect(codeOf(() => combineShares([a[0], a[0]], '', [4, 7]))).toEqual({ code: 'slip39/duplicate-share', detail: { share: 7 } });
    const p = combineProgress([a[0], b[1]]);
    expect(p).toEqual({ kind: 'error', code: 'slip39/mismatched-shares', share: 2 });
  });

  it('an extra share that does not lie on the polynomial is named (same identifier, forged value)', () => {
    const [g] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], ...FAST });
    const s = decodeShare(g[2]);
    s.value[0] ^= 1;
    const forged = encodeShare(s); // valid checksum, same set parameters
    expect(codeOf(() => combineShares([g[0], g[1], forged]))).toEqual({ code: 'slip39/mismatched-shares', detail: { share: 3 } });
    expect(codeOf(() => combineShares([g[0], forged])).code).toBe('slip39/invalid-digest');
  });

  it('a changed word gives bad-checksum naming the share; an unknown word names share and word position', () => {
    const [g] = splitSecret(secret(MS16), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], ...FAST });
    const w = g[1].split(' ');
    w[10] = w[10] === 'academic' ? 'acid' : 'academic';
    expect(codeOf(() => combineShares([g[0], w.join(' ')]))).toEqual({ code: 'slip39/bad-checksum', detail: { share: 2 } });
    const u = g[1].split(' ');
    u[5] = 'abandon';
    expect(codeOf(() => combineShares([g[0], u.join(' ')]))).toEqual({
      code: 'slip39/bad-share',
      detail: { reason: 'unknown-word', word: 6, share: 2 },
    });
  });

  it('encodeShare ∘ decodeShare is the identity on split output', () => {
    const g = splitSecret(secret(MS32), { groupThreshold: 2, groups: [{ threshold: 2, count: 2 }, { threshold: 1, count: 1 }], ...FAST });
    for (const m of g.flat()) expect(encodeShare(decodeShare(m))).toBe(m);
  });

  it('Shamir core: T points reproduce the secret at 255 for random T-of-N', () => {
    for (let t = 2; t <= 5; t++) {
      const s = randomBytes(16);
      const shares = splitShamir(t, 6, s);
      const pts = shares.map((y, x) => ({ x, y })).slice(6 - t);
      expect(bytesToHex(interpolate(pts, 255)), `t=${t}`).toBe(bytesToHex(s));
      const fewer = pts.slice(1);
      expect(bytesToHex(interpolate(fewer, 255)), `t=${t} minus one`).not.toBe(bytesToHex(s));
    }
  });
});
