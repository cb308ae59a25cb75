/**
 * The text of a scanned multisig wallet: a descriptor / Coldcard-Sparrow file / BSMS record carried
 * as `ur:bytes` or BBQr text, or a `crypto-output` converted to a descriptor by
 * shared/ur/output-descriptor.ts; shared/bitcoin/multisig.ts then parses and validates it.
 */
import { AppError } from '../../../../shared/errors';
import { tryUtf8 } from '../../../../shared/bytes';
import { descriptorFromCryptoOutput } from '../../../../shared/ur/output-descriptor';
import type { BtcNetwork } from '../../../../shared/bitcoin/networks';
import type { ScannedItem } from '../../scan/inbox';

/** The wallet text of a scanned item (see the module comment). Throws 'multisig/unparseable'. */
export function walletTextOf(item: ScannedItem, network: BtcNetwork): string {
  if (item.payload.kind === 'output') return descriptorFromCryptoOutput(item.bytes, network);
  const text = tryUtf8(item.bytes);
  if (text === undefined) throw new AppError('multisig/unparseable');
  return text;
}
