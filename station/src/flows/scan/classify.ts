/**
 * What a completed station scan is: a PSBT, an Ethereum signing request, or a multisig wallet
 * registration (crypto-output, or bytes/BBQr text holding a descriptor or a BSMS record).
 * Anything else is refused with the type that arrived. Pure.
 */
import { tryUtf8 } from '../../../../shared/bytes';
import type { ScanPayload } from '../../../../shared/ur/assembler';
import type { StationScanKind } from '../../scan/inbox';

export type Classified =
  | { ok: true; kind: StationScanKind; bytes: Uint8Array }
  | { ok: false; got: string };

/** BIP-380 descriptors start with a script function; BIP-129 BSMS records with "BSMS 1.0". */
export function looksLikeWalletText(text: string): boolean {
  const t = text.trim();
  return /^BSMS 1\.0\b/.test(t) || /^(wsh|sh|tr|wpkh|pkh|multi|sortedmulti)\(/.test(t);
}

export function classifyStationScan(p: ScanPayload): Classified {
  switch (p.kind) {
    case 'psbt':
      return { ok: true, kind: 'psbt', bytes: p.bytes };
    case 'eth-sign-request':
      return { ok: true, kind: 'eth-sign-request', bytes: p.cbor };
    case 'output':
      return { ok: true, kind: 'multisig', bytes: p.cbor };
    case 'bytes': {
      const text = tryUtf8(p.bytes);
      return text !== undefined && looksLikeWalletText(text) ? { ok: true, kind: 'multisig', bytes: p.bytes } : { ok: false, got: 'bytes (not a wallet descriptor)' };
    }
    case 'bbqr': {
      // BBQr file types: P = PSBT, U = unicode text (a descriptor / BSMS record when it parses as one).
      if (p.fileType === 'P') return { ok: true, kind: 'psbt', bytes: p.bytes };
      const text = p.fileType === 'U' ? tryUtf8(p.bytes) : undefined;
      return text !== undefined && looksLikeWalletText(text) ? { ok: true, kind: 'multisig', bytes: p.bytes } : { ok: false, got: `bbqr-${p.fileType}` };
    }
    case 'text':
      return { ok: false, got: 'plain text' };
    default:
      return { ok: false, got: p.urType };
  }
}
