/**
 * Build identity (issue 10): the build-hash definition (station/usb/build-hash.mjs, the same rule
 * as vite.config.ts), reading it back in the station (platform/build-info.ts), and the About
 * screen's comparison with a published build (shared/build/published-build.ts).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { buildHashOf } from '../../../station/usb/build-hash.mjs';
import { buildInfoJson, buildInfoLine, readBuildInfo } from '../../../station/src/platform/build-info';
import { compareBuild, compareVersions, formatPublishedBuild, parsePublishedBuild } from '../../../shared/build/published-build';

const ZERO = '0'.repeat(64);
const slot = (hex: string) => `<meta name="airlock-build-hash" content="${hex}" />`;
/** A station file as the build writes it: hash of the zero-slot text, written into the slot. */
function built(body: string): string {
  const blank = `<html><head>\n    ${slot(ZERO)}<title>x</title></head><body>${body}</body></html>`;
  return blank.replace(slot(ZERO), slot(createHash('sha256').update(blank).digest('hex')));
}
const fakeDoc = (content: string | null) => ({
  querySelector: (sel: string) => (sel === 'meta[name="airlock-build-hash"]' && content !== null ? { getAttribute: () => content } : null),
}) as unknown as Document;

describe('build hash definition', () => {
  it('recomputes the embedded hash of an untouched build', () => {
    const html = built('<script>1</script>');
    const { embedded, computed } = buildHashOf(html);
    expect(embedded).toMatch(/^[0-9a-f]{64}$/);
    expect(computed).toBe(embedded);
    expect(computed).not.toBe(createHash('sha256').update(html).digest('hex'));
  });

  it('detects a file altered after the build (one byte of the script changed)', () => {
    const html = built('<script>1</script>').replace('<script>1', '<script>2');
    const { embedded, computed } = buildHashOf(html);
    expect(computed).not.toBe(embedded);
  });

  it('reports a file without the slot', () => {
    expect(buildHashOf('<html><head></head></html>')).toEqual({ embedded: null, computed: null });
  });
});

describe('build info in the station', () => {
  it('reads the slot; zeros, junk or no slot mean a development build', () => {
    const h = 'ab'.repeat(32);
    expect(readBuildInfo(fakeDoc(h)).buildHash).toBe(h);
    expect(readBuildInfo(fakeDoc(ZERO)).buildHash).toBeNull();
    expect(readBuildInfo(fakeDoc('nothex')).buildHash).toBeNull();
    expect(readBuildInfo(fakeDoc(null)).buildHash).toBeNull();
    expect(readBuildInfo(undefined).buildHash).toBeNull();
  });

  it('export forms carry version and hash', () => {
    const info = { version: '1.2.3', buildHash: 'cd'.repeat(32) };
    expect(buildInfoLine(info)).toBe(`# Airlock station 1.2.3, build ${'cd'.repeat(32)}`);
    expect(buildInfoJson(info)).toEqual({ station: info });
    expect(buildInfoLine({ version: '1.2.3', buildHash: null })).toBe('# Airlock station 1.2.3, build development');
  });
});

describe('comparison with a published build', () => {
  const mine = { version: '0.2.0', buildHash: 'aa'.repeat(32) };
  it('parses the companion QR text and a bare typed hash (spaces, upper case)', () => {
    expect(parsePublishedBuild(formatPublishedBuild('0.3.0', 'bb'.repeat(32)))).toEqual({ version: '0.3.0', buildHash: 'bb'.repeat(32) });
    expect(parsePublishedBuild(` ${'AABBCCDD '.repeat(8)}`)).toEqual({ version: null, buildHash: 'aabbccdd'.repeat(8) });
    expect(parsePublishedBuild('airlock-build:0.3.0:1234')).toBeNull();
    expect(parsePublishedBuild('bitcoin:bc1q...')).toBeNull();
  });

  it('same hash → same; same version other hash → not the published build', () => {
    expect(compareBuild(mine, { version: '0.2.0', buildHash: mine.buildHash }).kind).toBe('same');
    expect(compareBuild(mine, { version: null, buildHash: mine.buildHash }).kind).toBe('same');
    expect(compareBuild(mine, { version: '0.2.0', buildHash: 'cc'.repeat(32) }).kind).toBe('different-build');
    expect(compareBuild(mine, { version: null, buildHash: 'cc'.repeat(32) }).kind).toBe('different');
  });

  it('older station → out of date with the latest version; newer → says so', () => {
    expect(compareBuild(mine, { version: '0.10.0', buildHash: 'cc'.repeat(32) })).toEqual({ kind: 'out-of-date', latest: '0.10.0' });
    expect(compareBuild(mine, { version: '0.1.9', buildHash: 'cc'.repeat(32) })).toEqual({ kind: 'newer-than-published', published: '0.1.9' });
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-rc1', '1.0.1')).toBe(-1);
  });

  it('a development build never matches', () => {
    expect(compareBuild({ version: '0.2.0', buildHash: null }, { version: '0.2.0', buildHash: ZERO }).kind).toBe('different-build');
  });
});
