/**
 * One Vite config for both apps and the tests.
 *   vite build --mode station    → dist/station/index.html (one self-contained file, CSP'd, offline)
 *   vite build --mode companion  → dist/companion/ (installable PWA)
 * Vitest projects: `unit` (Node, test/unit + test/flows + architecture) and `e2e` (Chromium via playwright-core).
 */
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig(async ({ mode }) => {
  const app = mode === 'companion' ? 'companion' : 'station';
  const plugins = [];
  if (app === 'station') {
    const { viteSingleFile } = await import('vite-plugin-singlefile');
    plugins.push(viteSingleFile({ removeViteModuleLoader: true }));
  }
  return {
    root: resolve(root, app),
    base: './',
    publicDir: false as const,
    plugins,
    define: {
      __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0'),
    },
    build: {
      outDir: resolve(root, 'dist', app),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      assetsInlineLimit: app === 'station' ? 100_000_000 : 4096,
      chunkSizeWarningLimit: 5000,
    },
    worker: { format: 'es' as const },
    test: {
      root,
      projects: [
        {
          extends: false,
          test: {
            name: 'unit',
            root,
            environment: 'node',
            include: ['test/unit/**/*.test.ts', 'test/flows/**/*.test.ts', 'test/architecture.test.ts'],
            testTimeout: 60_000,
          },
        },
        {
          extends: false,
          test: {
            name: 'e2e',
            root,
            environment: 'node',
            include: ['test/e2e/**/*.spec.ts'],
            globalSetup: ['test/e2e/support/global-setup.ts'],
            testTimeout: 180_000,
            hookTimeout: 180_000,
            fileParallelism: false,
          },
        },
      ],
    },
  };
});
