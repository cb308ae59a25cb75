#!/usr/bin/env node
// Writes the companion's "latest published station build" file (BUILD.md "Updating", issue 10):
// dist/companion/station-release.json = {"version", "buildHash", "sha256"} for the station file built
// alongside it (dist/station/index.html). Runs after `vite build --mode companion` (npm run build:companion).
// The companion fetches it network-first and shows `airlock-build:<version>:<build hash>` as a QR for
// the station's About screen. The build hash is station/usb/build-hash.mjs's, run as its own process
// (companion/ never imports station/, ARCHITECTURE 2.4); a file whose embedded hash disagrees with its
// content is refused (exit 1): publishing it would vouch for a lie.
// No station build yet → a one-line warning and no file (the companion says "no published build known").
//   node companion/release-info.mjs [--station FILE] [--out DIR] [--package FILE]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD_HASH = resolve(ROOT, 'station/usb/build-hash.mjs');
const VERSION = /^[0-9A-Za-z.+-]{1,40}$/; // the version the station's airlock-build: line accepts

/** The release record for the station file and the package version; throws with a clear message. */
export function releaseInfoOf(stationFile, version) {
  if (typeof version !== 'string' || !VERSION.test(version)) throw new Error(`package version ${JSON.stringify(version)} is not usable in an airlock-build: line`);
  // build-hash.mjs prints the hash, or exits 1 when the slot is missing or the file's value is not its content's
  const r = spawnSync(process.execPath, [BUILD_HASH, stationFile], { encoding: 'utf8' });
  const buildHash = r.stdout.trim();
  if (r.status !== 0 || !/^[0-9a-f]{64}$/.test(buildHash)) throw new Error((r.stderr || r.error?.message || 'build-hash.mjs failed').trim());
  return { version, buildHash, sha256: createHash('sha256').update(readFileSync(stationFile)).digest('hex') };
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
    info = releaseInfoOf(station, JSON.parse(readFileSync(pkgFile, 'utf8')).version);
  } catch (e) {
    console.error(`release-info: station-release.json not written: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'station-release.json'), `${JSON.stringify(info)}\n`);
}
