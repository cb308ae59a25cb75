/**
 * Station helpers shared by the e2e specs: set up a vault with the test key, open the scan screen,
 * paste UR text, hold a HoldToConfirm button, switch the Bitcoin network, and read an animated QR
 * answer back with zbarimg (screenshots of the canvas → independent decoder → our assembler).
 */
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR } from './browser';
import { zbarDecodeFile } from './zbar';
import { createAssembler, type ScanPayload } from '../../../shared/ur/assembler';
import type { UrType } from '../../../shared/ur/registry';

export const TEST_MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
export const VAULT_PASSPHRASE = 'correct horse battery staple';

/** Create a vault, import the test mnemonic, land on the home screen. */
export async function setUpStation(page: Page, url: string, mnemonic = TEST_MNEMONIC): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Vault passphrase').fill(VAULT_PASSPHRASE);
  await page.getByLabel('Type it again').fill(VAULT_PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('button', { name: /Import recovery words/ }).click();
  const words = mnemonic.split(' ');
  for (let i = 0; i < words.length; i++) await page.locator(`#word-${i + 1}`).fill(words[i]);
  await page.getByRole('button', { name: 'Check and continue' }).click();
  await page.getByPlaceholder('e.g. Savings').fill('Test key');
  await page.getByRole('button', { name: 'Save key (encrypted)' }).click();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();
}

export async function openScan(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Scan a QR code/ }).click();
  await page.locator('.qr-scanner').waitFor();
}

export async function pasteLines(page: Page, lines: string[]): Promise<void> {
  // The paste form stays open after a scan restarts: open it only when it is closed.
  const box = page.getByLabel(/UR text/);
  if (!(await box.isVisible())) await page.getByRole('button', { name: 'Paste text' }).click();
  await box.fill(lines.join('\n'));
  await page.getByRole('button', { name: 'Use this text' }).click();
}

/** Choose the Bitcoin network (Accounts screen selector, stored in the station's settings), back home. */
export async function chooseNetwork(page: Page, network: 'mainnet' | 'testnet' | 'signet' | 'regtest'): Promise<void> {
  await page.getByRole('button', { name: 'Show accounts' }).first().click();
  await page.getByLabel('Network').selectOption(network);
  await page.getByRole('button', { name: 'Back to home' }).click();
  await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();
}

/** Press and hold a HoldToConfirm button until it fires. */
export async function holdButton(page: Page, name: string | RegExp, ms = 2000): Promise<void> {
  const b = page.getByRole('button', { name });
  await b.scrollIntoViewIfNeeded();
  const box = (await b.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/**
 * Test-only browser switch: while `window.__blockCamera` is true, getUserMedia fails as if the user
 * denied the camera (so a screen can be driven through its paste fallback while the fake webcam plays).
 * Call before page.goto; toggle with setCameraBlocked.
 */
export async function installCameraSwitch(page: Page, blocked: boolean): Promise<void> {
  await page.addInitScript((b: boolean) => {
    const w = window as unknown as { __blockCamera: boolean };
    w.__blockCamera = b;
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (c) => (w.__blockCamera ? Promise.reject(new DOMException('blocked by test', 'NotAllowedError')) : real(c));
  }, blocked);
}

export async function setCameraBlocked(page: Page, blocked: boolean): Promise<void> {
  await page.evaluate((b) => ((window as unknown as { __blockCamera: boolean }).__blockCamera = b), blocked);
}

/**
 * Read an animated QR from the page: screenshot `canvas` repeatedly, decode each shot with zbarimg,
 * feed our assembler until the message is complete. Returns the payload and the number of codes read.
 */
export async function readAnimatedQr(canvas: Locator, accept: UrType[], shotName: string, maxShots = 200): Promise<{ payload: ScanPayload; reads: number }> {
  const asm = createAssembler({ accept, acceptText: false });
  const file = resolve(RESULTS_DIR, 'qr-video', `${shotName}.png`);
  let reads = 0;
  for (let i = 0; i < maxShots; i++) {
    await canvas.screenshot({ path: file });
    for (const text of await zbarDecodeFile(file)) {
      reads++;
      const st = asm.push(text);
      if (st.kind === 'failed') throw new Error(`assembler failed on zbar read #${reads}: ${st.code}`);
      if (st.kind === 'complete') return { payload: st.payload, reads };
    }
  }
  throw new Error(`animated QR not complete after ${maxShots} screenshots (${reads} codes read)`);
}
