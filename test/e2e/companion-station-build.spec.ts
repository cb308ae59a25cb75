/**
 * "Is my station out of date?" end to end (issue 10, BUILD.md "Updating"): the companion's Station
 * updates screen fetches station-release.json (written at build time by companion/release-info.mjs)
 * and shows `airlock-build:<version>:<build hash>` as a QR. zbarimg reads that QR from a screenshot and
 * it must equal the package version and the build hash recomputed here from dist/station/index.html.
 * The same text then plays on the station's fake webcam: About this station → Scan the companion's QR
 * → "✓ This station is the published build." Negative: the companion is served a release file with
 * another hash of the same version (page.route) → the station says it is not the published build.
 * Also: no file (404), a malformed file and an unreachable server get plain messages, the last good value stays shown,
 * and the service worker does not precache the file (it must come from the network).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, withSession, type Session } from './support/browser';
import { writeQrVideo } from './support/qr-video';
import { setUpStation } from './support/station';
import { zbarDecodeFile } from './support/zbar';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Independent recomputation (no project code): blank the slot with 64 zeros, SHA-256 the bytes. */
function recompute(html: string): string {
  const blank = html.replace(/(<meta name="airlock-build-hash" content=")[0-9a-f]{64}(")/, `$1${'0'.repeat(64)}$2`);
  expect(blank).not.toBe(html);
  return createHash('sha256').update(blank, 'utf8').digest('hex');
}

async function openStationUpdates(page: Page): Promise<void> {
  await page.goto(inject('companionUrl'));
  await page.locator('body[data-ready="1"]').waitFor();
  await page.getByRole('button', { name: 'Station updates' }).click();
  await page.getByRole('heading', { name: 'Station updates' }).waitFor();
}

/** The QR on the Station updates screen, decoded by zbarimg from a screenshot of its canvas. */
async function readCompanionQr(s: Session, name: string): Promise<string> {
  const canvas = s.page.getByRole('img', { name: /Latest station build/ });
  await canvas.waitFor();
  const file = resolve(RESULTS_DIR, 'qr-video', `${name}.png`);
  await canvas.screenshot({ path: file });
  const texts = await zbarDecodeFile(file);
  expect(texts, 'exactly one QR on the canvas').toHaveLength(1);
  return texts[0];
}

/** The station (fresh vault) scans `text` from its fake webcam on the About screen; returns the verdict. */
async function stationVerdict(text: string, name: string): Promise<string> {
  const video = writeQrVideo(resolve(RESULTS_DIR, 'qr-video', `${name}.y4m`), [text], { repeat: 4 });
  return withSession(name, { fakeVideo: video }, async (s) => {
    await setUpStation(s.page, inject('stationUrl'));
    await s.page.getByRole('button', { name: /About this station/ }).click();
    await s.page.getByRole('heading', { name: 'About this station' }).waitFor();
    await s.page.getByRole('button', { name: 'Scan the companion’s QR' }).click();
    const verdict = s.page.locator('fieldset [role="status"]');
    await verdict.waitFor({ timeout: 60_000 });
    await s.screenshot(`${name}-verdict`);
    expect(s.errors).toEqual([]);
    return (await verdict.textContent())!;
  });
}

describe('companion → station: latest published build', () => {
  const stationHtml = readFileSync(resolve(ROOT, 'dist/station/index.html'), 'utf8');
  const buildHash = recompute(stationHtml);

  it('the companion serves station-release.json for the built station, and its service worker does not precache it', async () => {
    const r = await fetch(new URL('station-release.json', inject('companionUrl')));
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ version: VERSION, buildHash, sha256: createHash('sha256').update(readFileSync(resolve(ROOT, 'dist/station/index.html'))).digest('hex') });
    const sw = await (await fetch(new URL('sw.js', inject('companionUrl')))).text();
    expect(sw).toContain('precacheAndRoute');
    expect(sw).not.toContain('station-release');
  });

  it('the companion QR, read by zbarimg, makes the station say it is the published build', async () => {
    const expected = `airlock-build:${VERSION}:${buildHash}`;
    const read = await withSession('companion-station-updates', {}, async (s) => {
      await openStationUpdates(s.page);
      await s.page.getByTestId('release-version').waitFor();
      expect(await s.page.getByTestId('release-version').textContent()).toBe(VERSION);
      expect(await s.page.getByTestId('release-build-hash').getAttribute('data-hash')).toBe(buildHash);
      expect(s.requests.filter((u) => u.endsWith('/station-release.json'))).toHaveLength(1);
      await s.screenshot('companion-station-updates');
      const text = await readCompanionQr(s, 'companion-station-updates-qr');

      // offline afterwards: the last good value stays, with a plain message; Check again goes to the network
      await s.page.route('**/station-release.json', (route) => route.abort('internetdisconnected'));
      await s.page.getByRole('button', { name: 'Check again' }).click();
      await s.page.getByRole('alert').waitFor();
      expect(await s.page.getByRole('alert').textContent()).toMatch(/Could not reach 127\.0\.0\.1:\d+ to check the latest published station build/);
      expect(await s.page.getByTestId('release-checked').textContent()).toMatch(/could not check again just now/);
      expect(await s.page.getByTestId('release-build-hash').getAttribute('data-hash')).toBe(buildHash);
      expect(s.requests.filter((u) => u.endsWith('/station-release.json'))).toHaveLength(2);
      await s.screenshot('companion-station-updates-offline');
      expect(s.errors.filter((e) => !/station-release\.json|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
      return text;
    });
    expect(read).toBe(expected);
    expect(await stationVerdict(read, 'station-build-same')).toBe('✓ This station is the published build.');
  });

  it('a release file with another hash of the same version makes the station say it is not the published build', async () => {
    const otherHash = createHash('sha256').update(`not ${buildHash}`).digest('hex');
    // a phone-sized screen: the companion runs on a phone held up to the station's camera
    const read = await withSession('companion-station-updates-other', { viewport: { width: 390, height: 844 } }, async (s) => {
      let reply = { status: 404, body: 'not found' };
      await s.page.route('**/station-release.json', (route) => route.fulfill({ status: reply.status, contentType: 'application/json', body: reply.body }));
      await openStationUpdates(s.page);
      // no file on the server: "no published build known", and the manual way is explained
      await s.page.getByTestId('no-published-build').waitFor();
      expect(await s.page.getByText(/About this station → Type a hash/).count()).toBe(1);
      await s.screenshot('companion-station-updates-none');

      // malformed (an HTML fallback page), nothing cached: a plain message, no QR, the app stays usable
      reply = { status: 200, body: '<!doctype html><p>not the release file</p>' };
      await s.page.getByRole('button', { name: 'Check again' }).click();
      await s.page.getByRole('alert').waitFor();
      expect(await s.page.getByRole('alert').textContent()).toMatch(/station-release\.json\) is malformed: it is not JSON/);
      expect(await s.page.getByRole('img', { name: /Latest station build/ }).count()).toBe(0);
      await s.screenshot('companion-station-updates-malformed');

      reply = { status: 200, body: JSON.stringify({ version: VERSION, buildHash: otherHash, sha256: otherHash }) };
      await s.page.getByRole('button', { name: 'Check again' }).click();
      await s.page.getByTestId('release-version').waitFor();
      expect(await s.page.getByRole('alert').count()).toBe(0);
      await s.screenshot('companion-station-updates-phone');
      expect(s.errors.filter((e) => !/404/.test(e))).toEqual([]);
      return readCompanionQr(s, 'companion-station-updates-other-qr');
    });
    expect(read).toBe(`airlock-build:${VERSION}:${otherHash}`);
    expect(await stationVerdict(read, 'station-build-other')).toMatch(/^✗ Same version, different build hash: this station is not the published build\./);
  });
});
