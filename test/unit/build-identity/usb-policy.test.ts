/**
 * USB image Chromium policies (issue 10). The kiosk forbids DevTools; the boot self-check's headless
 * probe needs DevTools (headless --dump-dom drives the page through it, and waits forever when the
 * policy forbids it). The 0510 hook derives the probe's copy from the kiosk policy with one sed line,
 * and only airlock-selfcheck.service binds that copy over the managed policy folder. These tests run
 * the hook's own sed line on the kiosk policy and check that the copy differs in that one key only,
 * and that neither browser drops Chromium's sandbox.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CONFIG = join(__dirname, '../../../station/usb/config');
const read = (p: string) => readFileSync(join(CONFIG, p), 'utf8');
const KIOSK_POLICY = 'includes.chroot/etc/chromium/policies/managed/airlock.json';
const HOOK = 'hooks/normal/0510-airlock-kiosk.hook.chroot';
const SELFCHECK_UNIT = 'includes.chroot/etc/systemd/system/airlock-selfcheck.service';
const KIOSK_UNIT = 'includes.chroot/etc/systemd/system/airlock-kiosk.service';
const SELFCHECK = 'includes.chroot/usr/local/sbin/airlock-selfcheck';
const KIOSK = 'includes.chroot/usr/local/bin/airlock-kiosk';

/** The probe policy exactly as the hook makes it: its sed expression, run on the kiosk policy. */
function probePolicyText(): string {
  const m = /^sed '([^']+)' \/etc\/chromium\/policies\/managed\/airlock\.json/m.exec(read(HOOK));
  if (!m) throw new Error('the hook no longer derives the self-check policy with sed');
  return execFileSync('sed', [m[1]!], { input: read(KIOSK_POLICY), encoding: 'utf8' });
}

describe('USB image Chromium policies', () => {
  const kiosk = JSON.parse(read(KIOSK_POLICY)) as Record<string, unknown>;

  it('the kiosk allows only the station origin and forbids DevTools', () => {
    expect(kiosk.DeveloperToolsAvailability).toBe(2);
    expect(kiosk.URLBlocklist).toEqual(['*']);
    expect(kiosk.URLAllowlist).toEqual(['http://127.0.0.1:8080', 'blob:*', 'about:blank']);
    expect(kiosk.VideoCaptureAllowedUrls).toEqual(['http://127.0.0.1:8080']);
  });

  it("the self-check's copy differs from the kiosk's in DevTools only", () => {
    const probe = JSON.parse(probePolicyText()) as Record<string, unknown>;
    expect(probe.DeveloperToolsAvailability).toBe(1);
    const { DeveloperToolsAvailability: _a, ...restProbe } = probe;
    const { DeveloperToolsAvailability: _b, ...restKiosk } = kiosk;
    expect(restProbe).toEqual(restKiosk);
  });

  it('only the self-check service sees the copy, bound over the managed policy folder', () => {
    expect(read(SELFCHECK_UNIT)).toMatch(
      /^BindReadOnlyPaths=\/usr\/local\/share\/airlock\/selfcheck-policy:\/etc\/chromium\/policies\/managed$/m,
    );
    expect(read(KIOSK_UNIT)).not.toMatch(/selfcheck-policy|BindReadOnlyPaths|BindPaths/);
    expect(read(KIOSK)).not.toMatch(/selfcheck-policy/);
  });

  it('neither the kiosk nor the probe turns off the sandbox', () => {
    for (const f of [SELFCHECK, KIOSK]) {
      expect(read(f)).not.toMatch(/--no-sandbox|--single-process|--no-zygote|--disable-web-security/);
    }
    expect(read(SELFCHECK)).toMatch(/chromium --headless/);
    expect(read(SELFCHECK)).toMatch(/--dump-dom "\$ORIGIN\/"/);
  });
});
