#!/usr/bin/env node
// Entry point of the `airlock` CLI (the station's headless mode): loads the TypeScript sources
// through tsx so a fresh clone needs no build step (CLI.md "Invocation").
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
