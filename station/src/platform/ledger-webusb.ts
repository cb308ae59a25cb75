/**
 * The station's only WebUSB code (issue 8): opens a Ledger with @ledgerhq/hw-transport-webusb and turns
 * browser failures into AppErrors a person can act on — page opened from file:// (WebUSB needs
 * http://localhost or https), no WebUSB (Firefox/Safari), the chooser cancelled, Linux udev permissions
 * (open() → SecurityError), another program holding the device (claimInterface fails).
 * `requestDevice` must run from a click: connectLedger() is called only by a button handler.
 */
import TransportWebUSB from '@ledgerhq/hw-transport-webusb';
import { AppError } from '../../../shared/errors';
import { toLedgerError } from '../../../shared/ledger/device-errors';
import type { LedgerTransport } from '../../../shared/ledger/btc';

export type WebUsbSupport = { ok: true } | { ok: false; code: 'ledger/file-origin' | 'ledger/unavailable' };

/** Can this page talk to a Ledger at all? (file:// and insecure origins never can.) */
export function webUsbSupport(): WebUsbSupport {
  if (location.protocol === 'file:' || !window.isSecureContext) return { ok: false, code: 'ledger/file-origin' };
  if (!('usb' in navigator) || !navigator.usb) return { ok: false, code: 'ledger/unavailable' };
  return { ok: true };
}

let current: LedgerTransport | null = null;

function mapOpenError(e: unknown): AppError {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotFoundError') return new AppError('ledger/no-device', undefined, { cause: e }); // chooser closed
  if (name === 'SecurityError') return new AppError('ledger/usb-permission', undefined, { cause: e }); // Linux udev
  if (name === 'NetworkError' || name === 'InvalidStateError') return new AppError('ledger/busy', undefined, { cause: e });
  return toLedgerError(e, { app: 'Bitcoin' });
}

function keep(t: LedgerTransport): LedgerTransport {
  current = t;
  t.on('disconnect', () => {
    if (current === t) current = null;
  });
  return t;
}

/** Ask the user to pick the Ledger (browser chooser) and open it. Call from a click handler only. */
export async function connectLedger(): Promise<LedgerTransport> {
  const s = webUsbSupport();
  if (!s.ok) throw new AppError(s.code);
  await closeLedger();
  try {
    return keep(await TransportWebUSB.request());
  } catch (e) {
    throw mapOpenError(e);
  }
}

/** The open Ledger, or one this origin was already allowed to use (no chooser). Throws 'ledger/no-device'. */
export async function reopenLedger(): Promise<LedgerTransport> {
  if (current) return current;
  const s = webUsbSupport();
  if (!s.ok) throw new AppError(s.code);
  let t: LedgerTransport | null;
  try {
    t = await TransportWebUSB.openConnected();
  } catch (e) {
    throw mapOpenError(e);
  }
  if (!t) throw new AppError('ledger/no-device');
  return keep(t);
}

/** Product name of the open device ("Nano S Plus"…), '' when unknown. */
export function deviceModelName(t: LedgerTransport): string {
  return (t as { deviceModel?: { productName?: string } | null }).deviceModel?.productName ?? '';
}

/** Release the device (best effort). */
export async function closeLedger(): Promise<void> {
  const t = current;
  current = null;
  try {
    await t?.close();
  } catch {
    // already gone (unplugged)
  }
}
