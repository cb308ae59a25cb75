/**
 * Backups through the station UI (issue 7), in Chromium:
 * (a) SLIP-39: split the test key 2-of-3 on screen (shares read from the page), verify them with a
 *     drill (key list then shows the verified date), restore from two of them in a FRESH browser
 *     profile → same fingerprint; a share with a changed word, and a share of another set, are
 *     refused with messages naming the share; the print preview shows the share sheet.
 * (b) SeedQR: a Standard SeedQR (numeric QR) and a CompactSeedQR (binary QR whose entropy is not
 *     valid UTF-8) played by the fake webcam → import → the expected fingerprint.
 * (c) Encrypted backup file: export (download), restore in a fresh profile — truncated file and
 *     wrong passphrase refused, then a preview (added/replaced/unchanged) and merge → same key.
 * Screenshots go to test-results/backup-*.png.
 */
import { describe, expect, inject, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { create } from 'qrcode';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, withSession } from './support/browser';
import { setUpStation, TEST_MNEMONIC, VAULT_PASSPHRASE } from './support/station';
import { writeQrVideo } from './support/qr-video';
import { writeY4m } from '../support/y4m';
import { zbarDecodeFile } from './support/zbar';
import { parseMnemonic } from '../../shared/keys/mnemonic';
import { masterFingerprint, seedFromEntropy } from '../../shared/keys/hd';
import { encodeCompactSeedQr, encodeSeedQr } from '../../shared/backup/seedqr';
import { splitSecret } from '../../shared/backup/slip39';
import { SLIP39_WORDLIST } from '../../shared/backup/slip39-wordlist';
import { SecretBytes } from '../../shared/secret';

const fingerprintOf = (mnemonic: string) => masterFingerprint(seedFromEntropy(parseMnemonic(mnemonic), ''));
const TEST_FP = fingerprintOf(TEST_MNEMONIC);
const BACKUP_PASSPHRASE = 'tape measure orbit window';

/** First run in a fresh profile: create the vault, skip adding a key, land on home. */
async function freshVault(page: Page): Promise<void> {
  await page.goto(inject('stationUrl'));
  await page.getByLabel('Vault passphrase').fill(VAULT_PASSPHRASE);
  await page.getByLabel('Type it again').fill(VAULT_PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('button', { name: 'Later' }).click();
  await page.getByRole('heading', { name: 'Keys on this station' }).waitFor();
}

async function openKeyBackup(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back up / verify' }).first().click();
  await page.getByRole('heading', { name: /Back up “/ }).waitFor();
}

async function typeShare(page: Page, share: string, position: number): Promise<void> {
  const words = share.split(' ');
  expect(words.length, 'share length').toBe(20);
  for (let i = 0; i < words.length; i++) await page.locator(`#share-word-${i + 1}`).fill(words[i]);
  await page.getByRole('button', { name: `Add share ${position}` }).click();
}

async function saveRestored(page: Page, label: string): Promise<string> {
  await page.getByPlaceholder('e.g. Savings').fill(label);
  await page.getByRole('button', { name: 'Add key to the vault' }).click();
  return (await page.getByTestId('saved-fingerprint').textContent()) ?? '';
}

describe('backups in the station UI', () => {
  it('(a) SLIP-39 2-of-3: split on screen, drill, restore from two shares in a fresh profile; bad shares named', async () => {
    const shares: string[] = [];
    await withSession('backup-slip39-split', {}, async (s) => {
      const { page } = s;
      await setUpStation(page, inject('stationUrl'));
      await s.screenshot('backup-home-nudge-never');
      await expect.poll(() => page.getByTestId('backup-status').first().getAttribute('data-status')).toBe('never');
      await openKeyBackup(page);
      // SeedQR only on explicit request; the QR on screen is read back by zbarimg (independent decoder).
      await page.getByRole('button', { name: /^Show SeedQR/ }).click();
      expect(await page.getByRole('button', { name: 'Show the SeedQR' }).isDisabled()).toBe(true);
      await page.getByLabel('No one and no camera can see this screen').check();
      await page.getByRole('button', { name: 'Show the SeedQR' }).click();
      const qrPng = resolve(RESULTS_DIR, 'backup-seedqr-shown-qr.png');
      await page.getByTestId('seedqr-image').screenshot({ path: qrPng });
      expect(await zbarDecodeFile(qrPng)).toEqual([encodeSeedQr(parseMnemonic(TEST_MNEMONIC))]);
      await s.screenshot('backup-seedqr-shown');
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: resolve(RESULTS_DIR, 'backup-seedqr-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: 'Hide it' }).click();
      await page.getByRole('button', { name: /^Print account sheet/ }).click();
      await page.getByRole('heading', { name: /Account sheet of/ }).waitFor();
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: resolve(RESULTS_DIR, 'backup-account-sheet-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      const sheet = (await page.getByTestId('print-sheet').textContent()) ?? '';
      expect(sheet).toContain('xpub');
      expect(sheet).toContain('no recovery words');
      expect(sheet).not.toContain('abandon');
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: /^SLIP-39 shares/ }).click();
      await expect.poll(() => page.getByTestId('slip39-caveat').textContent()).toMatch(/different, empty/);
      await s.screenshot('backup-slip39-options');
      await page.getByRole('button', { name: 'Make the shares' }).click();
      for (let i = 0; i < 3; i++) {
        await expect.poll(() => page.getByTestId('share-title').textContent()).toBe(`Share ${i + 1} of 3`);
        const words = await page.locator('[data-testid="share-words"] .w').allTextContents();
        expect(words.length).toBe(20);
        shares.push(words.join(' '));
        if (i === 0) {
          await s.screenshot('backup-slip39-share1');
          await page.emulateMedia({ media: 'print' });
          await page.screenshot({ path: resolve(RESULTS_DIR, 'backup-slip39-share1-print.png'), fullPage: true });
          await page.emulateMedia({ media: 'screen' });
        }
        await page.getByRole('button', { name: i < 2 ? 'Next share' : 'I wrote down every share' }).click();
      }
      expect(new Set(shares).size).toBe(3);
      // Drill: two shares restore the same fingerprint; nothing is added; the date is recorded.
      await page.getByRole('button', { name: 'Verify the shares now' }).click();
      await typeShare(page, shares[0], 1);
      await expect.poll(() => page.getByTestId('share-progress').textContent()).toMatch(/1 more share needed/);
      await typeShare(page, shares[2], 2);
      await page.getByRole('button', { name: 'Restore from these shares' }).click();
      await expect.poll(() => page.getByTestId('drill-result').getAttribute('data-ok')).toBe('true');
      expect(await page.getByTestId('drill-result').textContent()).toContain(TEST_FP);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Back to home' }).click();
      await expect.poll(() => page.getByTestId('backup-status').first().getAttribute('data-status')).toBe('ok');
      expect(await page.locator('ul.keys li').count()).toBe(1);
      await s.screenshot('backup-home-nudge-ok');
      // No share word is left in the DOM.
      const html = await page.content();
      for (const sh of shares) expect(html.includes(sh)).toBe(false);
    });

    // A share of ANOTHER set (same key size) for the "different backup" message.
    const foreign = splitSecret(new SecretBytes(new Uint8Array(16).fill(9)), { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }] })[0][0];
    // Share 2 with word 7 changed to another list word: RS1024 catches it.
    const bad = shares[1].split(' ');
    bad[6] = SLIP39_WORDLIST[(SLIP39_WORDLIST.indexOf(bad[6]) + 1) % 1024];

    await withSession('backup-slip39-restore', {}, async (s) => {
      const { page } = s;
      await freshVault(page);
      expect(await page.locator('ul.keys li').count()).toBe(0);
      await page.getByRole('button', { name: /Backups/ }).click();
      await page.getByRole('button', { name: /Restore from SLIP-39 shares/ }).click();
      await typeShare(page, shares[0], 1);
      await expect.poll(() => page.getByTestId('share-progress').textContent()).toMatch(/1 share entered\. 1 more share needed/);
      await typeShare(page, bad.join(' '), 2);
      await expect.poll(() => page.getByTestId('share-error').textContent()).toMatch(/^Share 2 has a checksum error/);
      await s.screenshot('backup-slip39-bad-share');
      expect(await page.getByTestId('share-error').textContent()).not.toContain(bad[6]);
      await typeShare(page, foreign, 2);
      await expect.poll(() => page.getByTestId('share-error').textContent()).toMatch(/^Share 2 does not belong to the same backup/);
      await typeShare(page, shares[0], 2);
      await expect.poll(() => page.getByTestId('share-error').getAttribute('data-code')).toBe('slip39/duplicate-share');
      await typeShare(page, shares[1], 2);
      await expect.poll(() => page.getByTestId('share-progress').getAttribute('data-kind')).toBe('ready');
      await page.getByRole('button', { name: 'Restore from these shares' }).click();
      await expect.poll(() => page.getByTestId('restored-fingerprint').textContent()).toBe(TEST_FP);
      await s.screenshot('backup-slip39-restored');
      expect(await saveRestored(page, 'From shares')).toBe(TEST_FP);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Back to home' }).click();
      await expect.poll(() => page.locator('ul.keys li .fingerprint').allTextContents()).toEqual([TEST_FP]);
    });
  });

  it('(b) SeedQR and CompactSeedQR from the fake webcam import the expected key', async () => {
    const standardWords = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    const digits = encodeSeedQr(parseMnemonic(standardWords));
    const standardVideo = writeQrVideo(resolve(RESULTS_DIR, 'qr-video', 'seedqr-standard.y4m'), [digits], { repeat: 4 });
    // 0x80 × 16: not valid UTF-8, so the decoder's Latin-1 pass-through is what carries it.
    const compactWords = 'letter advice cage absurd amount doctor acoustic avoid letter advice cage above';
    const compact = encodeCompactSeedQr(parseMnemonic(compactWords));
    expect(compact[0]).toBe(0x80);
    const qr = create([{ data: compact, mode: 'byte' }], { errorCorrectionLevel: 'L' });
    const compactVideo = resolve(RESULTS_DIR, 'qr-video', 'seedqr-compact.y4m');
    writeY4m(compactVideo, [{ size: qr.modules.size, modules: Uint8Array.from(qr.modules.data, (v) => (v ? 1 : 0)) }], { repeat: 4 });

    for (const [name, video, words] of [['standard', standardVideo, standardWords], ['compact', compactVideo, compactWords]] as const) {
      await withSession(`backup-seedqr-${name}`, { fakeVideo: video }, async (s) => {
        const { page } = s;
        await setUpStation(page, inject('stationUrl'));
        await page.getByRole('button', { name: /Backups/ }).click();
        await page.getByRole('button', { name: /Scan a SeedQR/ }).click();
        await expect.poll(() => page.getByTestId('restored-fingerprint').textContent(), { timeout: 30_000 }).toBe(fingerprintOf(words));
        await s.screenshot(`backup-seedqr-${name}-restored`);
        expect(await saveRestored(page, `SeedQR ${name}`)).toBe(fingerprintOf(words));
      });
    }
  });

  it('(c) encrypted backup file: export, then restore in a fresh profile with preview; bad files refused', async () => {
    const file = resolve(RESULTS_DIR, 'backup-e2e.airlock');
    await withSession('backup-file-export', {}, async (s) => {
      const { page } = s;
      await setUpStation(page, inject('stationUrl'));
      await page.getByRole('button', { name: /Backups/ }).click();
      await page.getByRole('button', { name: /Export backup file/ }).click();
      await page.getByLabel('Vault passphrase (to confirm it is you)').fill(VAULT_PASSPHRASE);
      await page.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASSPHRASE);
      await page.getByLabel('Backup passphrase again').fill(BACKUP_PASSPHRASE);
      await page.getByRole('button', { name: 'Create backup file' }).click();
      const link = page.getByTestId('backup-download');
      await link.waitFor({ timeout: 60_000 });
      expect(await link.getAttribute('download')).toMatch(/^airlock-backup-\d{4}-\d{2}-\d{2}\.airlock$/);
      await s.screenshot('backup-file-ready');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      await download.saveAs(file);
    });
    const bytes = readFileSync(file);
    const doc = JSON.parse(bytes.toString('utf8')) as { airlock_backup: number };
    expect(doc.airlock_backup).toBe(1);
    expect(bytes.toString('utf8')).not.toContain('abandon');
    const truncated = resolve(RESULTS_DIR, 'backup-e2e-truncated.airlock');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 40));

    await withSession('backup-file-restore', {}, async (s) => {
      const { page } = s;
      await freshVault(page);
      await page.getByRole('button', { name: /Backups/ }).click();
      await page.getByRole('button', { name: /Restore backup file/ }).click();
      await page.getByTestId('backup-file-input').setInputFiles(truncated);
      await expect.poll(() => page.getByTestId('file-error').textContent()).toMatch(/damaged, truncated or was tampered with/);
      await page.getByTestId('backup-file-input').setInputFiles(file);
      await page.getByLabel('Backup passphrase').fill('not the passphrase');
      await page.getByLabel(/Vault passphrase/).fill(VAULT_PASSPHRASE);
      await page.getByRole('button', { name: 'Show what would change' }).click();
      await expect.poll(() => page.getByTestId('file-error').getAttribute('data-code'), { timeout: 60_000 }).toBe('backup/wrong-password');
      expect(await page.getByTestId('file-error').textContent()).toContain('Wrong backup passphrase. Nothing was changed.');
      await s.screenshot('backup-file-wrong-passphrase');
      await page.getByLabel('Backup passphrase').fill(BACKUP_PASSPHRASE);
      await page.getByRole('button', { name: 'Show what would change' }).click();
      await page.getByRole('heading', { name: 'What this restore changes' }).waitFor({ timeout: 60_000 });
      expect(Number(await page.getByTestId('preview-added').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
      expect(await page.getByTestId('preview-added').textContent()).toContain(`key “Test key” ${TEST_FP}`);
      expect(await page.getByTestId('preview-replaced').getAttribute('data-count')).toBe('0');
      await s.screenshot('backup-file-preview');
      await page.getByRole('button', { name: /^Merge/ }).click();
      await page.getByTestId('restore-done').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('button', { name: 'Back to home' }).click();
      await expect.poll(() => page.locator('ul.keys li .fingerprint').allTextContents()).toEqual([TEST_FP]);
      expect(await page.locator('ul.keys li .label').allTextContents()).toEqual(['Test key']);
    });
  });
});
