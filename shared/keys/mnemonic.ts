/**
 * BIP-39 mnemonics (English word list): entropy generation (CSPRNG, optionally mixed with dice),
 * entropy ↔ words, validation with a precise, secret-free reason, and prefix autocompletion.
 *
 * Spec: BIP-39 (entropy 128–256 bits, checksum = first ENT/32 bits of SHA-256, 11-bit word indices).
 * Deliberately does NOT: support other word lists, derive seeds (hd.ts does), or ever put a word
 * into an error — scure-bip39 includes the unknown word in its message, so words are checked
 * against the list here first and library errors are never surfaced.
 */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { SecretBytes } from '../secret';
import { concatBytes, wipe } from '../bytes';

/** The 2048-word BIP-39 English list (sorted; index = 11-bit value). */
export const WORDLIST: readonly string[] = wordlist;
const INDEX = new Map<string, number>(wordlist.map((w, i) => [w, i]));

/** Word counts BIP-39 allows (ENT = 128…256 bits in 32-bit steps). */
export const MNEMONIC_LENGTHS = [12, 15, 18, 21, 24] as const;

// Domain separation for user dice input, so the hash input can never be confused with another use.
const DICE_DOMAIN = utf8ToBytes('airlock/bip39-dice-mix/v1');

/**
 * New entropy for a 12- or 24-word mnemonic (16 or 32 bytes) from the CSPRNG. With `dice`
 * (digits 1–6) and/or `coins` (H/T or 1/0), whitespace ignored, the output is
 * SHA-256(csprng32 ‖ domain ‖ u32 len ‖ dice ‖ u32 len ‖ coins) truncated: user input is MIXED in,
 * never replacing the CSPRNG, so bad dice cannot weaken the result while enough honest rolls
 * rescue a compromised CSPRNG. Throws 'entropy/bad-dice', 'mnemonic/bad-length'.
 */
export function generateEntropy(words: 12 | 24, dice?: string, coins?: string): SecretBytes {
  if (words !== 12 && words !== 24) throw new AppError('mnemonic/bad-length');
  const n = words === 12 ? 16 : 32;
  const rolls = (dice ?? '').replace(/\s+/g, '');
  const flips = (coins ?? '').replace(/\s+/g, '').toUpperCase();
  if (!/^[1-6]*$/.test(rolls) || !/^[HT01]*$/.test(flips)) throw new AppError('entropy/bad-dice');
  const rng = randomBytes(32);
  if (rolls === '' && flips === '') {
    const out = rng.slice(0, n);
    wipe(rng);
    return new SecretBytes(out);
  }
  const out = mixUserEntropy(rng, rolls, flips, n);
  wipe(rng);
  return new SecretBytes(out);
}

/**
 * The mixing step of generateEntropy, exposed for tests: first `n` bytes of
 * SHA-256(rng ‖ "airlock/bip39-dice-mix/v1" ‖ u32be len ‖ rolls ‖ u32be len ‖ flips as 1/0).
 * `rolls`/`flips` must already be validated and whitespace-free.
 */
export function mixUserEntropy(rng: Uint8Array, rolls: string, flips: string, n: number): Uint8Array {
  const rollBytes = utf8ToBytes(rolls);
  const flipBytes = utf8ToBytes(flips.toUpperCase().replace(/H/g, '1').replace(/T/g, '0'));
  const input = concatBytes(rng, DICE_DOMAIN, u32(rollBytes.length), rollBytes, u32(flipBytes.length), flipBytes);
  const digest = sha256(input);
  const out = digest.slice(0, n);
  wipe(input, digest, rollBytes, flipBytes);
  return out;
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

/** BIP-39 words for 16–32 bytes of entropy. The returned strings are secret: don't log or keep them. */
export function entropyToWords(e: SecretBytes): string[] {
  return e.use((b) => entropyToMnemonic(b, wordlist).split(' '));
}

/** Split a typed mnemonic: any whitespace separates words; case-insensitive; NFKD-normalised. */
export function splitWords(text: string): string[] {
  return text.normalize('NFKD').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

export type MnemonicCheck =
  | { ok: true; entropy: SecretBytes; words: number }
  | { ok: false; code: 'mnemonic/bad-length' | 'mnemonic/unknown-word' | 'mnemonic/bad-checksum'; position?: number };

/**
 * Validate a mnemonic (any whitespace, any case). Unknown words are reported by position (from 1),
 * first in reading order; never by value. Length is checked after words, so a typo in a short
 * phrase is still located. Returns the entropy on success (caller wipes it).
 */
export function validateMnemonic(text: string): MnemonicCheck {
  const words = splitWords(text);
  for (let i = 0; i < words.length; i++) {
    if (!INDEX.has(words[i])) return { ok: false, code: 'mnemonic/unknown-word', position: i + 1 };
  }
  if (!(MNEMONIC_LENGTHS as readonly number[]).includes(words.length)) return { ok: false, code: 'mnemonic/bad-length' };
  try {
    const entropy = mnemonicToEntropy(words.join(' '), wordlist);
    return { ok: true, entropy: new SecretBytes(entropy), words: words.length };
  } catch {
    // BIP-39: every word is known and the count is right, so only the checksum can fail.
    return { ok: false, code: 'mnemonic/bad-checksum' };
  }
}

/** Like validateMnemonic but throws AppError(code, {position}) — the message names the position only. */
export function parseMnemonic(text: string): SecretBytes {
  const r = validateMnemonic(text);
  if (r.ok) return r.entropy;
  throw new AppError(r.code, r.position === undefined ? undefined : { position: r.position });
}

/** Up to `limit` list words starting with `prefix` (lower-cased), in list order. BIP-39 words are unique by 4 letters. */
export function suggestWords(prefix: string, limit = 8): string[] {
  const p = prefix.trim().toLowerCase();
  if (p === '') return [];
  const out: string[] = [];
  for (const w of wordlist) {
    if (w.startsWith(p)) {
      out.push(w);
      if (out.length >= limit) break;
    }
  }
  return out;
}
