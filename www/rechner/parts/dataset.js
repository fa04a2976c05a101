// Loading a GV100AD file (the kommunen-src attribute, the form's file input) into the engine, for
// an <efa-rechner> element. Loaded on demand (EfaRechner._withDataset).

import { t, loadLang } from '../i18n.js';
import { freeDataset } from '../../core/engine.js';
import { errorObject } from '../errors.js';

// The parts' texts are needed only for messages: the file's download does not wait for them (a
// static import would hold this module, and so the download, until they have arrived).
const strings = () => import('./i18n.js');

export async function loadFromUrl(el, src) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    url = null;
  }
  if (!url || url.origin !== location.origin) {
    await Promise.all([loadLang('en'), strings()]).catch(() => {});
    el._datasetError({ code: 'invalid_gv100ad', path: 'gv100ad', messages: { de: t('de', 'errFileOrigin', { src }), en: t('en', 'errFileOrigin', { src }) } });
    return;
  }
  const p = (async () => {
    const r = await fetch(url, { credentials: 'same-origin' });
    if (!r.ok) await Promise.all([loadLang('en'), strings()]).catch(() => {});
    if (!r.ok) throw { code: 'invalid_gv100ad', path: 'gv100ad', messages: { de: t('de', 'errFileLoad', { status: r.status }), en: t('en', 'errFileLoad', { status: r.status }) } };
    return new Uint8Array(await r.arrayBuffer());
  })();
  await useDataset(el, p);
}

export async function loadFromFile(el, file) {
  await strings().catch(() => {});
  el._form?.updateFileStatus(t(el.lang, 'kFileLoading'));
  await useDataset(el, file.arrayBuffer().then((b) => new Uint8Array(b)));
}

async function useDataset(el, bytesPromise) {
  const loading = (async () => {
    const bytes = await bytesPromise;
    return el._engine(
      (api, _none, gen) => {
        const ds = api.loadGv100ad(bytes);
        try {
          return { ds, gen, bytes, info: { gebietsstand: ds.gebietsstand, kreise: ds.kreise, gemeinden: ds.gemeinden } };
        } catch (e) {
          freeDataset(ds);
          throw e;
        }
      },
      { dataset: false },
    );
  })();
  el._datasetLoading = loading;
  try {
    const d = await loading;
    if (el._datasetLoading !== loading) {
      freeDataset(d.ds);
      return;
    }
    const old = el._dataset;
    el._dataset = d;
    el._datasetLoading = null;
    el._form?.updateFileStatus();
    if (old) freeDataset(old.ds); // every engine call fetches the handle anew (_datasetIn)
    el._compute();
  } catch (e) {
    if (el._datasetLoading === loading) el._datasetLoading = null;
    el._datasetError(errorObject(e));
  }
}
