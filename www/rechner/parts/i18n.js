// The texts of the parts loaded on demand, in both languages at once: a part's errors carry their
// messages in German and English. Every part imports this module, so the texts come with the
// first part (one chunk in the package) and join the element's table.

import { addStrings } from '../i18n.js';
import de from './locales/de.js';
import en from './locales/en.js';

addStrings({ de, en });
