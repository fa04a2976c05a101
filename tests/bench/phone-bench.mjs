// The first result on a phone network (part of `make bench`, called by run.mjs; also alone:
// `node tests/bench/phone-bench.mjs [--quick] [--loads N]`).
//
// Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower
// (DevTools protocol: Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate), with the
// files served gzip-compressed as a portal serves them (scripts/serve.mjs `gzip: true`). Each load
// gets a fresh browser context (empty HTTP cache, no code cache). Figures: navigation start → the
// first `efa-result` on www/index.html and the first `efa-plan-result` on www/plan.html (the
// event, and the next painted frame after it), medians of several loads; with, for the median
// load, every file fetched before the result (start, end, bytes on the wire), which shows the
// chain of round trips the page waits for.

export const PROFILE = Object.freeze({
  name: 'Lighthouse mobile (slow 4G)',
  latencyMs: 150,
  downloadKbit: 1600,
  uploadKbit: 750,
  cpuSlowdown: 4,
});

export const PAGES = Object.freeze([
  { id: 'calculator', path: '/www/index.html', event: 'efa-result', targetMs: 1200 },
  { id: 'plan', path: '/www/plan.html', event: 'efa-plan-result', targetMs: 1500 },
]);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * In the page, before its scripts: notes the first `event` (or error) and the paint after it, and
 * says so on the console. (The driver waits for that message: polling the page with
 * waitForFunction would make Playwright inject and run its own script in the page during the load,
 * which costs the throttled main thread more than 100 ms.)
 */
function watch(event) {
  window.__phone = { first: null, paint: null, error: null };
  const done = () => console.debug('efa-phone-bench:done');
  addEventListener(
    event,
    () => {
      if (window.__phone.first !== null) return;
      window.__phone.first = performance.now();
      // the next frame after the result's task: rAF runs before that frame's paint, the message after it
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          window.__phone.paint = performance.now();
          done();
        };
        ch.port2.postMessage(0);
      });
    },
    true,
  );
  addEventListener(
    event.replace(/result$/, 'error'),
    (e) => {
      window.__phone.error ??= e.detail?.code || 'error';
      done();
    },
    true,
  );
}

async function load(browser, origin, page) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
  try {
    const tab = await context.newPage();
    const errors = [];
    let signal;
    const done = new Promise((resolve) => (signal = resolve));
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') errors.push(`console ${m.type()}: ${m.text()}`);
      if (m.text() === 'efa-phone-bench:done') signal(true);
    });
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PROFILE.latencyMs,
      downloadThroughput: (PROFILE.downloadKbit * 1000) / 8, // bytes per second
      uploadThroughput: (PROFILE.uploadKbit * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
    await tab.addInitScript(watch, page.event);
    await tab.goto(`${origin}${page.path}`, { waitUntil: 'commit', timeout: 60000 });
    let timer;
    const ok = await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, 60000, false)))]);
    clearTimeout(timer);
    const got = await tab.evaluate(() => {
      const p = window.__phone;
      const nav = performance.getEntriesByType('navigation')[0];
      const files = [nav, ...performance.getEntriesByType('resource')]
        .filter((r) => p.first === null || r.startTime <= p.first)
        .map((r) => ({
          file: new URL(r.name).pathname + new URL(r.name).search,
          startMs: Math.round(r.startTime),
          endMs: Math.round(r.responseEnd),
          bytes: r.transferSize,
          decoded: r.decodedBodySize,
        }));
      return { ...p, files, dcl: nav?.domContentLoadedEventEnd ?? null };
    });
    if (!ok || got.first === null) throw new Error(`phone bench: no ${page.event} on ${page.path} within 60 s (${[got.error, ...errors].filter(Boolean).join(' | ') || 'timeout'})`);
    if (errors.length) throw new Error(`phone bench: ${page.path}: ${errors.join(' | ')}`);
    return got;
  } finally {
    await context.close();
  }
}

/**
 * Measures every page in PAGES `loads` times (interleaved, so that machine load hits them alike).
 * `origin` must serve gzip-compressed (scripts/serve.mjs with `gzip: true`).
 */
export async function measurePhone(browser, origin, { loads = 5 } = {}) {
  const runs = Object.fromEntries(PAGES.map((p) => [p.id, []]));
  for (let i = 0; i < loads; i++) for (const p of PAGES) runs[p.id].push(await load(browser, origin, p));
  const out = { profile: PROFILE, loads, pages: {} };
  for (const p of PAGES) {
    const rs = runs[p.id];
    const med = median(rs.map((r) => r.first));
    const typical = rs.reduce((a, b) => (Math.abs(b.first - med) < Math.abs(a.first - med) ? b : a));
    out.pages[p.id] = {
      path: p.path,
      event: p.event,
      targetMs: p.targetMs,
      medianMs: med,
      ms: rs.map((r) => Math.round(r.first)),
      paintMedianMs: median(rs.map((r) => r.paint)),
      domContentLoadedMedianMs: median(rs.map((r) => r.dcl)),
      // the load nearest the median: what was fetched before the result
      files: typical.files.sort((a, b) => a.startMs - b.startMs),
      bytesBeforeResult: typical.files.reduce((s, f) => s + f.bytes, 0),
    };
  }
  return out;
}

/** Lines for the console: per page the figure and the files fetched before the result. */
export function phoneReport(r) {
  const lines = [`first result on a phone network (${r.profile.name}: ${r.profile.latencyMs} ms RTT, ${r.profile.downloadKbit / 1000} Mbit/s down, ${r.profile.uploadKbit} kbit/s up, CPU ${r.profile.cpuSlowdown}×, gzip), median of ${r.loads} fresh loads:`];
  for (const p of Object.values(r.pages)) {
    lines.push(`  ${p.path} → first ${p.event}: ${p.medianMs.toFixed(0)} ms (${p.ms.join('/')}), painted ${p.paintMedianMs.toFixed(0)} ms; ${p.files.length} files, ${(p.bytesBeforeResult / 1024).toFixed(1)} KiB on the wire before it:`);
    for (const f of p.files) lines.push(`      ${String(f.startMs).padStart(5)} → ${String(f.endMs).padStart(5)} ms  ${String(f.bytes).padStart(7)} B  ${f.file}`);
  }
  return lines;
}

// Standalone: node tests/bench/phone-bench.mjs [--quick] [--loads N] [--json]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { start } = await import('../../scripts/serve.mjs');
  const os = await import('node:os');
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--loads');
  const loads = i >= 0 ? Number(argv[i + 1]) : argv.includes('--quick') ? 3 : 5;
  const server = await start({ port: 0, gzip: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const load0 = os.loadavg()[0];
    const r = await measurePhone(browser, server.origin, { loads });
    if (argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
    else console.log([...phoneReport(r), `  (load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)})`].join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
}
