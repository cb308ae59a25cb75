/**
 * The last payload scanned by the station, handed from the scan screen to the screen that handles
 * it (sign-psbt, sign-eth, register-multisig). Scanned data is public (it came through a camera);
 * it is kept out of URLs and storage anyway and cleared when taken.
 */
import type { ScanPayload } from '../../../shared/ur/assembler';

export type StationScanKind = 'psbt' | 'eth-sign-request' | 'multisig';

export interface ScannedItem {
  kind: StationScanKind;
  payload: ScanPayload;
  /** bytes of the item itself (PSBT bytes, request CBOR, descriptor text) */
  bytes: Uint8Array;
  sha256: string;
}

let current: ScannedItem | null = null;

export function putScanned(item: ScannedItem): void {
  current = item;
}

/** Take (and clear) the scanned item, if any. */
export function takeScanned(): ScannedItem | null {
  const item = current;
  current = null;
  return item;
}

/** Look at the scanned item without clearing it. */
export function peekScanned(): ScannedItem | null {
  return current;
}
