/**
 * Published station build line (BUILD.md "Updating"): the online companion shows the latest known
 * build as a QR `airlock-build:<version>:<build hash>`; the release notes print the same line. The
 * user scans or types it into the station's About screen, which compares it with its own build;
 * nothing goes online. Accepts that line, or a bare 64-hex build hash. Shared by the station (parse,
 * compare) and the companion (format). Pure: no DOM, no clock. Deliberately does not compute the
 * build hash itself (station/usb/build-hash.mjs, Node) nor fetch anything (companion/src/net).
 */
export interface PublishedBuild {
  version: string | null;
  buildHash: string;
}

export type Comparison =
  | { kind: 'same' }
  /** Same version, other hash: this station is NOT the published build (or a development build). */
  | { kind: 'different-build' }
  | { kind: 'out-of-date'; latest: string }
  | { kind: 'newer-than-published'; published: string }
  /** Versions unknown (bare hash) and hashes differ. */
  | { kind: 'different' };

const LINE = /^airlock-build:([0-9A-Za-z.+-]{1,40}):([0-9a-fA-F]{64})$/;

/** Parse the companion's QR text or a typed hash; null when it is neither. */
export function parsePublishedBuild(text: string): PublishedBuild | null {
  const t = text.trim();
  const m = LINE.exec(t);
  if (m) return { version: m[1], buildHash: m[2].toLowerCase() };
  const bare = t.replace(/\s+/g, '');
  return /^[0-9a-fA-F]{64}$/.test(bare) ? { version: null, buildHash: bare.toLowerCase() } : null;
}

/** The companion's QR text for a build. */
export function formatPublishedBuild(version: string, buildHash: string): string {
  return `airlock-build:${version}:${buildHash}`;
}

/** Numeric dotted-version order (pre-release suffixes ignored): <0, 0, >0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[-+]/)[0].split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[-+]/)[0].split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** What to tell the user about `mine` against the published build. */
export function compareBuild(mine: { version: string; buildHash: string | null }, published: PublishedBuild): Comparison {
  if (mine.buildHash !== null && mine.buildHash === published.buildHash) return { kind: 'same' };
  if (published.version === null) return { kind: 'different' };
  const order = compareVersions(mine.version, published.version);
  if (order < 0) return { kind: 'out-of-date', latest: published.version };
  if (order > 0) return { kind: 'newer-than-published', published: published.version };
  return { kind: 'different-build' };
}
