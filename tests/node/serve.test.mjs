// scripts/serve.mjs, the server of the demo and of the browser tests: MIME types, no directory
// traversal, the strict CSP header only on the strict pages, the list of ../shared/data files.
// Raw HTTP requests (no browser): the paths go out exactly as written, unnormalised.

import { test, before, after } from 'node:test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { start } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let server;
before(async () => {
  server = await start({ port: 0 });
});
after(() => server.close());

function rawGet(p) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: p, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('server: MIME types, no directory traversal, CSP header only on the strict page', async () => {
  const check = async (p, status, type) => {
    const r = await rawGet(p);
    assert.equal(r.status, status, `${p} -> ${r.status}`);
    if (type) assert.match(r.headers['content-type'] || '', type, p);
    return r;
  };
  await check('/www/index.html', 200, /^text\/html/);
  await check('/www/demo.js', 200, /^text\/javascript/);
  await check('/tests/node/serve.test.mjs', 200, /^text\/javascript/);
  await check('/tests/fixtures/contract/02-itplr-2023-35.json', 200, /^application\/json/);
  await check('/tests/browsers/fixtures/gv100ad-html-names.txt', 200, /^text\/plain/);
  await check('/www/favicon.svg', 200, /^image\/svg\+xml/);
  if (fs.existsSync(path.join(ROOT, 'pkg', 'efa_rechner_bg.wasm'))) await check('/pkg/efa_rechner_bg.wasm', 200, /^application\/wasm$/);
  for (const bad of ['/www/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/www/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd', '/www/..%5c..%5cetc%5cpasswd', '/.git/HEAD', '/www/%00.html', '/shared-data/../../etc/passwd', '/shared-data/%2e%2e/%2e%2e/etc/passwd']) {
    const r = await rawGet(bad);
    assert.ok(r.status === 403 || r.status === 404 || r.status === 400, `${bad} -> ${r.status}`);
    assert.ok(!/root:/.test(r.body), `${bad} leaked a file`);
  }
  const strict = await rawGet('/www/strict-csp.html');
  assert.match(strict.headers['content-security-policy'], /require-trusted-types-for 'script'/);
  const normal = await rawGet('/www/index.html');
  assert.equal(normal.headers['content-security-policy'], undefined);
  assert.equal(normal.headers['x-content-type-options'], 'nosniff');
  const list = await rawGet('/shared-data/');
  assert.equal(list.status, 200);
  assert.ok(Array.isArray(JSON.parse(list.body).files));
});
