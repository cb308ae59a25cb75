import { describe, expect, inject, it } from 'vitest';
import { networkRequestsAfterLoad, withSession } from './support/browser';

describe('apps load', () => {
  it('station loads offline-only: its document is the only request', async () => {
    const url = inject('stationUrl');
    await withSession('smoke-station', {}, async (s) => {
      await s.page.goto(url);
      await s.page.getByRole('heading', { name: /Airlock station/ }).waitFor();
      expect(networkRequestsAfterLoad(s.requests, url)).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  });

  it('companion serves a web app manifest', async () => {
    const url = inject('companionUrl');
    await withSession('smoke-companion', {}, async (s) => {
      await s.page.goto(url);
      await s.page.getByRole('heading', { name: /Airlock companion/ }).waitFor();
      const href = await s.page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toMatch(/manifest\.webmanifest$/);
    });
  });
});
