/**
 * Output descriptors for single-key accounts: BIP-380 checksum and the BIP-44/49/84/86 account
 * descriptors with key origin and a BIP-389 multipath `/<0;1>/*` suffix, e.g.
 * `wpkh([73c5da0a/84'/0'/0']xpub…/<0;1>/*)#checksum`.
 *
 * Spec: BIP-380 (checksum: 8 characters, polymod over a 95-symbol input charset, bech32 charset
 * output), BIP-381 pkh, BIP-382 wpkh, BIP-386 tr, BIP-389 multipath. Hardened steps written `'`.
 * Deliberately does NOT parse descriptors (multisig parsing lives in multisig.ts).
 */
import { AppError } from '../errors';
import type { SingleSigScriptType } from './address';

// BIP-380: the input character set, in groups of 32 (position & 31 = symbol, position >> 5 = group).
const INPUT_CHARSET =
  '0123456789()[],\'/*abcdefgh@:$%{}' + 'IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~' + 'ijklmnopqrstuvwxyzABCDEFGH`#"\\ ';
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];

function polymod(c: bigint, val: number): bigint {
  const c0 = c >> 35n;
  c = ((c & 0x7ffffffffn) << 5n) ^ BigInt(val);
  for (let i = 0; i < 5; i++) if ((c0 >> BigInt(i)) & 1n) c ^= GENERATOR[i];
  return c;
}

/** BIP-380 checksum (8 chars) of a descriptor without `#…`. Throws 'descriptor/unparseable' for a char outside the charset. */
export function descriptorChecksum(desc: string): string {
  let c = 1n;
  let cls = 0;
  let clscount = 0;
  for (const ch of desc) {
    const pos = INPUT_CHARSET.indexOf(ch);
    if (pos < 0) throw new AppError('descriptor/unparseable');
    c = polymod(c, pos & 31); // BIP-380: emit the symbol
    cls = cls * 3 + (pos >> 5); // …and accumulate groups, 3 at a time
    if (++clscount === 3) {
      c = polymod(c, cls);
      cls = 0;
      clscount = 0;
    }
  }
  if (clscount > 0) c = polymod(c, cls);
  for (let i = 0; i < 8; i++) c = polymod(c, 0); // shift further to determine the checksum
  c ^= 1n; // prevent appending zeroes from not affecting the checksum
  let out = '';
  for (let j = 0; j < 8; j++) out += CHECKSUM_CHARSET[Number((c >> BigInt(5 * (7 - j))) & 31n)];
  return out;
}

/** `desc#checksum`. Throws 'descriptor/unparseable'. */
export function addChecksum(desc: string): string {
  return `${desc}#${descriptorChecksum(desc)}`;
}

/**
 * Verify `desc#checksum`; returns the descriptor without it. A missing checksum is accepted only with
 * `requireChecksum = false`. Throws 'descriptor/bad-checksum' or 'descriptor/unparseable'.
 */
export function verifyChecksum(text: string, requireChecksum = true): string {
  const t = text.trim();
  const i = t.indexOf('#');
  if (i < 0) {
    if (requireChecksum) throw new AppError('descriptor/bad-checksum');
    descriptorChecksum(t); // charset check
    return t;
  }
  if (t.indexOf('#', i + 1) >= 0) throw new AppError('descriptor/unparseable');
  const body = t.slice(0, i);
  const sum = t.slice(i + 1);
  if (sum.length !== 8 || descriptorChecksum(body) !== sum) throw new AppError('descriptor/bad-checksum');
  return body;
}

/** Key expression with origin: `[fp/84'/0'/0']xpub…/<0;1>/*` (origin path given with or without `m/`). */
export function keyWithOrigin(fingerprint: string, path: string, xpub: string, multipath = true): string {
  if (!/^[0-9a-f]{8}$/.test(fingerprint)) throw new AppError('descriptor/unparseable', { field: 'fingerprint' });
  const origin = path.replace(/^m\/?/, '').replace(/[hH]/g, "'");
  return `[${fingerprint}${origin ? '/' + origin : ''}]${xpub}${multipath ? '/<0;1>/*' : ''}`;
}

/** Single-sig account descriptor with checksum: pkh / sh(wpkh) / wpkh / tr around the key with origin. */
export function singleSigDescriptor(type: SingleSigScriptType, fingerprint: string, path: string, xpub: string): string {
  const key = keyWithOrigin(fingerprint, path, xpub);
  const body =
    type === 'p2pkh' ? `pkh(${key})` : type === 'p2sh-p2wpkh' ? `sh(wpkh(${key}))` : type === 'p2wpkh' ? `wpkh(${key})` : `tr(${key})`;
  return addChecksum(body);
}
