#!/usr/bin/env node
// Writes dist/station/index.html.sha256 ("<hex>  index.html") and prints it: the hash users compare
// against the published one before copying the station to a USB stick (BUILD.md).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const file = resolve(import.meta.dirname, '../../dist/station/index.html');
const hex = createHash('sha256').update(readFileSync(file)).digest('hex');
writeFileSync(file + '.sha256', `${hex}  index.html\n`);
console.log(`station build: dist/station/index.html sha256 ${hex}`);
