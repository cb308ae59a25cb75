/**
 * SLIP-0039 Shamir backups: split a master secret into (grouped) share mnemonics and combine them
 * back (SLIP-39 "Generating the shares" / "Combining the shares"), plus share inspection and a
 * combine-progress report for the UI.
 *
 * Spec: satoshilabs/slips slip-0039.md incl. the extendable-backup flag; official vectors in
 * test/vectors/slip39.json. Two-level scheme: EMS = Encrypt(MS) is split GT-of-G into group shares,
 * each split T_i-of-N_i into member shares.
 *
 * Failures name the offending share by its position (`{share: N}`, from 1, or the caller's label)
 * and never contain words. Beyond the spec, more shares or groups than needed are accepted: the
 * extra ones are checked to lie on the same polynomials, so a share that doesn't fit is named.
 * No passphrase check exists in SLIP-39: a wrong passphrase silently gives a different secret.
 * Deliberately does NOT: handle BIP-39 words (keys/mnemonic.ts), or do prefix autocompletion.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { AppError, type ErrorCode } from '../errors';
import { equalBytes, wipe } from '../bytes';
import { SecretBytes } from '../secret';
import { decryptMasterSecret, encryptMasterSecret, passphraseBytes } from './slip39-cipher';
import { interpolate, recoverShamir, splitShamir, type RandomSource, type SharePoint } from './slip39-shamir';
import { decodeShare, encodeShare, type Slip39Share } from './slip39-share';

export interface Slip39SplitOptions {
  /** Groups needed to recover (1 ≤ groupThreshold ≤ groups.length). */
  groupThreshold: number;
  /** Per group: member threshold and member count (1 ≤ threshold ≤ count ≤ 16; threshold 1 ⇒ count 1). */
  groups: { threshold: number; count: number }[];
  /** Printable ASCII; '' when absent. */
  passphrase?: string;
  /** PBKDF2 cost exponent e: 10000 × 2^e iterations in total (0…15; default 1). */
  iterationExponent?: number;
  /** Extendable-backup flag (default true). */
  extendable?: boolean;
}

/** Public header of a share (no secret in it). */
export interface Slip39ShareInfo {
  identifier: number;
  groupIndex: number;
  groupThreshold: number;
  groupCount: number;
  memberIndex: number;
  memberThreshold: number;
  extendable: boolean;
  iterationExponent: number;
}

export type Slip39Progress =
  | { kind: 'empty' }
  | { kind: 'error'; code: ErrorCode; share?: number }
  | {
      kind: 'need-more' | 'ready';
      groupThreshold: number;
      groupCount: number;
      groupsComplete: number;
      /** Lower bound on the shares still to enter (unseen groups count as needing ≥ 1). */
      missingShares: number;
      missingGroups: number;
      groups: { groupIndex: number; have: number; threshold: number }[];
    };

function bad(code: ErrorCode, detail?: Record<string, string | number>): never {
  throw new AppError(code, detail);
}

/**
 * Split `masterSecret` (≥ 16 bytes, even length) into share mnemonics, one array per group.
 * Throws 'slip39/bad-parameters' {reason}. `random` is for tests only (defaults to the CSPRNG).
 */
export function splitSecret(masterSecret: SecretBytes, opts: Slip39SplitOptions, random: RandomSource = randomBytes): string[][] {
  const { groupThreshold, groups, passphrase = '', iterationExponent = 1, extendable = true } = opts;
  const isInt = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!isInt(groups.length, 1, 16) || !isInt(groupThreshold, 1, groups.length)) bad('slip39/bad-parameters', { reason: 'group-threshold' });
  for (const g of groups) {
    if (!isInt(g.count, 1, 16) || !isInt(g.threshold, 1, g.count)) bad('slip39/bad-parameters', { reason: 'threshold' });
    // SLIP-39 "Generating the shares" step 1: a 1-of-N group (N > 1) is refused — use 1-of-1.
    if (g.threshold === 1 && g.count > 1) bad('slip39/bad-parameters', { reason: 'threshold-one' });
  }
  if (!isInt(iterationExponent, 0, 15)) bad('slip39/bad-parameters', { reason: 'iteration-exponent' });
  if (masterSecret.length < 16 || masterSecret.length % 2 !== 0) bad('slip39/bad-parameters', { reason: 'length' });
  passphraseBytes(passphrase); // validate before spending PBKDF2 time
  const idBytes = random(2);
  const identifier = ((idBytes[0] << 8) | idBytes[1]) & 0x7fff;
  const ems = masterSecret.use((ms) => encryptMasterSecret(ms, passphrase, iterationExponent, identifier, extendable));
  const groupValues = splitShamir(groupThreshold, groups.length, ems, random);
  const out = groups.map((g, gi) => {
    const members = splitShamir(g.threshold, g.count, groupValues[gi], random);
    const words = members.map((value, mi) =>
      encodeShare({
        identifier,
        extendable,
        iterationExponent,
        groupIndex: gi,
        groupThreshold,
        groupCount: groups.length,
        memberIndex: mi,
        memberThreshold: g.threshold,
        value,
      }),
    );
    wipe(...members);
    return words;
  });
  wipe(ems, ...groupValues);
  return out;
}

/** Header of one share mnemonic. Throws 'slip39/bad-share' {reason, word?} or 'slip39/bad-checksum'. */
export function inspectShare(mnemonic: string): Slip39ShareInfo {
  const s = decodeShare(mnemonic);
  wipe(s.value);
  const { identifier, groupIndex, groupThreshold, groupCount, memberIndex, memberThreshold, extendable, iterationExponent } = s;
  return { identifier, groupIndex, groupThreshold, groupCount, memberIndex, memberThreshold, extendable, iterationExponent };
}

interface Labeled {
  share: Slip39Share;
  label: number;
}
interface Analysis {
  first: Slip39Share;
  groups: Map<number, Labeled[]>;
  complete: number[];
}

/** Decode and cross-check the shares; throws AppError with {share: label}. Caller wipes values. */
function analyze(mnemonics: readonly string[], labels: readonly number[], decoded: Labeled[]): Analysis {
  mnemonics.forEach((m, i) => {
    const label = labels[i] ?? i + 1;
    try {
      decoded.push({ share: decodeShare(m), label });
    } catch (e) {
      if (e instanceof AppError) throw new AppError(e.code, { ...e.detail, share: label });
      throw e;
    }
  });
  if (decoded.length === 0) bad('slip39/insufficient-shares', { missing: 1 });
  // Set-wide parameters must agree. The reference set is the most common one (ties: earliest), so
  // the odd share out is the one named.
  const key = (s: Slip39Share) =>
    [s.identifier, s.extendable, s.iterationExponent, s.groupThreshold, s.groupCount, s.value.length].join('/');
  const counts = new Map<string, number>();
  for (const d of decoded) counts.set(key(d.share), (counts.get(key(d.share)) ?? 0) + 1);
  let refKey = key(decoded[0].share);
  for (const d of decoded) if ((counts.get(key(d.share)) ?? 0) > (counts.get(refKey) ?? 0)) refKey = key(d.share);
  for (const d of decoded) if (key(d.share) !== refKey) bad('slip39/mismatched-shares', { share: d.label });
  const first = decoded.find((d) => key(d.share) === refKey)!.share;

  const groups = new Map<number, Labeled[]>();
  for (const d of decoded) {
    const members = groups.get(d.share.groupIndex) ?? [];
    const same = members.find((m) => m.share.memberIndex === d.share.memberIndex);
    if (same) {
      const identical = equalBytes(same.share.value, d.share.value) && same.share.memberThreshold === d.share.memberThreshold;
      bad(identical ? 'slip39/duplicate-share' : 'slip39/mismatched-shares', { share: d.label });
    }
    if (members.length > 0 && members[0].share.memberThreshold !== d.share.memberThreshold) {
      bad('slip39/mismatched-shares', { share: d.label });
    }
    members.push(d);
    groups.set(d.share.groupIndex, members);
  }
  const complete = [...groups.keys()].filter((g) => groups.get(g)!.length >= groups.get(g)![0].share.memberThreshold);
  return { first, groups, complete };
}

function progressOf(a: Analysis): Extract<Slip39Progress, { kind: 'need-more' | 'ready' }> {
  const gt = a.first.groupThreshold;
  const groups = [...a.groups.entries()]
    .map(([groupIndex, m]) => ({ groupIndex, have: m.length, threshold: m[0].share.memberThreshold }))
    .sort((x, y) => x.groupIndex - y.groupIndex);
  const missingGroups = Math.max(0, gt - a.complete.length);
  const deficits = groups.filter((g) => g.have < g.threshold).map((g) => g.threshold - g.have).sort((x, y) => x - y);
  const fromSeen = deficits.slice(0, missingGroups).reduce((n, d) => n + d, 0);
  const unseen = Math.max(0, missingGroups - deficits.length);
  const missingShares = fromSeen + unseen;
  return {
    kind: missingGroups === 0 ? 'ready' : 'need-more',
    groupThreshold: gt,
    groupCount: a.first.groupCount,
    groupsComplete: a.complete.length,
    missingShares,
    missingGroups,
    groups,
  };
}

/** How far a (partial) set of shares is from recoverable, for the UI. Never throws, never decrypts. */
export function combineProgress(mnemonics: readonly string[]): Slip39Progress {
  const list = mnemonics.filter((m) => m.trim() !== '');
  if (list.length === 0) return { kind: 'empty' };
  const decoded: Labeled[] = [];
  try {
    return progressOf(analyze(list, [], decoded));
  } catch (e) {
    const code = e instanceof AppError ? e.code : 'internal';
    const share = e instanceof AppError && typeof e.detail?.share === 'number' ? e.detail.share : undefined;
    return share === undefined ? { kind: 'error', code } : { kind: 'error', code, share };
  } finally {
    for (const d of decoded) wipe(d.share.value);
  }
}

/** Recover one level: the first `threshold` points give the secret; extra points must lie on the same polynomial. */
function recoverLevel(threshold: number, points: (SharePoint & { label: number })[]): Uint8Array {
  const used = points.slice(0, threshold);
  for (const extra of points.slice(threshold)) {
    const expected = interpolate(used, extra.x);
    const fits = equalBytes(expected, extra.y);
    wipe(expected);
    if (!fits) bad('slip39/mismatched-shares', { share: extra.label });
  }
  return recoverShamir(threshold, used);
}

/**
 * Master secret from share mnemonics and passphrase. `labels[i]` names mnemonic i in errors
 * (default i + 1). Throws slip39/bad-checksum | bad-share | mismatched-shares | duplicate-share
 * {share}, insufficient-shares {missing, missingGroups}, invalid-digest, bad-parameters (passphrase).
 */
export function combineShares(mnemonics: readonly string[], passphrase = '', labels: readonly number[] = []): SecretBytes {
  passphraseBytes(passphrase);
  const decoded: Labeled[] = [];
  const secrets: Uint8Array[] = [];
  try {
    const a = analyze(mnemonics, labels, decoded);
    const p = progressOf(a);
    if (p.kind !== 'ready') bad('slip39/insufficient-shares', { missing: p.missingShares, missingGroups: p.missingGroups });
    const groupPoints = a.complete.map((g) => {
      const members = a.groups.get(g)!;
      const y = recoverLevel(
        members[0].share.memberThreshold,
        members.map((m) => ({ x: m.share.memberIndex, y: m.share.value, label: m.label })),
      );
      secrets.push(y);
      return { x: g, y, label: members[0].label };
    });
    const ems = recoverLevel(a.first.groupThreshold, groupPoints);
    secrets.push(ems);
    const f = a.first;
    return new SecretBytes(decryptMasterSecret(ems, passphrase, f.iterationExponent, f.identifier, f.extendable));
  } finally {
    for (const d of decoded) wipe(d.share.value);
    wipe(...secrets);
  }
}
