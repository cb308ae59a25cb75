/**
 * Companion helpers for the e2e specs: the station's account export as a webcam video, and pairing the
 * companion (settings → Esplora URL for regtest → Pair → scan → add).
 */
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { RESULTS_DIR } from './browser';
import { urFrames, writeQrVideo } from './qr-video';
import { TEST_MNEMONIC } from './station';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { deriveStandardAccounts } from '../../../shared/keys/accounts';
import { encodeCryptoAccountCbor } from '../../../shared/ur/account-export';

const VIDEO_DIR = resolve(RESULTS_DIR, 'qr-video');
const accounts = deriveStandardAccounts(HDKey.fromMasterSeed(mnemonicToSeedSync(TEST_MNEMONIC)), NETWORKS.regtest);

/** The station's crypto-account export for the test key on regtest, as the webcam video. */
export function accountVideo(name: string): string {
  const cbor = encodeCryptoAccountCbor(accounts[0].fingerprint, accounts.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), 'regtest');
  return writeQrVideo(resolve(VIDEO_DIR, `${name}.y4m`), urFrames('crypto-account', cbor, 250), { fps: 10, repeat: 3 });
}

/** Settings → Esplora URL for regtest and the network used for pairing; then Pair and add the scanned accounts. */
export async function pairCompanion(page: Page, url: string, esploraUrl: string, shot?: (n: string) => Promise<unknown>): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Esplora URL (regtest)').fill(esploraUrl);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.getByRole('button', { name: 'Pair', exact: true }).click();
  await page.getByLabel('Bitcoin network').selectOption('regtest');
  const preview = page.getByTestId('pair-preview');
  await preview.waitFor({ timeout: 60_000 });
  if (shot) await shot('companion-01-pair-preview');
  expect(await preview.locator('li[data-kind="btc"]').count()).toBe(4);
  await page.getByRole('button', { name: 'Add to the companion' }).click();
  await page.getByRole('heading', { name: 'Watch-only accounts' }).waitFor();
}

