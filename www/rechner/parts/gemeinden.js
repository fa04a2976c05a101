// The built-in Gemeinde table for level "gemeinde" without a GV100AD file (issue 11). The engine's
// .wasm does not carry it (size budget): the package ships it as gemeinden.tsv beside the engine,
// fetched once per page when the Gemeinde level is first used, and handed to every engine
// instance that needs it (also a fresh one after a trap). Loaded on demand (parts.js): from boot
// on when the first request is at the Gemeinde level, else by the first computation that needs it.

import { t } from '../i18n.js';
import './i18n.js'; // the parts' texts

// "../../../pkg/" becomes "../" in the package (scripts/build-pkg.sh), as "../../pkg/" in ../../core/engine.js.
const URL_ = new URL('../../../pkg/gemeinden.tsv', import.meta.url);

let table = null;

/** The table's bytes (one download per page; a failed one is tried again next time). */
export function fetchTable() {
  if (!table) {
    table = fetch(URL_).then((r) => {
      if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
      return r.arrayBuffer().then((b) => new Uint8Array(b));
    });
    table.catch(() => (table = null));
  }
  return table;
}

/**
 * Computes `request` with the built-in Gemeinde table loaded into the engine instance the call
 * runs on. Called before computing (level gemeinde, no file) or after the engine's error `e`:
 * then only for missing_gv100ad, any other error is thrown on. A table that cannot be fetched
 * is a coded error at the level field, if the engine needs it for this request.
 */
fetchTable().catch(() => {}); // this part is loaded for the Gemeinde level: the download starts with it

export async function allocate(el, request, e) {
  if (e && e.code !== 'missing_gv100ad') throw e;
  let bytes = null;
  let failed = null;
  try {
    bytes = await fetchTable();
  } catch (err) {
    failed = err;
  }
  return el._engine((api, ds) => {
    if (bytes && !api.gemeindenLoaded()) api.loadGemeinden(bytes);
    try {
      return api.allocate(request, ds);
    } catch (err) {
      if (!failed || err?.code !== 'missing_gv100ad') throw err;
      const v = { status: failed?.status ?? '–' };
      throw { code: 'missing_gv100ad', path: 'kommunen.level', messages: { de: t('de', 'errGemeindenLoad', v), en: t('en', 'errGemeindenLoad', v) } };
    }
  });
}
