// The suite's server: the project's own scripts/serve.mjs (same files, MIME types and the strict CSP
// header) behind a small same-origin front that
//   - serves the suite's helpers under /__browsers/ (probe.js, the narrow-viewport frame page);
//   - adds <script src="/__browsers/probe.js"> as the first child of <head> of every HTML page, so
//     the probe runs before the page's own scripts in every engine (allowed by the strict CSP:
//     same origin, not inline);
//   - records every request path, so a test can check what a page fetched.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start as startProject } from '../../../scripts/serve.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATIC = path.resolve(HERE, '..', 'static');
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const PROBE_TAG = '<script src="/__browsers/probe.js"></script>';

export async function startServer() {
  const inner = await startProject({ port: 0 });
  const requests = [];
  const front = http.createServer((req, res) => {
    requests.push(req.url);
    if (req.url.startsWith('/__browsers/')) {
      const name = path.basename(new URL(req.url, 'http://x').pathname);
      const file = path.join(STATIC, name);
      if (!fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(fs.readFileSync(file));
      return;
    }
    const up = http.request({ host: '127.0.0.1', port: inner.port, path: req.url, method: req.method, headers: req.headers }, (ur) => {
      const type = ur.headers['content-type'] || '';
      if (!type.startsWith('text/html')) {
        res.writeHead(ur.statusCode, ur.headers);
        ur.pipe(res);
        return;
      }
      const chunks = [];
      ur.on('data', (c) => chunks.push(c));
      ur.on('end', () => {
        let html = Buffer.concat(chunks).toString('utf8');
        html = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${PROBE_TAG}`) : PROBE_TAG + html;
        const headers = { ...ur.headers, 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' };
        delete headers.etag;
        delete headers['last-modified'];
        res.writeHead(ur.statusCode, headers);
        res.end(html);
      });
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise((resolve, reject) => {
    front.once('error', reject);
    front.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${front.address().port}`;
  return {
    origin,
    requests,
    async close() {
      front.closeAllConnections?.();
      await new Promise((r) => front.close(() => r()));
      await inner.close();
    },
  };
}

/** The response headers of a path on a server (`origin` like http://127.0.0.1:8080). */
export function headersOf(origin, p) {
  return new Promise((resolve, reject) => {
    http
      .get(origin + p, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      })
      .on('error', reject);
  });
}
