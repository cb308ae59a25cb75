/**
 * BIP-32 derivation paths as strings (`m/84'/0'/0'`): parse to indices, format back, and the
 * standard account paths (BIP-44/49/84/86 and the BIP-48 multisig cosigner key).
 *
 * Accepts `'`, `h` or `H` for hardened steps; always formats with `'` (ARCHITECTURE 2.8).
 * Deliberately does NOT accept relative paths or wildcards (descriptors handle `/<0;1>/*`).
 */
import { HARDENED_OFFSET } from '@scure/bip32';
import { AppError } from '../errors';

export { HARDENED_OFFSET };

export type ScriptType = 'p2pkh' | 'p2sh-p2wpkh' | 'p2wpkh' | 'p2tr' | 'p2wsh-multi';

/** BIP purpose (first path step) per single-sig script type, and BIP-48 for the multisig cosigner key. */
export const PURPOSE: Record<ScriptType, number> = {
  p2pkh: 44,
  'p2sh-p2wpkh': 49,
  p2wpkh: 84,
  p2tr: 86,
  'p2wsh-multi': 48,
};

/** Parse `m/84'/0'/0'` (or `84h/0h/0h`, or `m`) into child indices. Throws 'keys/bad-path'. */
export function parsePath(path: string): number[] {
  const t = path.trim();
  const parts = t.split('/');
  if (parts[0] === 'm' || parts[0] === 'M') parts.shift();
  if (parts.length > 255) throw new AppError('keys/bad-path');
  return parts.map((p) => {
    const m = /^(\d{1,10})(['hH]?)$/.exec(p);
    if (!m) throw new AppError('keys/bad-path');
    const n = Number(m[1]);
    if (n >= HARDENED_OFFSET) throw new AppError('keys/bad-path');
    return m[2] ? n + HARDENED_OFFSET : n;
  });
}

/** Format indices as `m/84'/0'/0'` (hardened steps with `'`). */
export function formatPath(indices: readonly number[]): string {
  return ['m', ...indices.map((i) => (i >= HARDENED_OFFSET ? `${i - HARDENED_OFFSET}'` : String(i)))].join('/');
}

/** Normalise any accepted path spelling to the canonical `m/…'` form. Throws 'keys/bad-path'. */
export function normalizePath(path: string): string {
  return formatPath(parsePath(path));
}

/** Path without the leading `m/` (for descriptor key origins: `84'/0'/0'`). */
export function originPath(path: string): string {
  return normalizePath(path).replace(/^m\/?/, '');
}

/** Account path for a script type: m/purpose'/coin'/account' (BIP-48 adds script type 2' = P2WSH). */
export function accountPath(scriptType: ScriptType, coinType: number, account = 0): string {
  if (!Number.isInteger(account) || account < 0 || account >= HARDENED_OFFSET) throw new AppError('keys/bad-path');
  const base = `m/${PURPOSE[scriptType]}'/${coinType}'/${account}'`;
  return scriptType === 'p2wsh-multi' ? `${base}/2'` : base;
}
