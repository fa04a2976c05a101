// The texts of <efa-plan> (locales/de.js, locales/en.js), both languages at once. They join the
// shared text table of ../core/i18n.js (addStrings), so t(), the fallback to German and the
// {placeholder} filling are the same as in <efa-rechner>. Every key starts with "plan." so that
// nothing of the calculator's texts is replaced when both elements share that table (the
// unbundled source on one page).

import { addStrings, t } from '../core/i18n.js';
import de from './locales/de.js';
import en from './locales/en.js';

addStrings({ de, en });

export { t };
