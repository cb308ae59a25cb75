/** SLIP-0039 wordlist: pinned content and the spec's stated properties ("Wordlist"). */
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { SLIP39_WORDLIST, slip39WordIndex } from '../../../shared/backup/slip39-wordlist';

describe('SLIP-39 wordlist', () => {
  it('is the pinned 1024-word list (sha256 of wordlist.txt bytes)', () => {
    expect(SLIP39_WORDLIST.length).toBe(1024);
    expect(SLIP39_WORDLIST[0]).toBe('academic');
    expect(SLIP39_WORDLIST[1023]).toBe('zero');
    expect(SLIP39_WORDLIST[781]).toBe('satoshi');
    const text = SLIP39_WORDLIST.join('\n') + '\n';
    expect(bytesToHex(sha256(utf8ToBytes(text)))).toBe('bcc4555340332d169718aed8bf31dd9d5248cb7da6e5d355140ef4f1e601eec3');
  });

  it('is sorted, 4–8 letters, with unique 4-letter prefixes', () => {
    expect([...SLIP39_WORDLIST].sort()).toEqual([...SLIP39_WORDLIST]);
    for (const w of SLIP39_WORDLIST) expect(w).toMatch(/^[a-z]{4,8}$/);
    expect(new Set(SLIP39_WORDLIST.map((w) => w.slice(0, 4))).size).toBe(1024);
  });

  it('indexes words both ways', () => {
    SLIP39_WORDLIST.forEach((w, i) => expect(slip39WordIndex(w)).toBe(i));
    expect(slip39WordIndex('abandon')).toBeUndefined();
  });
});
