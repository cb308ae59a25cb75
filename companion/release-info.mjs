#!/usr/bin/env node
// Writes the companion's "latest published station build" file (BUILD.md "Updating", issue 10):
// dist/companion/station-release.json = {"version", "buildHash", "sha256"} for the station file built
// alongside it (dist/station/index.html). Runs after `vite build --mode companion` (npm run build:companion).
// The companion fetches it network-first and shows `airlock-build:<version>:<build hash>` as a QR for
// the station's About screen. The build hash is station/usb/build-hash.mjs's definition; a file whose
// embedded hash disagrees with its content is refused (exit 1): publishing it would vouch for a lie.
// No station build yet → a one-line warning and no file (the companion says "no published build known").
//   node companion/release-info.mjs [--station FILE] [--out DIR] [--package FILE]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildHashOf } from '../station/usb/build-hash.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const VERSION = /^[0-9A-Za-z.+-]{1,40}$/; // the version the station's airlock-build: line accepts

/** The release record for a station file's bytes and the package version; throws with a clear message. */
export function releaseInfoOf(htmlBytes, version) {
  if (typeof version !== 'string' || !VERSION.test(version)) throw new Error(`package version ${JSON.stringify(version)} is not usable in an airlock-build: line`);
  const { embedded, computed } = buildHashOf(htmlBytes.toString('utf8'));
  if (!embedded) throw new Error('no build-hash slot (not a station build)');
  if (embedded !== computed) throw new Error(`build hash mismatch: the file says ${embedded}, its content gives ${computed} (altered after the build?)`);
  return { version, buildHash: computed, sha256: createHash('sha256').update(htmlBytes).digest('hex') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : dflt;
  };
  const station = opt('--station', resolve(ROOT, 'dist/station/index.html'));
  const outDir = opt('--out', resolve(ROOT, 'dist/companion'));
  const pkgFile = opt('--package', resolve(ROOT, 'package.json'));
  if (!existsSync(station)) {
    console.warn(`release-info: ${station} not found (run npm run build:station first); station-release.json not written`);
    process.exit(0);
  }
  let info;
  try {
    info = releaseInfoOf(readFileSync(station), JSON.parse(readFileSync(pkgFile, 'utf8')).version);
  } catch (e) {
    console.error(`release-info: ${station}: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'station-release.json'), `${JSON.stringify(info)}\n`);
}
