#!/usr/bin/env node
// Recomputes the station's build hash from a built index.html and checks it against the value the
// file carries (BUILD.md "Build identity"): SHA-256 of the file with the content of
// <meta name="airlock-build-hash"> set to 64 zeros. Prints the hash; exit 1 if the file's slot is
// missing or holds another value (the file was altered after the build).
//   node station/usb/build-hash.mjs [dist/station/index.html]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SLOT = /(<meta name="airlock-build-hash" content=")([0-9a-f]{64})(" \/>)/;

/** { embedded, computed } for the file's text. */
export function buildHashOf(html) {
  const m = SLOT.exec(html);
  if (!m) return { embedded: null, computed: null };
  const blank = html.replace(SLOT, `$1${'0'.repeat(64)}$3`);
  return { embedded: m[2], computed: createHash('sha256').update(blank, 'utf8').digest('hex') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? new URL('../../dist/station/index.html', import.meta.url).pathname;
  const { embedded, computed } = buildHashOf(readFileSync(file, 'utf8'));
  if (!embedded) { console.error(`${file}: no build-hash slot (not a station build)`); process.exit(1); }
  if (embedded !== computed) { console.error(`${file}: build hash mismatch: file says ${embedded}, content gives ${computed}`); process.exit(1); }
  console.log(computed);
}
