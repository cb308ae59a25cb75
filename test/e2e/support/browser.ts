/**
 * Chromium for e2e tests: Debian's /usr/bin/chromium (or $CHROMIUM_PATH) driven by playwright-core,
 * headless, no sandbox (root in CI), background networking off. Optionally a fake webcam that plays a
 * Y4M file (`--use-file-for-fake-video-capture`), which is how tests show QR codes to the apps.
 * Every request the page makes is recorded so tests can assert the station made none.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const RESULTS_DIR = resolve(import.meta.dirname, '../../../test-results');

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`Chromium not found at ${p}: install it with "apt-get install -y chromium" (npm test does this as root)`);
  return p;
}

export interface LaunchOptions {
  /** Y4M file played by the fake webcam. Without it Chromium's fake device shows a test pattern. */
  fakeVideo?: string;
  /** Grant camera permission to the page (default true). */
  camera?: boolean;
  viewport?: { width: number; height: number };
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** URLs of every request the page made, in order (document loads included). */
  requests: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
  /** Save a screenshot to test-results/<name>.png and return its path. */
  screenshot(name: string): Promise<string>;
}

export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  ];
  if (opts.fakeVideo) args.push(`--use-file-for-fake-video-capture=${opts.fakeVideo}`);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
  if (opts.camera !== false) await context.grantPermissions(['camera']);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    browser, context, page, requests, errors,
    close: () => browser.close(),
    screenshot: async (name) => {
      const p = resolve(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path: p, fullPage: true });
      return p;
    },
  };
}

/**
 * Run a test body with a session; on failure a screenshot goes to test-results/<name>-failure.png
 * before the error is rethrown. The browser is always closed.
 */
export async function withSession<T>(name: string, opts: LaunchOptions, fn: (s: Session) => Promise<T>): Promise<T> {
  const s = await launch(opts);
  try {
    return await fn(s);
  } catch (e) {
    await s.screenshot(`${name}-failure`).catch(() => undefined);
    throw e;
  } finally {
    await s.close();
  }
}

/** Requests that would leave the page: anything but the app's own document load and data:/blob: URLs. */
export function networkRequestsAfterLoad(requests: string[], appUrl: string): string[] {
  return requests.filter((u) => u !== appUrl && !u.startsWith('data:') && !u.startsWith('blob:'));
}
