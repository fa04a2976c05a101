// The texts of <efa-rechner> join the shared table of ../core/i18n.js (t(), {placeholder} filling,
// the fallback to German): the German ones (locales/de.js) at once, the English ones
// (locales/en.js) with loadLang('en'), those of the parts loaded on demand with the first part
// (parts/i18n.js). Names of Länder, models, keys and categories come from the engine's metadata().

import { addStrings } from '../core/i18n.js';
import de from './locales/de.js';

export { t, both, normLang, addStrings } from '../core/i18n.js';

// English, as far as it is needed before the rest has been loaded: the loading texts. The other
// English texts are in locales/en.js, loaded on demand (loadLang): for an English element, and
// before an error is reported (an error carries its message in both languages).
const en = {
  loading: 'Loading the calculator …',
  loadFailed: 'The calculator could not be loaded: {message}',
};

addStrings({ de, en });

let enLoad = null;
/** Resolves once all texts of `lang` are there (German always is; English is loaded once). */
export function loadLang(lang) {
  if (lang !== 'en') return Promise.resolve();
  enLoad ||= import('./locales/en.js').then(
    (m) => void addStrings({ en: m.default }),
    (e) => {
      enLoad = null; // tried again next time
      throw e;
    },
  );
  return enLoad;
}
