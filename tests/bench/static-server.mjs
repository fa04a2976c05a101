// Fallback static server for the benchmark, used only when scripts/serve.mjs (the project's
// server with `start({port})`) is missing. Serves the repository root read-only on 127.0.0.1,
// plus /shared-data/ → ../shared/data/, with the MIME types a module page and WASM need.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
};

export function start({ port = 0, root, sharedData }) {
  const server = http.createServer((req, res) => {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const segs = p.split('/').filter(Boolean);
    if (segs.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) {
      res.writeHead(403).end();
      return;
    }
    const file = segs[0] === 'shared-data' ? path.join(sharedData, ...segs.slice(1)) : path.join(root, ...segs);
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', 'Content-Length': st.size, 'Cache-Control': 'no-cache' });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ origin, url: `${origin}/www/index.html`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) });
    });
  });
}
