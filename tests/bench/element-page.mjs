// In-page half of the element benchmark (tests/bench/element.html, driven by element-bench.mjs).
// ?lands=BY puts one <efa-rechner> showing Bayern's Gemeinden on the page; ?lands=all one per
// Land (all 10,953 Gemeinden, one element after another). ?src=URL is the GV100AD file the
// elements load (kommunen-src); without it the elements use the engine's built-in Gemeinde data.
const params = new URLSearchParams(location.search);
const LAENDER = ['SH', 'HH', 'NI', 'HB', 'NW', 'HE', 'RP', 'BW', 'BY', 'SL', 'BE', 'BB', 'MV', 'SN', 'ST', 'TH'];
const lands = params.get('lands') === 'all' ? LAENDER : (params.get('lands') || 'BY').split(',');
const src = params.get('src');

const main = document.getElementById('main');
const elements = lands.map((land) => {
  const el = document.createElement('efa-rechner');
  const attrs = { 'no-fragment': '', year: '2025', costs: '1000000.00', alliance: 'BY,HE,NW', model: 'itplr-2023-35', land, level: 'gemeinde' };
  if (src) attrs['kommunen-src'] = src;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  main.append(el);
  return el;
});

// The first result with the Gemeinde level, per element; the page's figure is the last of them.
const firstAt = new Map();
const waiters = new Set();
let errors = [];
for (const el of elements) {
  el.addEventListener('efa-result', (e) => {
    if (e.detail?.kommunen?.level === 'gemeinde' && !firstAt.has(el)) {
      firstAt.set(el, performance.now());
      // the driver waits for this message (polling the page would run Playwright's script in it during the load)
      if (firstAt.size === elements.length) console.debug('efa-element-bench:first');
    }
    for (const w of [...waiters]) w(el, e.detail);
  });
  el.addEventListener('efa-error', (e) => {
    errors.push(e.detail?.code || 'error');
    console.debug('efa-element-bench:error');
  });
}

/** Resolves after the next frame has been painted (the first task after a frame's rendering). */
const nextPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    }),
  );

window.benchElement = {
  count: elements.length,
  /** ms from navigation start to the last element's first Gemeinde-level result, or null. */
  first: () => (firstAt.size === elements.length ? Math.max(...firstAt.values()) : null),
  errors: () => errors,
  rows: () => elements.reduce((n, el) => n + (el.result?.kommunen?.rows?.length ?? el.result?.kommunen?.columns?.amount?.length ?? 0), 0),
  /**
   * A form change as a user makes it: the model <select> of every element gets the other model
   * and fires `change`. Resolves to ms from the change to the next painted frame after every
   * element has shown its new result.
   */
  async change() {
    errors = [];
    const pending = new Set(elements);
    const done = new Promise((resolve, reject) => {
      const w = (el, res) => {
        pending.delete(el);
        if (!pending.size) {
          waiters.delete(w);
          resolve();
        }
      };
      waiters.add(w);
      setTimeout(() => reject(new Error(`no result within 30 s (errors: ${errors.join(', ')})`)), 30000);
    });
    const t0 = performance.now();
    for (const el of elements) {
      const sel = el.shadowRoot.getElementById('f-model');
      sel.value = sel.value === 'itplr-2023-35' ? 'fitko' : 'itplr-2023-35';
      sel.dispatchEvent(new Event('input', { bubbles: true }));
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    }
    await done;
    const t1 = await nextPaint();
    return t1 - t0;
  },
};
window.benchElementReady = true;
