/**
 * The companion's "latest published station build" (issue 10): strict validation of
 * station-release.json, the fetch (network only, 404 = none published, transport failure and HTTP
 * errors typed), and the last good value kept in localStorage so the screen works offline.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, errorCode, userMessage } from '../../../shared/errors';
import { fetchStationRelease, parseStationRelease, type ReleaseFetch } from '../../../companion/src/net/station-release';
import { formatPublishedBuild, parsePublishedBuild } from '../../../shared/build/published-build';

const HASH = 'ab'.repeat(32);
const SHA = 'cd'.repeat(32);
const GOOD = { version: '0.1.0', buildHash: HASH, sha256: SHA };

function problemOf(text: string): string {
  try {
    parseStationRelease(text);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect(errorCode(e)).toBe('net/release-malformed');
    return String((e as AppError).detail?.problem);
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseStationRelease', () => {
  it('accepts a well-formed file and its QR line round-trips through the station parser', () => {
    const r = parseStationRelease(JSON.stringify(GOOD));
    expect(r).toEqual(GOOD);
    expect(parsePublishedBuild(formatPublishedBuild(r.version, r.buildHash))).toEqual({ version: '0.1.0', buildHash: HASH });
    expect(parseStationRelease(JSON.stringify({ ...GOOD, version: '1.2.3-rc.1+build.7', extra: 1 })).version).toBe('1.2.3-rc.1+build.7');
  });

  const bad: [string, unknown, RegExp][] = [
    ['version missing', { buildHash: HASH, sha256: SHA }, /"version"/],
    ['version with a colon (would split the airlock-build: line)', { ...GOOD, version: '1:2' }, /"version"/],
    ['version with a space', { ...GOOD, version: '1.0 beta' }, /"version"/],
    ['version too long', { ...GOOD, version: '1'.repeat(41) }, /"version"/],
    ['version empty', { ...GOOD, version: '' }, /"version"/],
    ['version a number', { ...GOOD, version: 1 }, /"version"/],
    ['buildHash upper-case', { ...GOOD, buildHash: HASH.toUpperCase() }, /"buildHash"/],
    ['buildHash 63 hex', { ...GOOD, buildHash: HASH.slice(1) }, /"buildHash"/],
    ['buildHash non-hex', { ...GOOD, buildHash: `${HASH.slice(1)}g` }, /"buildHash"/],
    ['buildHash missing', { version: '0.1.0', sha256: SHA }, /"buildHash"/],
    ['sha256 65 hex', { ...GOOD, sha256: `${SHA}0` }, /"sha256"/],
    ['sha256 null', { ...GOOD, sha256: null }, /"sha256"/],
    ['an array', [GOOD], /not a JSON object/],
    ['null', null, /not a JSON object/],
  ];
  for (const [label, value, problem] of bad) {
    it(`refuses ${label}`, () => {
      expect(problemOf(JSON.stringify(value))).toMatch(problem);
    });
  }

  it('refuses non-JSON (e.g. an HTML fallback page) and oversized files, with a readable message', () => {
    expect(problemOf('<!doctype html><html></html>')).toBe('it is not JSON');
    expect(problemOf('')).toBe('it is not JSON');
    expect(problemOf(JSON.stringify({ ...GOOD, pad: 'x'.repeat(5000) }))).toMatch(/too large/);
    try {
      parseStationRelease('nope');
    } catch (e) {
      expect(userMessage(e)).toBe('The published station release file (station-release.json) is malformed: it is not JSON. It was not used.');
    }
  });
});

describe('fetchStationRelease', () => {
  const respond = (status: number, body: string): ReleaseFetch => async () => ({ ok: status >= 200 && status < 300, status, text: async () => body });

  it('fetches without the HTTP cache and validates', async () => {
    const calls: [string, unknown][] = [];
    const f: ReleaseFetch = async (u, i) => {
      calls.push([u, i.cache]);
      return { ok: true, status: 200, text: async () => JSON.stringify(GOOD) };
    };
    expect(await fetchStationRelease('http://h.test/companion/station-release.json', f)).toEqual({ kind: 'published', release: GOOD });
    expect(calls).toEqual([['http://h.test/companion/station-release.json', 'no-store']]);
  });

  it('404 means no published build (not an error)', async () => {
    expect(await fetchStationRelease('http://h.test/x.json', respond(404, 'not found'))).toEqual({ kind: 'none' });
  });

  it('other HTTP errors, transport failures and malformed bodies are typed errors', async () => {
    await expect(fetchStationRelease('http://h.test/x.json', respond(500, ''))).rejects.toMatchObject({ code: 'net/bad-response', detail: { host: 'h.test', status: 500 } });
    const offline: ReleaseFetch = async () => { throw new TypeError('Failed to fetch'); };
    await expect(fetchStationRelease('http://h.test/x.json', offline)).rejects.toMatchObject({ code: 'net/release-unreachable', detail: { host: 'h.test' } });
    await expect(fetchStationRelease('http://h.test/x.json', respond(200, '<html>'))).rejects.toMatchObject({ code: 'net/release-malformed' });
  });
});

describe('last known release (localStorage)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  function fakeStorage() {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), map: m };
  }

  it('keeps the last good value with its fetch time across a reload, and keeps it when a later check fails', async () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    let mod = await import('../../../companion/src/state/station-release');
    expect(mod.knownRelease.value).toBeNull();
    await mod.checkStationRelease(async () => ({ kind: 'published', release: GOOD }), () => 1_700_000_000_000);
    expect(mod.releaseCheck.value).toEqual({ state: 'checked', at: 1_700_000_000_000 });

    vi.resetModules(); // a reload: the module reads localStorage again
    mod = await import('../../../companion/src/state/station-release');
    expect(mod.knownRelease.value).toEqual({ release: GOOD, fetchedAt: 1_700_000_000_000 });
    await mod.checkStationRelease(async () => { throw new AppError('net/release-unreachable', { host: 'h.test' }); });
    expect(mod.releaseCheck.value.state).toBe('error');
    expect(mod.knownRelease.value).toEqual({ release: GOOD, fetchedAt: 1_700_000_000_000 });

    await mod.checkStationRelease(async () => ({ kind: 'none' }), () => 5);
    expect(mod.knownRelease.value).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('a tampered stored value is dropped, not shown', async () => {
    const mod = await import('../../../companion/src/state/station-release');
    expect(mod.parseKnownRelease(JSON.stringify({ release: GOOD, fetchedAt: 3 }))).toEqual({ release: GOOD, fetchedAt: 3 });
    expect(mod.parseKnownRelease(JSON.stringify({ release: { ...GOOD, buildHash: 'zz' }, fetchedAt: 3 }))).toBeNull();
    expect(mod.parseKnownRelease(JSON.stringify({ release: GOOD }))).toBeNull();
    expect(mod.parseKnownRelease('{')).toBeNull();
    expect(mod.parseKnownRelease(null)).toBeNull();
  });
});
