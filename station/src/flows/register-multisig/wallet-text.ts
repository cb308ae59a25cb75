/**
 * The text of a scanned multisig wallet: a descriptor / Coldcard-Sparrow file / BSMS record carried
 * as `ur:bytes` or BBQr text, or a BCR-2020-010 `crypto-output` (`sh`/`wsh` around `multi`/`sortedmulti`
 * of crypto-hdkeys with origins) converted to a BIP-383 descriptor with `/<0;1>/*`, which
 * shared/bitcoin/multisig.ts then parses and validates like any other descriptor.
 * Deliberately does NOT: accept keys without an origin fingerprint, or single-key outputs.
 */
import { Buffer } from 'buffer';
import { HDKey } from '@scure/bip32';
import { CryptoHDKey, CryptoOutput } from '@keystonehq/bc-ur-registry';
import { AppError } from '../../../../shared/errors';
import { tryUtf8 } from '../../../../shared/bytes';
import { formatPath } from '../../../../shared/keys/paths';
import type { BtcNetwork } from '../../../../shared/bitcoin/networks';
import type { ScannedItem } from '../../scan/inbox';

const H = 0x80000000;

function keyExpression(hd: CryptoHDKey, network: BtcNetwork): string {
  const origin = hd.getOrigin();
  const fp = origin?.getSourceFingerprint();
  if (!origin || !fp) throw new AppError('multisig/unparseable', { reason: 'key without origin' });
  const idx = origin.getComponents().map((c) => {
    if (c.isWildcard()) throw new AppError('multisig/unparseable');
    return c.getIndex() + (c.isHardened() ? H : 0);
  });
  const pf = hd.getParentFingerprint();
  const xpub = new HDKey({
    versions: network.bip32,
    depth: idx.length,
    index: idx.length ? idx[idx.length - 1] : 0,
    parentFingerprint: pf ? pf.readUInt32BE(0) : 0,
    chainCode: new Uint8Array(hd.getChainCode()),
    publicKey: new Uint8Array(hd.getKey()),
  }).publicExtendedKey;
  const path = formatPath(idx).slice(1);
  return `[${Buffer.from(fp).toString('hex')}${path}]${xpub}/<0;1>/*`;
}

/** crypto-output CBOR of a multisig wallet → BIP-383 descriptor text. Throws 'multisig/unparseable'. */
export function descriptorFromCryptoOutput(cbor: Uint8Array, network: BtcNetwork): string {
  let out: CryptoOutput;
  try {
    out = CryptoOutput.fromCBOR(Buffer.from(cbor));
  } catch (e) {
    throw new AppError('multisig/unparseable', undefined, { cause: e });
  }
  const multi = out.getMultiKey();
  if (!multi) throw new AppError('multisig/unparseable', { reason: 'not a multisig output' });
  const exprs = out.getScriptExpressions().map((s) => s.getExpression());
  const keys = multi.getKeys().map((k) => {
    if (!(k instanceof CryptoHDKey)) throw new AppError('multisig/unparseable', { reason: 'not an extended key' });
    return keyExpression(k, network);
  });
  const inner = `${exprs[exprs.length - 1]}(${multi.getThreshold()},${keys.join(',')})`;
  return exprs.slice(0, -1).reduceRight((acc, e) => `${e}(${acc})`, inner);
}

/** The wallet text of a scanned item (see the module comment). Throws 'multisig/unparseable'. */
export function walletTextOf(item: ScannedItem, network: BtcNetwork): string {
  if (item.payload.kind === 'output') return descriptorFromCryptoOutput(item.bytes, network);
  const text = tryUtf8(item.bytes);
  if (text === undefined) throw new AppError('multisig/unparseable');
  return text;
}
