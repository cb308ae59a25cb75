/**
 * The running station's identity (issue 10, BUILD.md "Build identity"): the version from
 * package.json (vite define `__APP_VERSION__`) and the build hash — the SHA-256 of the built
 * index.html with its build-hash slot set to 64 zeros, which the build writes into
 * `<meta name="airlock-build-hash">` (vite.config.ts). A file cannot contain its own SHA-256, so
 * this is the closest reproducible value; `node station/usb/build-hash.mjs index.html` (or the
 * sed one-liner in BUILD.md) recomputes it from the published file.
 * Deliberately computes nothing at run time (the station cannot read its own bytes: CSP
 * connect-src 'none'); in the dev server and in Node there is no slot and `buildHash` is null.
 */
declare const __APP_VERSION__: string | undefined;

export const BUILD_HASH_META = 'airlock-build-hash';

export interface BuildInfo {
  /** package.json version, e.g. "0.1.0" ("dev" outside a vite build). */
  version: string;
  /** 64 lower-hex chars, or null for a development build (no slot in the document). */
  buildHash: string | null;
}

/** Read the identity from a document (default: the current one; none in Node). */
export function readBuildInfo(doc: Pick<Document, 'querySelector'> | undefined = typeof document === 'undefined' ? undefined : document): BuildInfo {
  const version = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
  const content = doc?.querySelector(`meta[name="${BUILD_HASH_META}"]`)?.getAttribute('content') ?? '';
  const buildHash = /^[0-9a-f]{64}$/.test(content) && !/^0+$/.test(content) ? content : null;
  return { version, buildHash };
}

export const buildInfo: Readonly<BuildInfo> = Object.freeze(readBuildInfo());
export const { version, buildHash } = buildInfo;

/** Short form for screens and comments: first 16 hex chars, or "development build". */
export function shortBuildHash(info: BuildInfo = buildInfo): string {
  return info.buildHash ? info.buildHash.slice(0, 16) : 'development build';
}

/**
 * One comment line for text exports (descriptor text/JSON), so the companion can show which
 * station build a key came from, e.g. `# Airlock station 0.1.0, build 3f2a…(64 hex)`.
 */
export function buildInfoLine(info: BuildInfo = buildInfo): string {
  return `# Airlock station ${info.version}, build ${info.buildHash ?? 'development'}`;
}

/** As JSON fields for a JSON export: `{ station: { version, buildHash } }`. */
export function buildInfoJson(info: BuildInfo = buildInfo): { station: BuildInfo } {
  return { station: { version: info.version, buildHash: info.buildHash } };
}

/**
 * Stamp `<html data-airlock-build="<hash>">` once the app runs: the boot self-check on the USB
 * image and the e2e test read it from the live DOM as proof that the station's JavaScript ran.
 */
export function stampDocument(doc: Document | undefined = typeof document === 'undefined' ? undefined : document, info: BuildInfo = buildInfo): void {
  if (doc) doc.documentElement.setAttribute('data-airlock-build', info.buildHash ?? 'development');
}
