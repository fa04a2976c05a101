// The built-in Gemeinde table for level "gemeinde" without a GV100AD file (issue 11). The engine's
// .wasm does not carry it (size budget): the package ships it as gemeinden.tsv beside the engine,
// fetched once per page when the Gemeinde level is first used, and handed to every engine
// instance that needs it (also a fresh one after a trap). Loaded on demand (parts.js), by the
// element's first engine error.

import { t } from '../i18n.js';
import './i18n.js'; // the parts' texts

// "../../../pkg/" becomes "../" in the package (scripts/build-pkg.sh), as "../../pkg/" in engine.js.
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
 * After the engine's error `e` for `request`: when it is missing_gv100ad (level gemeinde, no
 * file), computes `request` again with the built-in Gemeinde table loaded into the engine
 * instance the call runs on; any other error is thrown on. A table that cannot be fetched is a
 * coded error at the level field.
 */
export async function allocate(el, request, e) {
  if (e?.code !== 'missing_gv100ad') throw e;
  let bytes;
  try {
    bytes = await fetchTable();
  } catch (err) {
    const v = { status: err?.status ?? '–' };
    throw { code: 'missing_gv100ad', path: 'kommunen.level', messages: { de: t('de', 'errGemeindenLoad', v), en: t('en', 'errGemeindenLoad', v) } };
  }
  return el._engine((api, ds) => {
    if (!api.gemeindenLoaded()) api.loadGemeinden(bytes);
    return api.allocate(request, ds);
  });
}
