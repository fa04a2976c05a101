// The checks that need Chromium's DevTools protocol (through playwright-core), run by
// `make test-e2e`: print media emulation, the layout-shift metric while loading, full-page
// screenshots. Everything all engines share runs once, in tests/browsers/ (WebDriver: Chromium,
// Firefox ESR, WebKitGTK); docs/testing.md maps each former check here to its place there.
//
// Pages come from the browser suite's server (scripts/serve.mjs behind the probe that records
// efa-* events, CSP violations, errors and console calls), read with the suite's own helpers.
//
//   node --test --test-reporter=./tests/node/summary-reporter.mjs tests/e2e/

import { test, before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../browsers/lib/server.mjs';
import { waitForIn, waitEventIn, PROBE_STATE, assertProbeClean } from '../browsers/lib/page.mjs';
import { ROOT, panelsDone } from '../browsers/lib/rechner.mjs';

const ART = path.join(ROOT, 'target', 'e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let server;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'pkg', 'efa_rechner.js')), 'pkg/efa_rechner.js is missing: run `make build` first');
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: run \`make setup\` (apt-get install chromium)`);
  fs.mkdirSync(ART, { recursive: true });
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  console.log(`e2e: ${server.origin}, Chromium ${browser.version()}`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh context with a page on `url`, wrapped in what the browser suite's helpers need (`js`,
 * `waitFor`, `waitEvent`) and watched for the browser's own console messages and for requests to
 * other origins (the DevTools protocol sees both).
 */
async function openPage(url, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'de-DE', reducedMotion: 'reduce' });
  // the layout-shift metric (Chromium's), from the first paint on
  await context.addInitScript(() => {
    window.__cls = 0;
    window.__clsObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    });
    window.__clsObserver.observe({ type: 'layout-shift', buffered: true });
  });
  const pw = await context.newPage();
  const problems = [];
  pw.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') problems.push(`${m.type()}: ${m.text()} (${m.location()?.url || ''})`);
  });
  pw.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  pw.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin) && !/^(data|blob):/.test(u)) problems.push(`request to another origin: ${u}`);
  });
  // a string expression: evaluated through the DevTools protocol, so no eval under a strict CSP
  const js = (expr) => pw.evaluate(expr);
  const page = {
    pw,
    context,
    js,
    waitFor: (fn, args, opts) => waitForIn(js, fn, args, opts),
    waitEvent: (type, since, opts) => waitEventIn(js, type, since, opts),
    eventCount: () => js('window.__probe.events.length'),
    async assertClean() {
      assertProbeClean(await js(PROBE_STATE));
      assert.deepEqual(problems, [], `console and network: ${problems.join('\n')}`);
    },
  };
  await pw.goto(server.origin + url);
  return page;
}

/** Visible as Playwright sees it (a box, not visibility: hidden), inside `host`'s shadow root. */
const visible = (page, host, sel) => page.pw.locator(`${host} ${sel}`).first().isVisible();

test('print stylesheet of the calculator: results only', async () => {
  const page = await openPage('/www/index.html');
  try {
    await page.waitEvent('efa-result', 0, { timeout: 30000 });
    await panelsDone(page);
    await page.pw.emulateMedia({ media: 'print' });
    assert.equal(await visible(page, 'efa-rechner', 'form'), false);
    assert.equal(await visible(page, 'efa-rechner', '.export'), false);
    assert.equal(await visible(page, 'efa-rechner', 'table[part="results-table"]'), true);
    assert.equal(await page.pw.locator('header.site nav').isVisible(), false);
    await page.pw.screenshot({ path: path.join(ART, 'print.png'), fullPage: true });
    await page.pw.emulateMedia({ media: 'screen' });
    assert.equal(await visible(page, 'efa-rechner', 'form'), true);
    await page.assertClean();
  } finally {
    await page.context.close();
  }
});

test('demo page: little layout shift while loading; full-page screenshots (target/e2e/demo*.png)', async () => {
  const page = await openPage('/www/index.html');
  try {
    await page.waitEvent('efa-result', 0, { timeout: 30000 });
    // everything the page builds while loading is in (the panels come last) and painted
    await panelsDone(page);
    await page.js('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))');
    const cls = await page.js('(window.__cls + window.__clsObserver.takeRecords().filter((e) => !e.hadRecentInput).reduce((a, e) => a + e.value, 0))');
    console.log(`    (cumulative layout shift while loading: ${cls.toFixed(4)})`);
    assert.ok(cls < 0.1, `CLS ${cls} must stay below 0.1 ("good")`);
    await page.pw.screenshot({ path: path.join(ART, 'demo.png'), fullPage: true });
    await page.pw.screenshot({ path: path.join(ART, 'demo-top.png') });
    const n = await page.eventCount();
    await page.pw.locator('[data-lang-switch]').click();
    await page.waitEvent('efa-result', n);
    await page.pw.screenshot({ path: path.join(ART, 'demo-en.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(ART, 'demo.png')).size > 10000);
    await page.assertClean();
  } finally {
    await page.context.close();
  }
});

test('plan page: full-page screenshot (target/e2e/plan.png); print media: the tables without the file input and export buttons', async () => {
  const page = await openPage('/www/plan.html');
  try {
    await page.waitEvent('efa-plan-result', 0, { timeout: 30000 });
    await page.pw.screenshot({ path: path.join(ART, 'plan.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(ART, 'plan.png')).size > 10000);
    await page.pw.emulateMedia({ media: 'print' });
    assert.equal(await visible(page, 'efa-plan', '.open-plan'), false, 'print: no file input');
    assert.equal(await visible(page, 'efa-plan', '.export'), false, 'print: no export buttons');
    assert.ok(await visible(page, 'efa-plan', '#plan-payers'), 'print: the tables');
    await page.pw.screenshot({ path: path.join(ART, 'plan-print.png'), fullPage: true });
    await page.assertClean();
  } finally {
    await page.context.close();
  }
});
