/**
 * companion/release-info.mjs (issue 10): after the companion build it publishes the station build
 * it was built with as dist/companion/station-release.json; it refuses a station file whose embedded
 * build hash is not its content's, and writes nothing (with a warning) when there is no station build.
 * Run as the real script (node) on temp dirs; hashes recomputed here independently.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStationRelease } from '../../../companion/src/net/station-release';

const SCRIPT = resolve(import.meta.dirname, '../../../companion/release-info.mjs');
const ZERO = '0'.repeat(64);
const slot = (hex: string) => `<meta name="airlock-build-hash" content="${hex}" />`;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** A station file as the build writes it: hash of the zero-slot text, written into the slot. */
function built(body: string): { html: string; buildHash: string } {
  const blank = `<html><head>\n    ${slot(ZERO)}<title>x</title></head><body>${body}</body></html>`;
  const buildHash = sha(blank);
  return { html: blank.replace(slot(ZERO), slot(buildHash)), buildHash };
}

const dir = mkdtempSync(join(tmpdir(), 'airlock-release-info-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(html: string | null, version = '2.3.4-rc.1', name = 'case') {
  const station = join(dir, `${name}.html`);
  const out = join(dir, `${name}-out`);
  const pkg = join(dir, `${name}-package.json`);
  if (html !== null) writeFileSync(station, html);
  writeFileSync(pkg, JSON.stringify({ version }));
  const r = spawnSync(process.execPath, [SCRIPT, '--station', station, '--out', out, '--package', pkg], { encoding: 'utf8' });
  const file = join(out, 'station-release.json');
  return { status: r.status, stderr: r.stderr, file, json: existsSync(file) ? readFileSync(file, 'utf8') : null };
}

describe('companion/release-info.mjs', () => {
  it('writes version, build hash and file SHA-256 of the station build, in the form the companion accepts', () => {
    const { html, buildHash } = built('<script>app()</script>');
    const r = run(html, '2.3.4-rc.1', 'good');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.json!)).toEqual({ version: '2.3.4-rc.1', buildHash, sha256: sha(html) });
    expect(parseStationRelease(r.json!)).toEqual({ version: '2.3.4-rc.1', buildHash, sha256: sha(html) });
    expect(buildHash).not.toBe(sha(html));
  });

  it('refuses a station file altered after the build (exit 1, clear message, no file)', () => {
    const { html } = built('<script>app()</script>');
    const r = run(html.replace('app()', 'evil()'), '2.3.4', 'altered');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/build hash mismatch/);
    expect(r.json).toBeNull();
  });

  it('refuses a file without the build-hash slot and a version the airlock-build: line cannot carry', () => {
    const noSlot = run('<html><head></head></html>', '2.3.4', 'noslot');
    expect(noSlot.status).toBe(1);
    expect(noSlot.stderr).toMatch(/no build-hash slot/);
    const badVersion = run(built('x').html, '2:3', 'badversion');
    expect(badVersion.status).toBe(1);
    expect(badVersion.stderr).toMatch(/package version/);
    expect(badVersion.json).toBeNull();
  });

  it('no station build: a one-line warning, exit 0, nothing written', () => {
    const r = run(null, '2.3.4', 'missing');
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not found/);
    expect(r.json).toBeNull();
  });

});
