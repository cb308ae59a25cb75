/**
 * Ledger failures → AppError codes a person understands (issue 8). The client libraries throw
 * `TransportStatusError` (with `statusCode`, the APDU status word) or named transport errors
 * (`DisconnectedDevice…`, `TransportOpenUserCancelled`…); we match on `statusCode` and `name`, never
 * on `instanceof` (the station bundle may hold two copies of @ledgerhq/errors) and never on message text
 * except for the WebUSB "disconnected" case, where the library itself does the same.
 *
 * Status words (Ledger SDK / app-bitcoin-new src/boilerplate/sw.h, app-ethereum):
 *   0x5515 device locked · 0x6e00 CLA not supported / 0x6d00 INS not supported / 0x6511 / 0x6e01 /
 *   0x5123 another app (or the dashboard) is open · 0x6985 user rejected (SW_DENY) ·
 *   0xb008 SW_SIGNATURE_FAIL: with a registered policy, the app's answer to an HMAC that does not verify.
 * Deliberately does NOT: retry, or put library messages into the AppError (they are kept as `cause`).
 */
import { AppError, type ErrorCode } from '../errors';

/** Which Ledger app a call needed (named in 'ledger/wrong-app'). */
export type LedgerAppName = 'Bitcoin' | 'Bitcoin Test' | 'Ethereum';

export const SW = {
  OK: 0x9000,
  LOCKED: 0x5515,
  DENY: 0x6985,
  CLA_NOT_SUPPORTED: 0x6e00,
  CLA_NOT_SUPPORTED_BOOTLOADER: 0x6e01,
  INS_NOT_SUPPORTED: 0x6d00,
  APP_NOT_OPEN: 0x6511,
  APP_NOT_FOUND: 0x5123,
  SIGNATURE_FAIL: 0xb008,
} as const;

const WRONG_APP = new Set<number>([SW.CLA_NOT_SUPPORTED, SW.CLA_NOT_SUPPORTED_BOOTLOADER, SW.INS_NOT_SUPPORTED, SW.APP_NOT_OPEN, SW.APP_NOT_FOUND]);

const NAMED: Record<string, ErrorCode> = {
  DisconnectedDevice: 'ledger/disconnected',
  DisconnectedDeviceDuringOperation: 'ledger/disconnected',
  TransportInterfaceNotAvailable: 'ledger/busy',
  TransportRaceCondition: 'ledger/busy',
  TransportOpenUserCancelled: 'ledger/no-device',
  TransportWebUSBGestureRequired: 'ledger/no-device',
  LockedDeviceError: 'ledger/locked',
  UserRefusedOnDevice: 'ledger/rejected',
};

/** Status word of a library error, or undefined. */
export function statusWordOf(e: unknown): number | undefined {
  const sc = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof sc === 'number' ? sc : undefined;
}

export interface MapContext {
  /** the app the call needed */
  app: LedgerAppName;
  /** a registered wallet policy (HMAC) was sent: 0xb008 then means the HMAC was refused */
  withHmac?: boolean;
}

/** Map anything a Ledger call threw to an AppError (AppErrors pass through; unknown → 'internal'). */
export function toLedgerError(e: unknown, ctx: MapContext): AppError {
  if (e instanceof AppError) return e;
  const sw = statusWordOf(e);
  if (sw !== undefined) {
    if (sw === SW.LOCKED) return new AppError('ledger/locked', undefined, { cause: e });
    if (sw === SW.DENY) return new AppError('ledger/rejected', undefined, { cause: e });
    if (WRONG_APP.has(sw)) return new AppError('ledger/wrong-app', { app: ctx.app }, { cause: e });
    if (sw === SW.SIGNATURE_FAIL && ctx.withHmac) return new AppError('ledger/hmac-mismatch', undefined, { cause: e });
    return new AppError('ledger/unsupported', { reason: `the app answered status 0x${sw.toString(16).padStart(4, '0')}` }, { cause: e });
  }
  const name = (e as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && NAMED[name]) {
    const code = NAMED[name];
    return code === 'ledger/wrong-app' ? new AppError(code, { app: ctx.app }, { cause: e }) : new AppError(code, undefined, { cause: e });
  }
  // WebUSB: a transfer on an unplugged device fails with "...device was disconnected" (the library's own test).
  const message = (e as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && /disconnected/i.test(message)) return new AppError('ledger/disconnected', undefined, { cause: e });
  return new AppError('internal', undefined, { cause: e });
}

/** Run a device call, mapping its failures with toLedgerError. */
export async function deviceCall<T>(ctx: MapContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toLedgerError(e, ctx);
  }
}

/** Compare dotted versions numerically ('2.1.0' vs '2.0.6'); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
