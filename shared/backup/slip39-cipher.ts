/**
 * SLIP-0039 "Encryption/Decryption of the master secret": a 4-round Feistel network (Luby–Rackoff)
 * whose round function is PBKDF2-HMAC-SHA256 with (2500 << e) iterations, so the whole scheme costs
 * 10000 × 2^e iterations.
 *
 * Round i: F(i, R) = PBKDF2(password = i ‖ passphrase, salt = prefix ‖ R, dkLen = n/2), where the
 * prefix is "shamir" ‖ id (2 bytes big-endian) for non-extendable backups and empty for extendable
 * ones (so new share sets of the same secret and passphrase decrypt to the same master secret).
 *
 * There is NO passphrase check: a wrong passphrase yields a different, equally valid-looking secret
 * (SLIP-39 "Passphrase" — plausible deniability). Deliberately does NOT normalise the passphrase; it
 * must be printable ASCII (32–126), which `passphraseBytes` enforces.
 */
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../errors';
import { concatBytes, utf8ToBytes, wipe } from '../bytes';

const BASE_ITERATION_COUNT = 10000;
const ROUND_COUNT = 4;
const CUSTOMIZATION = utf8ToBytes('shamir');

/** The passphrase as bytes; throws 'slip39/bad-parameters' {reason:'passphrase'} unless printable ASCII. */
export function passphraseBytes(passphrase: string): Uint8Array {
  for (let i = 0; i < passphrase.length; i++) {
    const c = passphrase.charCodeAt(i);
    if (c < 32 || c > 126) throw new AppError('slip39/bad-parameters', { reason: 'passphrase' });
  }
  return utf8ToBytes(passphrase);
}

function roundFunction(i: number, pass: Uint8Array, e: number, salt: Uint8Array, r: Uint8Array): Uint8Array {
  const password = concatBytes(Uint8Array.of(i), pass);
  const out = pbkdf2(sha256, password, concatBytes(salt, r), {
    c: (BASE_ITERATION_COUNT / ROUND_COUNT) << e,
    dkLen: r.length,
  });
  wipe(password);
  return out;
}

function saltPrefix(identifier: number, extendable: boolean): Uint8Array {
  return extendable ? new Uint8Array(0) : concatBytes(CUSTOMIZATION, Uint8Array.of(identifier >> 8, identifier & 0xff));
}

function feistel(input: Uint8Array, passphrase: string, e: number, identifier: number, extendable: boolean, rounds: number[]): Uint8Array {
  const pass = passphraseBytes(passphrase);
  const half = input.length / 2;
  let l: Uint8Array = input.slice(0, half);
  let r: Uint8Array = input.slice(half);
  const salt = saltPrefix(identifier, extendable);
  for (const i of rounds) {
    const f = roundFunction(i, pass, e, salt, r);
    for (let k = 0; k < half; k++) f[k] ^= l[k];
    wipe(l);
    l = r;
    r = f;
  }
  const out = concatBytes(r, l);
  wipe(l, r, pass);
  return out;
}

/** EMS = Encrypt(MS, P, e, id, ext); MS of even length. Throws 'slip39/bad-parameters' for a non-ASCII passphrase. */
export function encryptMasterSecret(ms: Uint8Array, passphrase: string, e: number, identifier: number, extendable: boolean): Uint8Array {
  return feistel(ms, passphrase, e, identifier, extendable, [0, 1, 2, 3]);
}

/** MS = Decrypt(EMS, P, e, id, ext): the same network with the rounds reversed. */
export function decryptMasterSecret(ems: Uint8Array, passphrase: string, e: number, identifier: number, extendable: boolean): Uint8Array {
  return feistel(ems, passphrase, e, identifier, extendable, [3, 2, 1, 0]);
}
