// The element as a user meets it (part of `make bench`, called by run.mjs): <efa-rechner> as
// shipped (pkg/element/) on tests/bench/element.html, in Chromium with the CPU slowed by the
// DevTools protocol (Emulation.setCPUThrottlingRate; 4 ≈ a mid-range phone).
// - first: navigation start → first result with the Gemeinde level (Bayern), fresh context each;
// - change: a form change (the model <select>) → next painted frame, with Bayern's 2,221
//   Gemeinden shown, and with all 10,953 (one element per Land), at 4× and unthrottled;
// - heap: the page's JS heap after the Gemeinde data has loaded and the first result is shown
//   (after a forced garbage collection).

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};

async function open(browser, url, rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  // The page says on the console when it has its first results (or an error): waiting for that,
  // not polling with waitForFunction, keeps Playwright's own script out of the page while it loads.
  let signal;
  const settled = new Promise((resolve) => (signal = resolve));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') errors.push(`console ${m.type()}: ${m.text()}`);
    if (/^efa-element-bench:(first|error)$/.test(m.text())) signal(true);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.goto(url);
  let timer;
  const ok = await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, 120000, false)))]);
  clearTimeout(timer);
  const state = await page.evaluate(() => ({ first: window.benchElement.first(), errors: window.benchElement.errors(), rows: window.benchElement.rows() }));
  if (!ok || state.first === null) {
    await context.close();
    throw new Error(`element bench: no Gemeinde-level result on ${url} (${[...state.errors, ...errors].join(' | ') || 'timeout'})`);
  }
  return { context, page, cdp, errors, ...state };
}

async function changes(page, cdp, rate, n) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  for (let i = 0; i < 2; i++) await page.evaluate(() => window.benchElement.change()); // warm-up
  const ms = [];
  for (let i = 0; i < n; i++) {
    ms.push(await page.evaluate(() => window.benchElement.change()));
    await page.waitForTimeout(250); // let the deferred work of the last change run
  }
  return { medianMs: median(ms), p95Ms: p95(ms), maxMs: Math.max(...ms), ms };
}

/** Runs the element cases; `src` is the GV100AD URL (or null for built-in Gemeinde data). */
export async function measureElement(browser, origin, { src, quick = false, rate = 4, page = '/tests/bench/element.html', only = null } = {}) {
  const q = (lands) => `${origin}${page}?lands=${lands}${src ? `&src=${encodeURIComponent(src)}` : ''}`;
  const n = quick ? 5 : 15;
  const out = { throttle: rate, source: src ? `GV100AD file ${src} (kommunen-src)` : 'built-in Gemeinde data' };

  // navigation → first Gemeinde-level result, fresh context (empty cache) each, at 4×
  const first = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const o = await open(browser, q('BY'), rate);
    first.push(o.first);
    if (i === 0) {
      await o.cdp.send('HeapProfiler.collectGarbage');
      const heap = await o.cdp.send('Runtime.getHeapUsage');
      out.heap = { usedBytes: heap.usedSize, totalBytes: heap.totalSize, rows: o.rows, note: 'JS heap after the first Bayern Gemeinde result, after a forced GC (Runtime.getHeapUsage)' };
    }
    await o.context.close();
  }
  out.firstResult = { medianMs: median(first), ms: first, note: `navigation start → first result with the Gemeinde level (Bayern), fresh context each, CPU ${rate}× slowed` };

  // form change → next paint
  out.change = {};
  for (const [name, lands] of [['bayern', 'BY'], ['allLaender', 'all']].filter(([n]) => !only || only.includes(n))) {
    const o = await open(browser, q(lands), 1);
    const entry = { rows: o.rows };
    entry[`x${rate}`] = await changes(o.page, o.cdp, rate, n);
    entry.x1 = await changes(o.page, o.cdp, 1, n);
    if (o.errors.length) entry.pageErrors = o.errors;
    out.change[name] = entry;
    await o.context.close();
  }
  return out;
}

// Standalone: node tests/bench/element-bench.mjs [--quick]  (prints the figures as JSON)
if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { start } = await import('../../scripts/serve.mjs');
  const server = await start({ port: 0 });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const src = process.argv.includes('--builtin') ? null : '/shared-data/gv100ad/GV100AD_30112025.txt';
    const ab = process.argv.indexOf('--ab'); // --ab PAGE: the element on PAGE (another build) and this one, alternately
    if (ab > 0) {
      const pages = { before: process.argv[ab + 1], now: '/tests/bench/element.html' };
      const got = { before: [], now: [] };
      for (let round = 0; round < 3; round++) {
        for (const [k, page] of round % 2 ? Object.entries(pages).reverse() : Object.entries(pages)) got[k].push(await measureElement(browser, server.origin, { src, quick: true, page, only: ['bayern'] }));
      }
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const sum = (k) => ({
        firstResultX4: med(got[k].flatMap((r) => r.firstResult.ms)),
        changeBayernX4: med(got[k].flatMap((r) => r.change.bayern.x4.ms)),
        changeBayernX1: med(got[k].flatMap((r) => r.change.bayern.x1.ms)),
        heapBytes: med(got[k].map((r) => r.heap.usedBytes)),
      });
      console.log(JSON.stringify({ before: sum('before'), now: sum('now') }, null, 2));
    } else {
      const r = await measureElement(browser, server.origin, { src, quick: process.argv.includes('--quick') });
      console.log(JSON.stringify(r, (k, v) => (k === 'ms' ? undefined : v), 2));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
