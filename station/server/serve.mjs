#!/usr/bin/env node
// Tiny static server for the built apps (`npm start`, the USB image, the e2e tests).
// Serves dist/station at /station/ and dist/companion at /companion/ on 127.0.0.1 only.
// Usage: node station/server/serve.mjs [--port N] [--root DIR]   (port 0 = any free port)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.sha256': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
};

/** Start the server; resolves with {server, port, urls}. */
export async function startServer({ port = 0, root = resolve(import.meta.dirname, '../../dist'), host = '127.0.0.1' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      let path = decodeURIComponent(url.pathname);
      if (path === '/' ) { res.writeHead(302, { location: '/station/' }); res.end(); return; }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
      const st = await stat(file).catch(() => undefined);
      if (!st || !st.isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
      if (path.startsWith('/station/')) headers['referrer-policy'] = 'no-referrer';
      res.writeHead(200, headers);
      res.end(await readFile(file));
    } catch {
      res.writeHead(500); res.end();
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const actual = server.address().port;
  const base = `http://${host}:${actual}`;
  return { server, port: actual, urls: { station: `${base}/station/`, companion: `${base}/companion/` } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const get = (n, d) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : d; };
  const { urls } = await startServer({ port: Number(get('--port', process.env.PORT ?? 8080)), root: resolve(get('--root', resolve(import.meta.dirname, '../../dist'))) });
  console.log(`Airlock station:   ${urls.station}   (offline signer — open on the air-gapped machine)`);
  console.log(`Airlock companion: ${urls.companion}   (online, watch-only)`);
  console.log('Press Ctrl+C to stop.');
}
