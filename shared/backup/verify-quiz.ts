/**
 * Backup checks: the onboarding "confirm your backup" quiz (re-enter k random words) and the
 * backup drill, which restores a backup in memory and compares its master fingerprint with the
 * stored key's — without replacing anything.
 *
 * Drill sources: BIP-39 words, SLIP-39 shares, SeedQR/CompactSeedQR payloads. A SLIP-39 master
 * secret is read as BIP-39 ENTROPY by default (how Airlock splits a BIP-39 key, CLI `slip39 split
 * --mnemonic-file`), or as the BIP-32 seed itself (`as: 'bip32-seed'`, SLIP-39's own convention for
 * wallets created as SLIP-39, e.g. Trezor). Deliberately does NOT store anything or report which
 * word/share differs beyond the positions the user answered.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { SecretBytes } from '../secret';
import { masterFingerprint, seedFromEntropy } from '../keys/hd';
import { parseMnemonic } from '../keys/mnemonic';
import { combineShares } from './slip39';
import { decodeSeedQrPayload } from './seedqr';

/** Uniform integer in [0, n) by rejection sampling on 32-bit values (no modulo bias). */
function uniform(n: number, rand: (len: number) => Uint8Array): number {
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    const b = rand(4);
    const v = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    if (v < limit) return v % n;
  }
}

/**
 * k distinct word positions (from 1, ascending) out of wordCount, uniformly at random.
 * `rand` defaults to the CSPRNG. Throws 'internal' when k is not 1…wordCount.
 */
export function pickQuizPositions(wordCount: number, k: number, rand: (len: number) => Uint8Array = randomBytes): number[] {
  if (!Number.isInteger(wordCount) || !Number.isInteger(k) || k < 1 || k > wordCount) throw new AppError('internal', { reason: 'quiz-size' });
  const pool = Array.from({ length: wordCount }, (_, i) => i + 1);
  // Partial Fisher–Yates: the first k entries are a uniform k-subset.
  for (let i = 0; i < k; i++) {
    const j = i + uniform(wordCount - i, rand);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

export interface QuizAnswer {
  /** word position from 1 */
  position: number;
  word: string;
}

/**
 * Compare answers with the backed-up words (case/space-insensitive; the word's first 4 letters
 * are accepted too, as on metal backups — BIP-39 and SLIP-39 words are unique by 4 letters).
 * Returns the wrong positions only, never a word.
 */
export function checkQuizAnswers(words: readonly string[], answers: readonly QuizAnswer[]): { ok: boolean; wrongPositions: number[] } {
  const wrong: number[] = [];
  for (const a of answers) {
    const expected = words[a.position - 1]?.toLowerCase();
    const given = a.word.trim().toLowerCase();
    const ok = expected !== undefined && (given === expected || (given.length === 4 && expected.startsWith(given)));
    if (!ok) wrong.push(a.position);
  }
  return { ok: wrong.length === 0 && answers.length > 0, wrongPositions: wrong };
}

export type BackupSource =
  | { kind: 'bip39'; words: string; bip39Passphrase?: string }
  | { kind: 'slip39'; shares: string[]; slip39Passphrase?: string; as?: 'bip39-entropy' | 'bip32-seed'; bip39Passphrase?: string }
  | { kind: 'seedqr'; payload: Uint8Array; bip39Passphrase?: string };

function seedOf(src: BackupSource): SecretBytes {
  if (src.kind === 'slip39') {
    const ms = combineShares(src.shares, src.slip39Passphrase ?? '');
    if (src.as === 'bip32-seed') return ms;
    // BIP-39 entropy is 16–32 bytes in 4-byte steps; anything else cannot be a BIP-39 key.
    if (ms.length > 32 || ms.length % 4 !== 0) {
      ms.wipe();
      throw new AppError('slip39/bad-parameters', { reason: 'not-bip39-entropy' });
    }
    try {
      return seedFromEntropy(ms, src.bip39Passphrase ?? '');
    } finally {
      ms.wipe();
    }
  }
  const entropy = src.kind === 'bip39' ? parseMnemonic(src.words) : decodeSeedQrPayload(src.payload);
  try {
    return seedFromEntropy(entropy, src.bip39Passphrase ?? '');
  } finally {
    entropy.wipe();
  }
}

/**
 * Master fingerprint (8 lower-hex) a backup restores to. Throws the source's own codes
 * (mnemonic/*, slip39/*, seedqr/bad-format); a SLIP-39 master secret that is not 16–32 bytes
 * cannot be BIP-39 entropy → 'slip39/bad-parameters'.
 */
export function backupFingerprint(src: BackupSource): string {
  const seed = seedOf(src);
  try {
    return masterFingerprint(seed);
  } finally {
    seed.wipe();
  }
}

/** Backup drill: does `src` restore the key with `expectedFingerprint`? Never replaces anything. */
export function verifyBackupFingerprint(src: BackupSource, expectedFingerprint: string): { ok: boolean; fingerprint: string } {
  const fingerprint = backupFingerprint(src);
  return { ok: fingerprint === expectedFingerprint.toLowerCase(), fingerprint };
}
