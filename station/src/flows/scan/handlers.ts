/**
 * Scan handler registry: which station route opens a scanned item of each kind. The screens that
 * act on them (sign-psbt, sign-eth, register-multisig) register here with one line when they
 * exist; until then the scan screen shows what was received and says it cannot act on it yet.
 */
import type { StationScanKind } from '../../scan/inbox';

const HANDLERS = new Map<StationScanKind, string>();

/** Route `routeName` (a key of ROUTES) handles scanned items of `kind`. */
export function registerScanHandler(kind: StationScanKind, routeName: string): void {
  HANDLERS.set(kind, routeName);
}

/** The route for `kind`, if a screen registered for it. */
export function scanHandlerRoute(kind: StationScanKind): string | undefined {
  return HANDLERS.get(kind);
}
