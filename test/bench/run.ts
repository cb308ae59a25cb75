/**
 * `npm run bench`: runs every test/bench/*.bench.ts (each exports `run(): Promise<void>` that prints
 * its tables). `npm run bench -- NAME` runs only the files whose name contains NAME.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
console.log(`# Airlock benchmarks (node ${process.version}, ${new Date().toISOString()})`);
for (const f of files) {
  const mod = (await import(pathToFileURL(resolve(dir, f)).href)) as { run: () => Promise<void> };
  console.log(`\n## ${f}`);
  await mod.run();
}
