// scripts/serve.mjs with `gzip: true` compresses as a portal's server does (the phone-network
// benchmark relies on it): text and .wasm gzip-encoded for a client that accepts gzip, plain for
// one that does not, and the bytes decode to the file on disk.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { start, ROOT } from '../../scripts/serve.mjs';

function get(origin, p, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(`${origin}${p}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('serve.mjs gzip: compressed for gzip clients, plain otherwise, same bytes', async (t) => {
  const s = await start({ port: 0, gzip: true });
  t.after(() => s.close());
  for (const p of ['/www/index.html', '/www/demo.css', '/scripts/serve.mjs']) {
    const disk = fs.readFileSync(path.join(ROOT, p));
    const gz = await get(s.origin, p, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(gz.status, 200, p);
    assert.equal(gz.headers['content-encoding'], 'gzip', p);
    assert.equal(gz.headers.vary, 'Accept-Encoding', p);
    assert.equal(Number(gz.headers['content-length']), gz.body.length, p);
    assert.ok(gz.body.length < disk.length, `${p}: ${gz.body.length} compressed vs ${disk.length}`);
    assert.deepEqual(zlib.gunzipSync(gz.body), disk, p);
    const plain = await get(s.origin, p, { 'Accept-Encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined, p);
    assert.deepEqual(plain.body, disk, p);
  }
  // a file of another kind (no extension here) is sent as it is, whatever the client accepts
  const other = await get(s.origin, '/LICENSE', { 'Accept-Encoding': 'gzip' });
  assert.equal(other.status, 200);
  assert.equal(other.headers['content-encoding'], undefined);
  assert.deepEqual(other.body, fs.readFileSync(path.join(ROOT, 'LICENSE')));
  const missing = await get(s.origin, '/www/nothing-here.js', { 'Accept-Encoding': 'gzip' });
  assert.equal(missing.status, 404);
});

test('serve.mjs without gzip sends every file as it is', async (t) => {
  const s = await start({ port: 0 });
  t.after(() => s.close());
  const r = await get(s.origin, '/www/index.html', { 'Accept-Encoding': 'gzip' });
  assert.equal(r.headers['content-encoding'], undefined);
  assert.deepEqual(r.body, fs.readFileSync(path.join(ROOT, 'www/index.html')));
});
