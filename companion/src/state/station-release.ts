/**
 * The latest published station build the companion knows (public data), in signals, with the last
 * good value and the time it was fetched kept in localStorage: offline, the Station updates screen
 * still shows the last known build and when it was checked. The fetch is injected (tests pass fakes).
 */
import { signal } from '@preact/signals';
import { fetchStationRelease, parseStationRelease, type FetchedRelease, type StationRelease } from '../net/station-release';

export interface KnownRelease {
  release: StationRelease;
  /** when this value was fetched (ms since the epoch) */
  fetchedAt: number;
}

export type ReleaseCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  /** the last check succeeded at `at` (ms) */
  | { state: 'checked'; at: number }
  /** the server publishes no station build (checked at `at`) */
  | { state: 'none'; at: number }
  | { state: 'error'; error: unknown };

const KEY = 'airlock-companion-station-release';

/** Stored JSON → KnownRelease, re-validated like a fresh download; null when absent or malformed. */
export function parseKnownRelease(json: string | null): KnownRelease | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as { release?: unknown; fetchedAt?: unknown };
    if (typeof v.fetchedAt !== 'number' || !Number.isFinite(v.fetchedAt)) return null;
    return { release: parseStationRelease(JSON.stringify(v.release)), fetchedAt: v.fetchedAt };
  } catch {
    return null;
  }
}

function load(): KnownRelease | null {
  try {
    return parseKnownRelease(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function store(k: KnownRelease | null): void {
  try {
    if (k) localStorage.setItem(KEY, JSON.stringify(k));
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable (private mode): the value lives for this session only
  }
}

export const knownRelease = signal<KnownRelease | null>(typeof localStorage === 'undefined' ? null : load());
export const releaseCheck = signal<ReleaseCheck>({ state: 'idle' });

/** Fetch the published build; keep it on success, drop it when the server publishes none, keep the old one on error. */
export async function checkStationRelease(fetcher: () => Promise<FetchedRelease> = () => fetchStationRelease(), now: () => number = Date.now): Promise<void> {
  if (releaseCheck.value.state === 'checking') return;
  releaseCheck.value = { state: 'checking' };
  try {
    const r = await fetcher();
    const at = now();
    if (r.kind === 'none') {
      knownRelease.value = null;
      store(null);
      releaseCheck.value = { state: 'none', at };
      return;
    }
    knownRelease.value = { release: r.release, fetchedAt: at };
    store(knownRelease.value);
    releaseCheck.value = { state: 'checked', at };
  } catch (e) {
    releaseCheck.value = { state: 'error', error: e };
  }
}
