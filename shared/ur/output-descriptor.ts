/**
 * A BCR-2020-010 `crypto-output` of a multisig wallet (`sh`/`wsh` around `multi`/`sortedmulti` of
 * BCR-2020-007 crypto-hdkeys with origins) → a BIP-380/383 descriptor text with `/<0;1>/*` keys,
 * which shared/bitcoin/multisig.ts then parses and validates like any other descriptor.
 * CBOR is read by @keystonehq/bc-ur-registry; the key conversion is account-export.ts's.
 * Deliberately does NOT: accept keys without an origin fingerprint, single-key outputs, or add a checksum.
 */
import { Buffer } from 'buffer';
import { CryptoHDKey, CryptoOutput } from '@keystonehq/bc-ur-registry';
import { AppError } from '../errors';
import type { BtcNetwork } from '../bitcoin/networks';
import { xpubOfHdkey } from './account-export';

function keyExpression(hd: CryptoHDKey, network: BtcNetwork): string {
  const fp = hd.getOrigin()?.getSourceFingerprint();
  if (!fp) throw new AppError('multisig/unparseable', { reason: 'key without origin' });
  const { path, xpub } = xpubOfHdkey(hd, network.bip32);
  return `[${Buffer.from(fp).toString('hex')}${path.slice(1)}]${xpub}/<0;1>/*`;
}

/** crypto-output CBOR of a multisig wallet → descriptor text (no checksum). Throws 'multisig/unparseable'. */
export function descriptorFromCryptoOutput(cbor: Uint8Array, network: BtcNetwork): string {
  try {
    const out = CryptoOutput.fromCBOR(Buffer.from(cbor));
    const multi = out.getMultiKey();
    if (!multi) throw new AppError('multisig/unparseable', { reason: 'not a multisig output' });
    const exprs = out.getScriptExpressions().map((s) => s.getExpression());
    const keys = multi.getKeys().map((k) => {
      if (!(k instanceof CryptoHDKey)) throw new AppError('multisig/unparseable', { reason: 'not an extended key' });
      return keyExpression(k, network);
    });
    const inner = `${exprs[exprs.length - 1]}(${multi.getThreshold()},${keys.join(',')})`;
    return exprs.slice(0, -1).reduceRight((acc, e) => `${e}(${acc})`, inner);
  } catch (e) {
    if (e instanceof AppError && e.code === 'multisig/unparseable') throw e;
    throw new AppError('multisig/unparseable', undefined, { cause: e });
  }
}
