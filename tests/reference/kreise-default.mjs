// The default Kreis-level data: npm landkreise-deutschland 3.0.0 (Destatis, Stand 31.12.2018,
// 401 Kreise and kreisfreie Städte). The engine embeds data generated from the same package.
// Its AGS field is a string for most rows but a number for others (leading zero lost, e.g.
// 10041), so it is normalised to 5 digits here.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let cache = null;

/** [{ ags: '01001', name, population }] in ascending AGS order. */
export function defaultKreise() {
  if (!cache) {
    const rows = require('landkreise-deutschland/data/districts.json');
    cache = rows
      .map((d) => ({ ags: String(d.AGS).padStart(5, '0'), name: d.name, population: d.population }))
      .sort((a, b) => (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0));
    for (const k of cache) {
      if (!/^\d{5}$/.test(k.ags) || !Number.isSafeInteger(k.population) || k.population < 0) {
        throw new Error(`landkreise-deutschland: unexpected row ${JSON.stringify(k)}`);
      }
    }
  }
  return cache;
}
