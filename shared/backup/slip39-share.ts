/**
 * SLIP-0039 share mnemonics: "Format of the share mnemonic" and the RS1024 "Checksum".
 *
 * Layout (big-endian bits, then 10-bit words): id 15 ‖ ext 1 ‖ e 4 ‖ GI 4 ‖ Gt 4 ‖ g 4 ‖ I 4 ‖ t 4 ‖
 * padded value (left zero-padded to a multiple of 10) ‖ checksum 30. Thresholds and the group
 * count are stored minus one. The RS1024 customization string is "shamir", or "shamir_extendable"
 * when the extendable flag is set.
 *
 * Decoding reports failures as AppError codes with NO words in them: the caller adds the share's
 * position. Deliberately does NOT correct errors (the spec forbids suggesting corrections).
 */
import { AppError } from '../errors';
import { utf8ToBytes } from '../bytes';
import { SLIP39_WORDLIST, slip39WordIndex } from './slip39-wordlist';

/** Decoded share. `value` is secret material (a share of the encrypted master secret). */
export interface Slip39Share {
  identifier: number;
  extendable: boolean;
  iterationExponent: number;
  groupIndex: number;
  groupThreshold: number;
  groupCount: number;
  memberIndex: number;
  memberThreshold: number;
  value: Uint8Array;
}

const RADIX_BITS = 10;
const CHECKSUM_WORDS = 3;
const HEADER_WORDS = 4;
/** Shortest share: 128-bit value → 13 value words + 4 header + 3 checksum (SLIP-39 table). */
export const MIN_MNEMONIC_WORDS = 20;
const GEN = [0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48, 0x21b1f890, 0x3f3f120];

function polymod(values: Iterable<number>): number {
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 20;
    chk = (((chk & 0xfffff) << 10) ^ v) >>> 0;
    for (let i = 0; i < 10; i++) if ((b >> i) & 1) chk = (chk ^ GEN[i]) >>> 0;
  }
  return chk;
}

function customization(extendable: boolean): number[] {
  return Array.from(utf8ToBytes(extendable ? 'shamir_extendable' : 'shamir'));
}

/** RS1024 checksum words (3 × 10 bits) for the data words. */
export function rs1024Checksum(data: readonly number[], extendable: boolean): number[] {
  const pm = polymod([...customization(extendable), ...data, 0, 0, 0]) ^ 1;
  return [0, 1, 2].map((i) => (pm >>> (10 * (2 - i))) & 1023);
}

/** True when the words (data ‖ checksum) pass RS1024 with the right customization string. */
export function rs1024Verify(words: readonly number[], extendable: boolean): boolean {
  return polymod([...customization(extendable), ...words]) === 1;
}

/** Words of a typed share: any whitespace separates, case-insensitive. */
export function splitShareWords(mnemonic: string): string[] {
  return mnemonic.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
}

/**
 * Parse a share mnemonic. Throws 'slip39/bad-share' {word?: position from 1, reason} for unknown
 * words, bad length, bad padding or impossible parameters, and 'slip39/bad-checksum' for RS1024.
 */
export function decodeShare(mnemonic: string): Slip39Share {
  const words = splitShareWords(mnemonic);
  const idx: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = slip39WordIndex(words[i]);
    if (v === undefined) throw new AppError('slip39/bad-share', { reason: 'unknown-word', word: i + 1 });
    idx.push(v);
  }
  if (idx.length < MIN_MNEMONIC_WORDS) throw new AppError('slip39/bad-share', { reason: 'length' });
  const valueWords = idx.length - HEADER_WORDS - CHECKSUM_WORDS;
  // "Padding … MUST NOT exceed 8 bits": otherwise the word count is impossible.
  const padding = (RADIX_BITS * valueWords) % 16;
  if (padding > 8) throw new AppError('slip39/bad-share', { reason: 'length' });
  const extendable = ((idx[1] >> 4) & 1) === 1;
  if (!rs1024Verify(idx, extendable)) throw new AppError('slip39/bad-checksum');

  const identifier = (idx[0] << 5) | (idx[1] >> 5);
  const iterationExponent = idx[1] & 0xf;
  const h = (idx[2] << 10) | idx[3]; // GI 4 ‖ Gt 4 ‖ g 4 ‖ I 4 ‖ t 4
  const groupIndex = (h >> 16) & 0xf;
  const groupThreshold = ((h >> 12) & 0xf) + 1;
  const groupCount = ((h >> 8) & 0xf) + 1;
  const memberIndex = (h >> 4) & 0xf;
  const memberThreshold = (h & 0xf) + 1;
  if (groupThreshold > groupCount) throw new AppError('slip39/bad-share', { reason: 'group-threshold' });

  // Value: 10-bit words → bit string; the first `padding` bits must be zero.
  const bits: number[] = [];
  for (const w of idx.slice(HEADER_WORDS, HEADER_WORDS + valueWords)) for (let b = 9; b >= 0; b--) bits.push((w >> b) & 1);
  if (bits.slice(0, padding).some((b) => b !== 0)) throw new AppError('slip39/bad-share', { reason: 'padding' });
  const valueBits = bits.slice(padding);
  const value = new Uint8Array(valueBits.length / 8);
  for (let i = 0; i < valueBits.length; i++) value[i >> 3] |= valueBits[i] << (7 - (i & 7));
  bits.fill(0);
  valueBits.fill(0);
  if (value.length < 16 || value.length % 2 !== 0) throw new AppError('slip39/bad-share', { reason: 'length' });
  return { identifier, extendable, iterationExponent, groupIndex, groupThreshold, groupCount, memberIndex, memberThreshold, value };
}

/** Share → mnemonic words joined by single spaces (the string is secret). */
export function encodeShare(s: Slip39Share): string {
  const idx: number[] = [];
  idx.push(s.identifier >> 5, ((s.identifier & 0x1f) << 5) | ((s.extendable ? 1 : 0) << 4) | (s.iterationExponent & 0xf));
  const h =
    (s.groupIndex << 16) |
    ((s.groupThreshold - 1) << 12) |
    ((s.groupCount - 1) << 8) |
    (s.memberIndex << 4) |
    (s.memberThreshold - 1);
  idx.push((h >> 10) & 0x3ff, h & 0x3ff);
  const valueWords = Math.ceil((s.value.length * 8) / RADIX_BITS);
  const padding = valueWords * RADIX_BITS - s.value.length * 8;
  const bits: number[] = new Array(padding).fill(0);
  for (const byte of s.value) for (let b = 7; b >= 0; b--) bits.push((byte >> b) & 1);
  for (let w = 0; w < valueWords; w++) {
    let v = 0;
    for (let b = 0; b < RADIX_BITS; b++) v = (v << 1) | bits[w * RADIX_BITS + b];
    idx.push(v);
  }
  bits.fill(0);
  idx.push(...rs1024Checksum(idx, s.extendable));
  return idx.map((i) => SLIP39_WORDLIST[i]).join(' ');
}
