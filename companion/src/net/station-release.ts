/**
 * The latest published station build, as the server hosting this companion publishes it
 * (`station-release.json` next to the app, written by companion/release-info.mjs at build time;
 * BUILD.md "Updating"). Fetched network-first (`cache: 'no-store'`; the service worker does not
 * precache it) and validated strictly: the companion turns it into the `airlock-build:` QR the
 * station's About screen compares with its own build, so nothing loose gets through.
 * Errors: 'net/release-unreachable' {host}, 'net/bad-response' {host, status},
 * 'net/release-malformed' {problem}. A 404 is not an error: no published build is known.
 */
import { AppError } from '../../../shared/errors';

export interface StationRelease {
  /** package version, the same characters the station's `airlock-build:` line accepts */
  version: string;
  /** station build hash: SHA-256 of index.html with its build-hash slot zeroed, 64 lower-case hex */
  buildHash: string;
  /** SHA-256 of the station's index.html bytes, 64 lower-case hex */
  sha256: string;
}

export type FetchedRelease = { kind: 'published'; release: StationRelease } | { kind: 'none' };

/** The fetch this module needs (window.fetch in the app, a fake in tests). */
export type ReleaseFetch = (url: string, init: { cache: 'no-store'; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export const STATION_RELEASE_URL = './station-release.json';
const TIMEOUT_MS = 15_000;
const VERSION = /^[0-9A-Za-z.+-]{1,40}$/; // shared/build/published-build.ts line grammar
const HEX64 = /^[0-9a-f]{64}$/;
const MAX_BYTES = 4096;

const malformed = (problem: string, cause?: unknown) => new AppError('net/release-malformed', { problem }, { cause });

/** Parse and validate station-release.json text (pure); throws 'net/release-malformed' {problem}. */
export function parseStationRelease(text: string): StationRelease {
  if (text.length > MAX_BYTES) throw malformed('the file is too large');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw malformed('it is not JSON', e);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw malformed('it is not a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o.version !== 'string' || !VERSION.test(o.version)) throw malformed('"version" is missing or not a version number');
  if (typeof o.buildHash !== 'string' || !HEX64.test(o.buildHash)) throw malformed('"buildHash" is not 64 lower-case hex characters');
  if (typeof o.sha256 !== 'string' || !HEX64.test(o.sha256)) throw malformed('"sha256" is not 64 lower-case hex characters');
  return { version: o.version, buildHash: o.buildHash, sha256: o.sha256 };
}

function hostOf(url: string): string {
  try {
    return new URL(url, typeof location === 'undefined' ? undefined : location.href).host || url;
  } catch {
    return url;
  }
}

/** Fetch and validate the published release (network only, no HTTP cache); 404 → {kind:'none'}. */
export async function fetchStationRelease(url: string = STATION_RELEASE_URL, fetchFn: ReleaseFetch = (u, i) => fetch(u, i)): Promise<FetchedRelease> {
  const host = hostOf(url);
  const ctl = typeof AbortController === 'undefined' ? undefined : new AbortController();
  const timer = ctl ? setTimeout(() => ctl.abort(), TIMEOUT_MS) : undefined;
  let r: { ok: boolean; status: number; text: string };
  try {
    const res = await fetchFn(url, { cache: 'no-store', signal: ctl?.signal });
    r = { ok: res.ok, status: res.status, text: await res.text() };
  } catch (e) {
    throw new AppError('net/release-unreachable', { host }, { cause: e });
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (r.status === 404) return { kind: 'none' };
  if (!r.ok) throw new AppError('net/bad-response', { host, status: r.status });
  return { kind: 'published', release: parseStationRelease(r.text) };
}
