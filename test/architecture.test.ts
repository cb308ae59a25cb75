/**
 * Import-graph and API rules of ARCHITECTURE.md 2.4, enforced by reading the sources
 * (comments stripped): dependencies point inward, the station has no network code, the
 * companion's network code lives only in companion/src/net/, bc-ur is behind one adapter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const NETWORK_IDENTIFIERS = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b/;
const NETWORK_MODULES = /^(micro-eth-signer\/net|@scure\/btc-signer\/(net|p2p))/;

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function stripComments(src: string): string {
  // good enough for our sources: block comments, then line comments not inside a string/URL
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function imports(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

interface Source { file: string; code: string; deps: string[] }
const sources: Source[] = ['shared', 'station', 'companion']
  .flatMap((d) => walk(join(ROOT, d)))
  .map((f) => {
    const code = stripComments(readFileSync(f, 'utf8'));
    const file = relative(ROOT, f);
    const deps = imports(code).map((d) => (d.startsWith('.') ? relative(ROOT, resolve(join(ROOT, file, '..'), d)) : d));
    return { file, code, deps };
  });

const inDir = (s: Source, dir: string) => s.file.startsWith(dir + '/');

describe('architecture rules (ARCHITECTURE.md 2.4)', () => {
  it('has sources to check', () => {
    expect(sources.filter((s) => inDir(s, 'shared')).length).toBeGreaterThan(3);
  });

  it('shared/ core imports no UI framework, app code, or Node built-in', () => {
    const bad = sources
      .filter((s) => inDir(s, 'shared') && !inDir(s, 'shared/ui'))
      .flatMap((s) => s.deps.filter((d) => /^(preact|@preact\/)|^(station|companion)\/|^node:/.test(d)).map((d) => `${s.file} → ${d}`));
    expect(bad).toEqual([]);
  });

  it('shared/ui imports no app code', () => {
    const bad = sources
      .filter((s) => inDir(s, 'shared/ui'))
      .flatMap((s) => s.deps.filter((d) => /^(station|companion)\//.test(d)).map((d) => `${s.file} → ${d}`));
    expect(bad).toEqual([]);
  });

  it('station and companion never import each other', () => {
    const bad = sources.flatMap((s) =>
      s.deps
        .filter((d) => (inDir(s, 'station') && d.startsWith('companion/')) || (inDir(s, 'companion') && d.startsWith('station/')))
        .map((d) => `${s.file} → ${d}`),
    );
    expect(bad).toEqual([]);
  });

  it('no network API in shared/ or station/ (the station never touches the network)', () => {
    const bad = sources
      .filter((s) => inDir(s, 'shared') || inDir(s, 'station'))
      .filter((s) => NETWORK_IDENTIFIERS.test(s.code) || s.deps.some((d) => NETWORK_MODULES.test(d)))
      .map((s) => s.file);
    expect(bad).toEqual([]);
  });

  it('companion network code only in companion/src/net/', () => {
    const bad = sources
      .filter((s) => inDir(s, 'companion') && !inDir(s, 'companion/src/net'))
      .filter((s) => NETWORK_IDENTIFIERS.test(s.code) || s.deps.some((d) => NETWORK_MODULES.test(d)))
      .map((s) => s.file);
    expect(bad).toEqual([]);
  });

  it('@ngraveio/bc-ur is imported only by shared/ur/bcur-adapter.ts', () => {
    const bad = sources.filter((s) => s.deps.some((d) => d.startsWith('@ngraveio/bc-ur')) && s.file !== 'shared/ur/bcur-adapter.ts').map((s) => s.file);
    expect(bad).toEqual([]);
  });

  it('no console output in shared/ and station app code (secrets leak through logs)', () => {
    const bad = sources
      .filter((s) => inDir(s, 'shared') || inDir(s, 'station/src'))
      .filter((s) => /\bconsole\.(log|debug|info|warn|error|trace)\s*\(/.test(s.code))
      .map((s) => s.file);
    expect(bad).toEqual([]);
  });

  it('no devtools or signals-debug in the station', () => {
    const bad = sources
      .filter((s) => inDir(s, 'station'))
      .filter((s) => s.deps.some((d) => /^preact\/debug|^preact\/devtools|signals-debug/.test(d)))
      .map((s) => s.file);
    expect(bad).toEqual([]);
  });
});
