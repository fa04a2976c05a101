// The built-in Gemeinde table for level "gemeinde" without a GV100AD file (issue 11). The engine's
// .wasm does not carry it (size budget): the package ships it as gemeinden.tsv beside the engine,
// fetched once per page (../../core/engine.js: fetchGemeinden, which the element starts at boot
// when its first request is at the Gemeinde level) and handed to every engine instance that needs
// it (also a fresh one after a trap). Loaded on demand (parts.js): from boot on when the first
// request is at the Gemeinde level, else by the first computation that needs it.

import { t } from '../i18n.js';
import { fetchGemeinden, loadModule } from '../../core/engine.js';

// The table goes into the engine as soon as both have arrived, while the first result may still
// wait for other parts: then its computation finds it loaded. (A failure, a trap too, is left to
// allocate() below, which loads it again through callEngine and reports it.)
Promise.all([fetchGemeinden(), loadModule()])
  .then(([bytes, api]) => api.gemeindenLoaded() || api.loadGemeinden(bytes))
  .catch(() => {});

/**
 * Computes `request` with the built-in Gemeinde table loaded into the engine instance the call
 * runs on. Called before computing (level gemeinde, no file) or after the engine's error `e`:
 * then only for missing_gv100ad, any other error is thrown on. A table that cannot be fetched
 * is a coded error at the level field, if the engine needs it for this request.
 */
export async function allocate(el, request, e) {
  if (e && e.code !== 'missing_gv100ad') throw e;
  let bytes = null;
  let failed = null;
  try {
    bytes = await fetchGemeinden();
  } catch (err) {
    failed = err;
  }
  return el._engine((api, ds) => {
    if (bytes && !api.gemeindenLoaded()) api.loadGemeinden(bytes);
    try {
      return api.allocate(request, ds);
    } catch (err) {
      if (!failed || err?.code !== 'missing_gv100ad') throw err;
      return null; // (the table could not be fetched: a message of this part's texts, below)
    }
  }).then(async (res) => {
    if (res) return res;
    await import('./i18n.js').catch(() => {}); // the parts' texts, only now: the table's download did not wait for them
    const v = { status: failed?.status ?? '–' };
    throw { code: 'missing_gv100ad', path: 'kommunen.level', messages: { de: t('de', 'errGemeindenLoad', v), en: t('en', 'errGemeindenLoad', v) } };
  });
}
