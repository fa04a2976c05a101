// The texts of <efa-rechner> join the shared table of ../core/i18n.js (t(), {placeholder} filling,
// the fallback to German): the German ones (locales/de.js) at once, the English ones
// (locales/en.js) with loadLang('en'), those of the parts loaded on demand with the first part
// (parts/i18n.js). Names of Länder, models, keys and categories come from the engine's metadata().

import { addStrings } from '../core/i18n.js';
import de from './locales/de.js';

export { t, both, normLang, addStrings } from '../core/i18n.js';

addStrings({ de });

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
