/**
 * The station build is one self-contained, reproducible file (issue 10, BUILD.md):
 * two clean builds of the same commit give the same bytes, the file references no external
 * URL, and its CSP (parsed, not grepped) forbids every network destination.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function buildStation(outDir: string): Buffer {
  execFileSync('npx', ['vite', 'build', '--mode', 'station', '--logLevel', 'error', '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
  return readFileSync(join(outDir, 'index.html'));
}

function parseCsp(html: string): Map<string, string[]> {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!m) throw new Error('no CSP meta');
  const out = new Map<string, string[]>();
  for (const part of m[1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

describe('station build', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'airlock-build-a-')), mkdtempSync(join(tmpdir(), 'airlock-build-b-'))];
  let a: Buffer;
  let b: Buffer;

  it('two clean builds give the same SHA-256', () => {
    a = buildStation(dirs[0]);
    b = buildStation(dirs[1]);
    const ha = createHash('sha256').update(a).digest('hex');
    const hb = createHash('sha256').update(b).digest('hex');
    expect(hb).toBe(ha);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('is one file with no external reference', () => {
    const html = a.toString('utf8');
    expect(html).not.toMatch(/<script[^>]+\bsrc=/i);
    expect(html).not.toMatch(/<link[^>]+\bhref=/i);
    // no absolute URL to another origin in any attribute
    expect(html.match(/\b(?:src|href|action|poster|data)\s*=\s*["']?(?:https?:)?\/\//gi) ?? []).toEqual([]);
  });

  it('CSP forbids network destinations and inline code without a hash', () => {
    const csp = parseCsp(a.toString('utf8'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src') ?? ["'none'"]).toEqual(["'none'"]);
    for (const [name, values] of csp) {
      for (const v of values) {
        expect(`${name} ${v}`).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'|wss?:/);
      }
    }
    expect((csp.get('script-src') ?? []).every((v) => v.startsWith("'sha256-"))).toBe(true);
  });
});
