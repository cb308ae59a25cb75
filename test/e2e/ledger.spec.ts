/**
 * A Ledger behind the air gap (issue 8), end to end in Chromium: a fake navigator.usb speaking Ledger's
 * HID framing (support/fake-webusb.ts) drives the REAL TransportWebUSB inside the built station.
 * The device is answered SYNTHETICALLY from the public speculos seed for app/fingerprint/xpub requests,
 * and from LedgerHQ's RECORDED SIGN_PSBT session (test/vectors/ledger/btc-sign-psbt.json, case
 * sh-wpkh-default) for signing. Scenarios: connect + save the hardware key; sign (the station's review,
 * then "Confirm on your Ledger", then the signed QR); user rejects on the device; unplugged mid-sign —
 * each shows its message and the station stays usable. No network request is made.
 */
import { describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { CryptoPSBT } from '@keystonehq/bc-ur-registry';
import { RESULTS_DIR, networkRequestsAfterLoad, withSession } from './support/browser';
import { chooseNetwork, holdButton, installCameraSwitch, openScan, pasteLines, setUpStation } from './support/station';
import { installFakeWebUsb, replugFakeLedger, type Responder } from './support/fake-webusb';
import { encodeUrParts } from '../../shared/ur/animator';
import { NETWORKS } from '../../shared/bitcoin/networks';

const rec = JSON.parse(readFileSync(resolve(import.meta.dirname, '../vectors/ledger/btc-sign-psbt.json'), 'utf8'));
const CASE = rec.cases[0]; // sh-wpkh-default, recorded
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(rec.mnemonic), NETWORKS.testnet.bip32);
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(RESULTS_DIR, `${name}.png`), fullPage: true });
const asciiHex = (s: string) => Buffer.from(s, 'ascii').toString('hex');

/**
 * SYNTHETIC answers from the speculos seed (GET_APP_AND_VERSION, GET_MASTER_FINGERPRINT, GET_EXTENDED_PUBKEY),
 * RECORDED answers for the SIGN_PSBT session; `at`/`answer` replace one recorded answer (reject, unplug).
 */
function responder(opts: { failAt?: number; answer?: string } = {}): Responder {
  const lines: string[] = CASE.exchanges.map((l: string) => l.replace(/^=> ?f8010001/, '=> f8010000'));
  let k = 0;
  return (apdu) => {
    if (apdu.startsWith('b001')) return `010c${asciiHex('Bitcoin Test')}05${asciiHex('2.1.0')}01009000`;
    if (apdu.startsWith('e105')) return `${(root.fingerprint >>> 0).toString(16).padStart(8, '0')}9000`;
    if (apdu.startsWith('e100')) {
      const data = Buffer.from(apdu.slice(10), 'hex');
      const path = Array.from({ length: data[1] }, (_, i) => data.readUInt32BE(2 + 4 * i));
      const p = 'm' + path.map((x) => '/' + (x >= 0x80000000 ? `${x - 0x80000000}'` : x)).join('');
      return asciiHex(root.derive(p).publicExtendedKey) + '9000';
    }
    const want = lines[2 * k].slice(3);
    if (apdu !== want) return '6a80'; // not the recorded session: the test sees a device error
    const ans = k === opts.failAt ? opts.answer! : lines[2 * k + 1].slice(3);
    k++;
    return ans;
  };
}

async function pastePsbt(page: Page): Promise<void> {
  await openScan(page);
  const cbor = new Uint8Array(new CryptoPSBT(Buffer.from(CASE.psbtV0, 'base64')).toCBOR());
  await pasteLines(page, encodeUrParts('crypto-psbt', cbor));
  await page.locator('[data-step="psbt-review"]').waitFor({ timeout: 30_000 });
}

describe('Ledger over (fake) WebUSB', () => {
  it('connect, save, sign through the device; reject and unplug show their message and the station stays usable', async () => {
    const url = inject('stationUrl');
    await withSession('ledger', {}, async (s) => {
      const { page } = s;
      const setResponder = await installFakeWebUsb(page, responder());
      await installCameraSwitch(page, true);
      await setUpStation(page, url);
      await chooseNetwork(page, 'testnet');

      // --- connect and save the hardware key
      await page.getByRole('button', { name: /Add a Ledger/ }).click();
      await shot(page, 'ledger-01-intro');
      await page.getByRole('button', { name: 'Connect Ledger' }).click();
      await page.locator('[data-step="ledger-found"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-fingerprint]').innerText()).toBe(rec.masterFingerprint);
      expect(await page.locator('[data-step="ledger-found"]').innerText()).toContain(CASE.policy.keys[0].split(']')[1]); // m/49'/1'/0' xpub
      await shot(page, 'ledger-02-found');
      await page.getByRole('button', { name: 'Save hardware key' }).click();
      await page.getByRole('button', { name: 'Done' }).click();
      const card = page.locator('[data-hardware="ledger"]');
      await card.waitFor();
      expect(await card.innerText()).toContain(rec.masterFingerprint);
      await shot(page, 'ledger-03-home');

      // --- sign: station review first, then the device
      await pastePsbt(page);
      const review = page.locator('[data-step="psbt-review"]');
      expect(await review.innerText()).toContain('My Ledger');
      await shot(page, 'ledger-04-review');
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-signed"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-step="psbt-signed"]').innerText()).toContain('Signed input 0');
      await shot(page, 'ledger-05-signed');
      await page.getByRole('button', { name: 'Done' }).click();

      // --- user rejects on the device (SYNTHETIC: 0x6985 in place of a recorded answer)
      setResponder(responder({ failAt: 40, answer: '6985' }));
      await pastePsbt(page);
      await holdButton(page, 'Hold to sign');
      await page.getByText('You rejected the request on the Ledger. Nothing was signed.').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-06-rejected');
      await page.getByRole('button', { name: /home|Done/i }).first().click();
      await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();

      // --- unplugged in the middle of signing
      setResponder(responder({ failAt: 25, answer: 'UNPLUG' }));
      await pastePsbt(page);
      await holdButton(page, 'Hold to sign');
      await page.getByText('The Ledger was disconnected. Plug it in again and retry.').waitFor({ timeout: 30_000 });
      await shot(page, 'ledger-07-unplugged');
      await page.getByRole('button', { name: /home|Done/i }).first().click();
      await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();

      // --- plugged back in: signing works again, nothing was lost
      await replugFakeLedger(page);
      setResponder(responder());
      await pastePsbt(page);
      await holdButton(page, 'Hold to sign');
      await page.locator('[data-step="psbt-signed"]').waitFor({ timeout: 30_000 });
      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
      expect(s.errors.filter((e) => !/USBDevice|disconnected|transfer/i.test(e))).toEqual([]);
    });
  });
});
