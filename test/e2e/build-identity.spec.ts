/**
 * Build identity (issue 10): the station's About screen shows the version from package.json and
 * the build hash, and that hash is exactly what an independent recomputation from the served file
 * gives (SHA-256 of index.html with the build-hash slot zeroed, station/usb/build-hash.mjs). The
 * running JavaScript also stamps <html data-airlock-build> — the USB boot self-check's "JS ran" proof.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { withSession } from './support/browser';
import { setUpStation } from './support/station';

const ROOT = resolve(import.meta.dirname, '../..');

/** Independent recomputation (no project code): blank the slot with 64 zeros, SHA-256 the bytes. */
function recompute(html: string): string {
  const blank = html.replace(/(<meta name="airlock-build-hash" content=")[0-9a-f]{64}(")/, `$1${'0'.repeat(64)}$2`);
  expect(blank).not.toBe(html);
  return createHash('sha256').update(blank, 'utf8').digest('hex');
}

describe('station build identity', () => {
  it('About shows the version and the build hash recomputed from the served file', async () => {
    const url = inject('stationUrl');
    const served = await (await fetch(url)).text();
    const onDisk = readFileSync(resolve(ROOT, 'dist/station/index.html'), 'utf8');
    expect(served).toBe(onDisk);
    const expected = recompute(served);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string };

    await withSession('build-identity', {}, async (s) => {
      await s.page.goto(url);
      await s.page.getByRole('heading', { name: /Airlock station/ }).waitFor();
      // stamped by the running JavaScript (not present in the file's static HTML)
      expect(await s.page.locator('html').getAttribute('data-airlock-build')).toBe(expected);
      expect(served).not.toContain(`data-airlock-build="${expected}"`);

      await setUpStation(s.page, url);
      await s.page.getByRole('button', { name: /About this station/ }).click();
      await s.page.getByRole('heading', { name: 'About this station' }).waitFor();
      expect(await s.page.getByTestId('station-version').textContent()).toBe(pkg.version);
      const shown = s.page.getByTestId('station-build-hash');
      expect(await shown.getAttribute('data-hash')).toBe(expected);
      expect((await shown.textContent())!.replace(/\s+/g, '')).toBe(expected);
      await s.screenshot('about-station');

      // comparison with a published build typed in: same → ✓; other hash, same version → ✗
      await s.page.getByRole('button', { name: 'Type a hash' }).click();
      await s.page.getByLabel('Published build hash').fill(`airlock-build:${pkg.version}:${expected}`);
      await s.page.getByRole('button', { name: 'Compare' }).click();
      await expect.poll(() => s.page.getByRole('status').textContent()).toMatch(/is the published build/);
      await s.page.getByRole('button', { name: 'Type a hash' }).click();
      await s.page.getByLabel('Published build hash').fill(`airlock-build:${pkg.version}:${'0'.repeat(63)}1`);
      await s.page.getByRole('button', { name: 'Compare' }).click();
      await expect.poll(() => s.page.getByRole('status').textContent()).toMatch(/not the published build/);
      expect(s.errors).toEqual([]);
    });
  });
});
