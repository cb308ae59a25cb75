/**
 * One Vite config for both apps and the tests.
 *   vite build --mode station    → dist/station/index.html (one self-contained file, CSP'd, offline)
 *   vite build --mode companion  → dist/companion/ (installable PWA)
 * Vitest projects: `unit` (Node, test/unit + test/flows + architecture) and `e2e` (Chromium via playwright-core).
 */
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Plugin, PluginOption } from 'vite';

/**
 * Fills the station's CSP with sha256 hashes of its inline <script> and <style> elements, after
 * vite-plugin-singlefile has inlined everything: no 'unsafe-inline', no external origin.
 */
function stationCsp(): Plugin {
  const hashes = (html: string, tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))]
      .filter((m) => !/\ssrc=/.test(m[0].slice(0, m[0].indexOf('>'))))
      .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return {
    name: 'airlock-station-csp',
    enforce: 'post',
    // writeBundle runs after every plugin's generateBundle, i.e. after singlefile inlined the code.
    writeBundle(opts) {
      const file = resolve(opts.dir ?? '', 'index.html');
      let src = readFileSync(file, 'utf8');
      const scripts = hashes(src, 'script');
      const styles = hashes(src, 'style');
      if (!src.includes('__SCRIPT_HASHES__')) throw new Error('station build: CSP placeholder missing');
      src = src
        .replace('__SCRIPT_HASHES__', scripts.length ? scripts.join(' ') : "'none'")
        .replace('__STYLE_HASHES__', styles.length ? styles.join(' ') : "'none'");
      // Build identity (BUILD.md "Build hash"): SHA-256 of this file with the build-hash slot set to
      // 64 zeros, then written into the slot. A <meta> outside every script/style: the CSP hashes don't move.
      const slot = (hex: string) => `<meta name="airlock-build-hash" content="${hex}" />`;
      if (!src.includes('<head>')) throw new Error('station build: <head> missing');
      src = src.replace('<head>', `<head>\n    ${slot('0'.repeat(64))}`);
      src = src.replace(slot('0'.repeat(64)), slot(createHash('sha256').update(src).digest('hex')));
      writeFileSync(file, src);
    },
  };
}

const root = import.meta.dirname;

export default defineConfig(async ({ mode }) => {
  const app = mode === 'companion' ? 'companion' : 'station';
  const plugins: PluginOption[] = [];
  if (app === 'station') {
    const { viteSingleFile } = await import('vite-plugin-singlefile');
    plugins.push(viteSingleFile({ removeViteModuleLoader: true }), stationCsp());
  } else {
    const { VitePWA } = await import('vite-plugin-pwa');
    plugins.push(
      VitePWA({
        registerType: 'autoUpdate',
        injectRegister: 'script',
        includeAssets: ['icon.svg'],
        manifest: {
          name: 'Airlock companion',
          short_name: 'Airlock',
          description: 'Watch-only wallet that carries transactions to and from the offline Airlock station by QR code',
          theme_color: '#1d3557',
          background_color: '#ffffff',
          display: 'standalone',
          start_url: './',
          scope: './',
          icons: [
            { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          ],
        },
        workbox: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'], navigateFallback: 'index.html' },
      }),
    );
  }
  return {
    root: resolve(root, app),
    base: './',
    publicDir: app === 'companion' ? resolve(root, 'companion/public') : (false as const),
    plugins,
    define: {
      __APP_VERSION__: JSON.stringify(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version),
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
          test: {
            name: 'unit',
            root,
            environment: 'node' as const,
            include: ['test/unit/**/*.test.ts', 'test/flows/**/*.test.ts', 'test/architecture.test.ts'],
            testTimeout: 60_000,
          },
        },
        {
          test: {
            name: 'e2e',
            root,
            environment: 'node' as const,
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
