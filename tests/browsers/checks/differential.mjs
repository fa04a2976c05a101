// Cross-engine differential: the same 200 seeded random requests (tests/reference/generate.mjs)
// through the WASM engine in each browser give byte-identical responses, equal to the same package
// run in Node. Responses are compared whole (amounts, shares, weights, Kommune rows, error codes,
// paths and messages) as SHA-256 digests of their JSON; a differing request is printed in full.
// With ../shared/data, every fourth request with a Kommune block asks for the Gemeinde level of the
// real GV100AD file, read by each engine's own copy of the reader.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { generateRequest } from '../../reference/generate.mjs';
import { HARNESS } from '../lib/rechner.mjs';

const N = Number(process.env.BROWSERS_DIFF_N || 200);
const SEED = Number(process.env.BROWSERS_DIFF_SEED || 1);
const GV = 'gv100ad/GV100AD_30112025.txt';

/** Requests and whether each one uses the GV100AD file. */
function requests(withFile) {
  const out = [];
  for (let s = SEED; s < SEED + N; s++) {
    const request = generateRequest(s);
    const useFile = withFile && !!request.kommunen && s % 4 === 0;
    if (useFile) request.kommunen.level = 'gemeinde';
    out.push({ seed: s, request, useFile });
  }
  return out;
}

// Runs in the page (and, as source text, in Node): every request through allocate(), each outcome
// as JSON (Maps made plain objects, errors as their code, path and messages).
async function runAll(list, moduleUrl, gvUrl) {
  const m = await import(moduleUrl);
  if (typeof m.default === 'function' && !globalThis.__diffInit) {
    await m.default();
  }
  const plain = (v) => {
    if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, plain(x)]));
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  let gv;
  if (gvUrl) gv = m.loadGv100ad(await (await fetch(gvUrl)).text());
  const out = [];
  for (const { request, useFile } of list) {
    let json;
    try {
      json = JSON.stringify(plain(m.allocate(request, useFile ? gv : undefined)));
    } catch (e) {
      json = JSON.stringify({ error: { code: e?.code ?? `thrown: ${e?.message ?? e}`, path: e?.path ?? null, messages: plain(e?.messages ?? null) } });
    }
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
    out.push({ hash: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''), length: json.length, json: null });
  }
  return out;
}

let nodeRun = null;
async function inNode(root, shared, withFile) {
  if (nodeRun) return nodeRun;
  const list = requests(withFile);
  const engine = await import(pathToFileURL(path.join(root, 'pkg', 'efa_rechner.js')).href);
  engine.initSync({ module: fs.readFileSync(path.join(root, 'pkg', 'efa_rechner_bg.wasm')) });
  globalThis.__diffInit = true;
  const gvText = withFile ? fs.readFileSync(path.join(shared, 'data', GV), 'utf8') : null;
  // the same function as in the page, with the file read from disk instead of fetched
  const saved = globalThis.fetch;
  globalThis.fetch = async () => ({ text: async () => gvText });
  try {
    nodeRun = { list, results: await runAll(list, pathToFileURL(path.join(root, 'pkg', 'efa_rechner.js')).href, withFile ? 'file' : null) };
  } finally {
    globalThis.fetch = saved;
  }
  return nodeRun;
}

const hashes = new Map(); // engine -> digest of all responses, printed for the record

export default function register(suite) {
  suite.test(`differential: the same ${N} random requests give identical responses (engine in this browser = engine in Node)`, async (page, { engine, root, shared }) => {
    const withFile = fs.existsSync(path.join(shared, 'data', GV));
    const { list, results: expected } = await inNode(root, shared, withFile);
    await page.open(HARNESS);
    const got = await page.js(`(${runAll.toString()})(${JSON.stringify(list)}, '/pkg/efa_rechner.js', ${withFile ? JSON.stringify(`/shared-data/${GV}`) : 'null'})`);
    assert.equal(got.length, N, `${engine}: ${N} responses`);
    const differing = expected.map((e, i) => (e.hash === got[i].hash ? null : i)).filter((i) => i !== null);
    if (differing.length) {
      const i = differing[0];
      const one = await page.js(`(${runAll.toString()})(${JSON.stringify([list[i]])}, '/pkg/efa_rechner.js', ${list[i].useFile ? JSON.stringify(`/shared-data/${GV}`) : 'null'})`);
      assert.fail(`${engine}: ${differing.length} of ${N} responses differ from Node's (seeds ${differing.slice(0, 10).map((k) => list[k].seed).join(', ')}); first request: ${JSON.stringify(list[i].request)} (${one[0].length} vs ${expected[i].length} characters)`);
    }
    const all = crypto.createHash('sha256').update(got.map((g) => g.hash).join('')).digest('hex').slice(0, 16);
    hashes.set(engine, all);
    const gemeinde = list.filter((r) => r.useFile).length;
    console.log(`    (${engine}: ${N} responses identical to Node's, ${gemeinde} with the Gemeinde level; digest ${all}; ${[...hashes].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  }, { timeout: 300000 });
}
