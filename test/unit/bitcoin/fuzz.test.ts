/**
 * Fuzz: thousands of random mutations (bit flips, byte overwrites, insertions, deletions, truncations)
 * of valid PSBTs through parse + review. Property: every failure is an AppError (never a TypeError or
 * RangeError from deep inside a library), and every success keeps inputs = outputs + fee.
 * Time per input is bounded by construction (size cap, derivation caps in review.ts); no wall-time assertion.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { NET, THEIR_ADDRESS, buildPsbt, jsMultisig, ourRoot, singlePath, toWallet } from './fixtures';

const bip174 = JSON.parse(readFileSync(new URL('../../vectors/bip174.json', import.meta.url), 'utf8'));
const bip370 = JSON.parse(readFileSync(new URL('../../vectors/bip370.json', import.meta.url), 'utf8'));

// xorshift32: deterministic, so a failure reproduces from its iteration number
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  let b = Uint8Array.from(src);
  const n = 1 + (r() % 4);
  for (let k = 0; k < n; k++) {
    const pos = r() % Math.max(1, b.length);
    switch (r() % 5) {
      case 0:
        b[pos] ^= 1 << (r() % 8);
        break;
      case 1:
        b[pos] = r() & 0xff;
        break;
      case 2: {
        const ins = Uint8Array.from({ length: 1 + (r() % 8) }, () => r() & 0xff);
        b = Uint8Array.from([...b.subarray(0, pos), ...ins, ...b.subarray(pos)]);
        break;
      }
      case 3:
        b = Uint8Array.from([...b.subarray(0, pos), ...b.subarray(pos + 1 + (r() % 8))]);
        break;
      case 4:
        b = b.subarray(0, pos);
        break;
    }
  }
  return b;
}

describe('fuzz: mutated PSBTs through parse + review', () => {
  const w = jsMultisig('p2wsh');
  const seeds: [string, Uint8Array][] = [
    ['bip174 signer input', Uint8Array.from(Buffer.from(bip174.roles.updater_sighash_all.expected_psbt_hex, 'hex'))],
    ['bip370 valid#3', Uint8Array.from(Buffer.from(bip370.valid[3].hex, 'hex'))],
    ['bitcoinjs mixed', buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 80_000n }, { kind: 'single', type: 'p2tr', value: 70_000n }, { kind: 'multi', wallet: w, value: 60_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 100_000n }, { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 1), value: 50_000n },
        { kind: 'multi-change', wallet: w, chain: 1, index: 1, value: 59_000n }]).toBuffer()],
  ];
  const root = ourRoot();
  const wallets = [toWallet(w)];
  for (const [name, seed] of seeds) {
    it(`${name}: 1000 mutations → only AppErrors`, () => {
      const r = rng(0xa11c0c + seed.length);
      const crashes: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const m = mutate(seed, r);
        try {
          const rev = reviewPsbt(m, { network: NET, keys: root, wallets });
          if (rev.feeSats !== null && rev.inputSats !== null) {
            expect(rev.inputSats, `${name}#${i} balance`).toBe(rev.sentSats + rev.changeSats + rev.feeSats);
          }
        } catch (e) {
          if (!(e instanceof AppError)) crashes.push(`${name}#${i}: ${(e as Error).name}: ${(e as Error).message}`);
        }
      }
      expect(crashes, `${name}: non-AppError failures`).toEqual([]);
      expect(reviewPsbt(seed, { network: NET, keys: root, wallets }).inputs.length, `${name} seed`).toBeGreaterThan(0);
    });
  }
});
