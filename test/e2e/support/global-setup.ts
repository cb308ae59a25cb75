/**
 * E2E global setup: builds both apps (unless AIRLOCK_SKIP_BUILD=1, set by test/run.sh after its own
 * build) and serves dist/ on 127.0.0.1 with the same static server users run (`npm start`).
 * Tests read the URLs with `inject('stationUrl')` / `inject('companionUrl')`.
 */
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    stationUrl: string;
    companionUrl: string;
    baseUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../../..');

export default async function setup(project: TestProject) {
  if (process.env.AIRLOCK_SKIP_BUILD !== '1') {
    // NODE_ENV=production: vitest sets 'test', which makes Vite emit dev-style throwing stubs for Node built-ins
    // (the companion's bc-ur-registry-eth → hdkey → cipher-base reads stream.Transform at load).
    execSync('npm run -s build', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  // @ts-expect-error plain JS module without types
  const { startServer } = await import('../../../station/server/serve.mjs');
  const { server, urls, port } = await startServer({ port: 0, root: resolve(root, 'dist') });
  project.provide('stationUrl', urls.station);
  project.provide('companionUrl', urls.companion);
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    await new Promise((ok) => server.close(ok));
  };
}
