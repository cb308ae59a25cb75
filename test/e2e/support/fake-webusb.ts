/**
 * A fake `navigator.usb` for Chromium (Playwright init script) that speaks Ledger's HID framing over
 * WebUSB — 64-byte packets: channel (2 bytes, echoed), tag 0x05, sequence (2 bytes), and in the first
 * packet the APDU length (2 bytes) — so the REAL @ledgerhq/hw-transport-webusb in the station bundle
 * drives it. Each complete APDU goes to a Node-side responder (page.exposeFunction) that answers hex
 * (data ‖ status word) or 'UNPLUG' (the transfer fails like an unplugged device and a `disconnect`
 * event fires). Responders answer from LedgerHQ's recordings or SYNTHETICALLY from the speculos seed.
 */
import type { Page } from 'playwright-core';

export type Responder = (apduHex: string) => string | Promise<string>;

/** Install before page.goto. `responder` may be swapped later through the returned setter. */
export async function installFakeWebUsb(page: Page, responder: Responder): Promise<(r: Responder) => void> {
  let current = responder;
  await page.exposeFunction('__ledgerExchange', (apdu: string) => current(apdu));
  await page.addInitScript(() => {
    const w = window as unknown as { __ledgerExchange: (a: string) => Promise<string>; __ledgerPlugged: boolean };
    w.__ledgerPlugged = true;
    const listeners: ((e: unknown) => void)[] = [];
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const unhex = (h: string) => new Uint8Array((h.match(/../g) ?? []).map((x) => parseInt(x, 16)));
    let inbox: number[] = [];
    let expected = -1;
    let channel = [0, 0];
    const out: Uint8Array[] = [];
    let waiter: ((v: Uint8Array | 'UNPLUG') => void) | null = null;
    let pending: (Uint8Array | 'UNPLUG')[] = [];
    const deliver = (v: Uint8Array | 'UNPLUG') => (waiter ? (waiter(v), (waiter = null)) : pending.push(v));
    const frame = (resp: Uint8Array): Uint8Array[] => {
      const data = new Uint8Array(resp.length + 2);
      data[0] = resp.length >> 8;
      data[1] = resp.length & 0xff;
      data.set(resp, 2);
      const blocks: Uint8Array[] = [];
      for (let seq = 0, at = 0; at < data.length; seq++, at += 59) {
        const b = new Uint8Array(64);
        b.set([channel[0], channel[1], 0x05, seq >> 8, seq & 0xff]);
        b.set(data.subarray(at, at + 59), 5);
        blocks.push(b);
      }
      return blocks;
    };
    const device = {
      vendorId: 0x2c97, productId: 0x5011, productName: 'Nano S Plus', manufacturerName: 'Ledger', serialNumber: '0001',
      opened: false, configuration: null as unknown,
      configurations: [{ configurationValue: 1, interfaces: [{ interfaceNumber: 2, alternates: [{ interfaceClass: 255, endpoints: [] }] }] }],
      async open() { if (!w.__ledgerPlugged) throw new DOMException('The device was disconnected.', 'NotFoundError'); this.opened = true; pending = []; waiter = null; },
      async selectConfiguration() { this.configuration = this.configurations[0]; },
      async reset() {},
      async claimInterface() {},
      async releaseInterface() {},
      async close() { this.opened = false; },
      async transferOut(_ep: number, block: BufferSource) {
        if (!w.__ledgerPlugged) throw new DOMException('A transfer error has occurred: the device was disconnected.', 'NetworkError');
        const b = new Uint8Array(block instanceof ArrayBuffer ? block : (block as ArrayBufferView).buffer.slice((block as ArrayBufferView).byteOffset, (block as ArrayBufferView).byteOffset + (block as ArrayBufferView).byteLength));
        channel = [b[0], b[1]];
        const seq = (b[3] << 8) | b[4];
        if (seq === 0) {
          inbox = [];
          expected = (b[5] << 8) | b[6];
          inbox.push(...b.subarray(7));
        } else inbox.push(...b.subarray(5));
        if (inbox.length >= expected) {
          const apdu = new Uint8Array(inbox.slice(0, expected));
          out.push(apdu);
          w.__ledgerExchange(hex(apdu)).then((r) => {
            if (r === 'UNPLUG') {
              w.__ledgerPlugged = false;
              deliver('UNPLUG');
              for (const l of [...listeners]) l({ device }); // a copy: handlers remove themselves
            } else for (const blk of frame(unhex(r))) deliver(blk);
          });
        }
        return { status: 'ok', bytesWritten: b.length };
      },
      async transferIn() {
        const v = pending.length ? pending.shift()! : await new Promise<Uint8Array | 'UNPLUG'>((ok) => (waiter = ok));
        if (v === 'UNPLUG') throw new DOMException('A transfer error has occurred: the device was disconnected.', 'NetworkError');
        return { status: 'ok', data: new DataView(v.buffer) };
      },
    };
    let permitted = false;
    // the site's permission is revoked and the device drops (a new browser profile, a replug elsewhere)
    (w as unknown as { __ledgerForget: () => void }).__ledgerForget = () => {
      permitted = false;
      for (const l of [...listeners]) l({ device }); // a copy: handlers remove themselves
    };
    const usb = {
      async requestDevice() {
        if (!w.__ledgerPlugged) throw new DOMException('No device selected.', 'NotFoundError');
        permitted = true;
        pending = [];
        return device;
      },
      async getDevices() { return permitted && w.__ledgerPlugged ? [device] : []; },
      addEventListener(type: string, fn: (e: unknown) => void) { if (type === 'disconnect') listeners.push(fn); },
      removeEventListener(type: string, fn: (e: unknown) => void) { const i = listeners.indexOf(fn); if (i >= 0) listeners.splice(i, 1); },
    };
    Object.defineProperty(navigator, 'usb', { value: usb, configurable: true });
  });
  return (r) => (current = r);
}

/** Plug the fake Ledger back in (after an UNPLUG). */
export async function replugFakeLedger(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __ledgerPlugged: boolean }).__ledgerPlugged = true));
}

/** Forget the fake Ledger: the open transport drops and this origin must pick it again (Connect Ledger). */
export async function forgetFakeLedger(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __ledgerForget: () => void }).__ledgerForget());
}
