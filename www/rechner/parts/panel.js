// The export panel under the results: CSV, JSON and print buttons, and the share link. Loaded on
// demand (not needed for the first result). Downloads are blob: URLs, so nothing leaves the page's
// origin.

import { h } from '../../core/dom.js';
import { t } from '../i18n.js';
import './i18n.js'; // the parts' texts
import { payersCsv, resultJson } from '../export.js';
import { kommunenCsv } from './kommunen-csv.js';
import { fragmentFor } from '../fragment.js';
import { download } from '../../core/download.js';

/** This part's styles (adopted into the element's shadow root with adoptStyles). */
export { CSS as LATER_CSS } from '../../core/styles-later.js'; // panels, secondary buttons
export const CSS = String.raw`
.share-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.share-row input { flex: 1 1 14rem; min-width: 0; }
`;

/** The page's URL with the request in its fragment. */
function shareUrl(req) {
  const u = new URL(location.href);
  u.hash = fragmentFor(req, u.hash).slice(1);
  return u.href;
}

// Each element's panel (by its shadow root), built once per language, then updated in place: a
// new result while the user is in the panel keeps the focus where it is.
const panels = new WeakMap();

/**
 * The panel for the current result. ctx: { root (the shadow root, where the download link goes),
 * lang, names, result() and request() (the element's current ones, read at click time) }.
 */
export function renderExport(ctx) {
  const { root, lang, result, request } = ctx;
  let p = panels.get(root);
  if (p?.lang !== lang) panels.set(root, (p = build(ctx)));
  p.names = ctx.names;
  p.kommunen.hidden = !result().kommunen;
  p.share.value = shareUrl(request());
  p.status.textContent = p.shareStatus.textContent = '';
  return p.section;
}

function build({ root, lang, result, request }) {
  const L = (k, v) => t(lang, k, v);
  const p = { lang };
  const btn = (label, fn, cls = 'secondary') => {
    const b = h('button', { type: 'button', class: cls, text: label });
    b.addEventListener('click', fn);
    return b;
  };
  const status = (p.status = h('p', { class: 'note', role: 'status' }));
  const offer = (name, text, type) => {
    download(root, name, text, type);
    status.textContent = L('downloaded', { name });
  };
  const csv = 'text/csv;charset=utf-8';
  const year = () => result().year;
  const buttons = h(
    'div',
    { class: 'buttons' },
    btn(L('csvExcel'), () => offer(`efa-rechner-${year()}-excel.csv`, payersCsv(result(), p.names, 'excel'), csv)),
    btn(L('csvPlain'), () => offer(`efa-rechner-${year()}.csv`, payersCsv(result(), p.names, 'plain'), csv)),
    btn(L('json'), () => offer(`efa-rechner-${year()}.json`, resultJson(request(), result()), 'application/json')),
    // (hidden while the result has no Kommunen)
    (p.kommunen = btn(L('kommunenCsv'), () => offer(`efa-kommunen-${result().kommunen.land}-${year()}-excel.csv`, kommunenCsv(result(), p.names, 'excel'), csv))),
    btn(L('print'), () => window.print()),
  );
  const shareInput = (p.share = h('input', { type: 'text', id: 'efa-share', readonly: true, 'aria-describedby': 'efa-share-status' }));
  shareInput.addEventListener('focus', () => shareInput.select());
  const shareStatus = (p.shareStatus = h('p', { class: 'note', id: 'efa-share-status', role: 'status' }));
  const copy = btn(L('copyLink'), async () => {
    try {
      await navigator.clipboard.writeText(shareInput.value);
      shareStatus.textContent = L('copied');
    } catch {
      shareInput.focus();
      shareInput.select();
      shareStatus.textContent = L('copyFailed');
    }
  });
  p.section = h(
    'section',
    { class: 'panel export no-print', 'aria-labelledby': 'export-h' },
    h('h3', { id: 'export-h', text: L('exportHeading') }),
    buttons,
    status,
    h('div', { class: 'group' }, h('label', { for: 'efa-share', text: L('shareLabel') }), h('div', { class: 'share-row' }, shareInput, copy), shareStatus),
  );
  return p;
}
