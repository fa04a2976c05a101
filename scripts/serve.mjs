#!/usr/bin/env node
// A tiny, dependency-free static server for the repository root (demo and browser tests).
//
//   node scripts/serve.mjs            # PORT=8080 by default, 127.0.0.1 only
//   GZIP=1 node scripts/serve.mjs     # text and .wasm gzip-compressed, as a portal serves them
//   import { start } from './scripts/serve.mjs'; const s = await start({ port: 0 }); ... await s.close();
//
// - serves files below the repository root; dot-files and dot-directories (.git, ...) are never
//   served, and no path can leave the root (no directory traversal);
// - `/shared-data/...` maps to `../shared/data/...` when that folder exists (the real GV100AD
//   files, offered same-origin by the demo); `/shared-data/` answers a JSON list of its files;
// - `/www/strict-csp.html` and `/www/plan-strict-csp.html` are sent with a strict
//   Content-Security-Policy header (with Trusted Types), the same header a hardened portal would
//   send;
// - every response carries `X-Content-Type-Options: nosniff` and correct MIME types, including
//   `application/wasm` (needed by WebAssembly.instantiateStreaming);
// - with `gzip: true`, HTML, JS, CSS, JSON, CSV, TSV, text and .wasm go out gzip-compressed
//   (`Content-Encoding: gzip`) to a client that accepts it, as a portal's web server sends them;
//   the phone-network benchmark needs that (tests/bench/phone-bench.mjs).

import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..');
export const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data');

export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "require-trusted-types-for 'script'";

/** Pages that get the strict policy as an HTTP header (path as requested, after decoding). */
const CSP_PAGES = new Map([
  ['/www/strict-csp.html', STRICT_CSP],
  ['/www/plan-strict-csp.html', STRICT_CSP],
]);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.ts': 'text/plain; charset=utf-8',
};

/** What a portal's server compresses (nginx's gzip_types, Apache's mod_deflate defaults, plus .wasm). */
const COMPRESSIBLE = new Set(['.html', '.htm', '.js', '.mjs', '.cjs', '.css', '.json', '.map', '.wasm', '.txt', '.md', '.csv', '.tsv', '.svg', '.ts']);

/** Compressed bodies by file, kept while the file's mtime and size stay the same. */
const gzipCache = new Map();

async function gzipped(file, stat) {
  const key = `${stat.mtimeMs}:${stat.size}`;
  const hit = gzipCache.get(file);
  if (hit?.key === key) return hit.body;
  // level 6: zlib's default, and what Apache's mod_deflate and common nginx set-ups use
  const body = zlib.gzipSync(await fsp.readFile(file), { level: 6 });
  gzipCache.set(file, { key, body });
  return body;
}

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * Maps a request path to a file below `base`, or null when the path is not acceptable
 * (encoded traversal, dot-segments, NUL bytes, backslashes, or anything resolving outside base).
 */
export function safeJoin(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s.startsWith('.')) return null; // "..", ".git", ".env", ...
  }
  const full = path.resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

function send(res, status, body, headers = {}) {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

async function listSharedData() {
  const out = [];
  async function walk(dir, rel) {
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(dir, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  }
  await walk(SHARED_DATA, '');
  return out.sort();
}

async function handle(req, res, { root, sharedData, gzip }) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  let url;
  try {
    url = new URL(req.url, 'http://127.0.0.1');
  } catch {
    send(res, 400, 'Bad Request\n');
    return;
  }
  let pathname = url.pathname;
  if (pathname === '/' || pathname === '/www' || pathname === '/www/') {
    res.writeHead(302, { Location: '/www/index.html', 'Content-Length': 0 });
    res.end();
    return;
  }

  let file;
  if (pathname === '/shared-data' || pathname === '/shared-data/') {
    const files = await listSharedData();
    send(res, 200, JSON.stringify({ files }) + '\n', {
      'Content-Type': 'application/json; charset=utf-8',
    });
    return;
  } else if (pathname.startsWith('/shared-data/')) {
    file = safeJoin(sharedData, pathname.slice('/shared-data/'.length));
  } else {
    file = safeJoin(root, pathname);
  }
  if (!file) {
    send(res, 403, 'Forbidden\n');
    return;
  }

  let stat;
  try {
    stat = await fsp.stat(file);
  } catch {
    send(res, 404, 'Not Found\n');
    return;
  }
  if (stat.isDirectory()) {
    const index = path.join(file, 'index.html');
    if (fs.existsSync(index)) {
      const loc = pathname.endsWith('/') ? pathname + 'index.html' : pathname + '/index.html';
      res.writeHead(302, { Location: loc, 'Content-Length': 0 });
      res.end();
    } else {
      send(res, 404, 'Not Found\n');
    }
    return;
  }
  if (!stat.isFile()) {
    send(res, 404, 'Not Found\n');
    return;
  }

  const headers = {
    'Content-Type': mimeType(file),
    'Content-Length': stat.size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    'Referrer-Policy': 'no-referrer',
  };
  let decodedPath = pathname;
  try {
    decodedPath = decodeURIComponent(pathname);
  } catch {
    /* already rejected by safeJoin */
  }
  const csp = CSP_PAGES.get(decodedPath);
  if (csp) headers['Content-Security-Policy'] = csp;

  if (gzip && COMPRESSIBLE.has(path.extname(file).toLowerCase())) {
    headers.Vary = 'Accept-Encoding';
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      const body = await gzipped(file, stat);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Starts the server. `port: 0` picks a free port; `gzip: true` compresses as a portal does. Resolves to
 * `{ server, port, origin, url, close() }` once listening.
 */
export function start({ port = Number(process.env.PORT ?? 8080), host = '127.0.0.1', root = ROOT, sharedData = SHARED_DATA, quiet = true, gzip = false } = {}) {
  const server = http.createServer((req, res) => {
    handle(req, res, { root, sharedData, gzip }).catch((err) => {
      if (!quiet) console.error(err);
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      const origin = `http://${host}:${actual}`;
      resolve({
        server,
        port: actual,
        origin,
        url: `${origin}/www/index.html`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number, got "${process.env.PORT}"`);
    process.exit(2);
  }
  start({ port, quiet: false, gzip: process.env.GZIP === '1' })
    .then((s) => {
      if (!fs.existsSync(path.join(ROOT, 'pkg', 'efa_rechner.js'))) {
        console.error('serve: warning: pkg/efa_rechner.js is missing; run `make build` first');
      }
      console.log(s.url);
      console.log(`(strict CSP page: ${s.origin}/www/strict-csp.html; Ctrl+C stops)`);
    })
    .catch((err) => {
      console.error(`serve: cannot listen on 127.0.0.1:${port}: ${err.message}`);
      process.exit(1);
    });
}
