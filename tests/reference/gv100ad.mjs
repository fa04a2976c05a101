// A minimal reader of the Destatis GV100AD fixed-width format (220 characters a record).
// Positions are 1-based characters (../shared/domain/efa-financing.md): Satzart 1-2,
// Regionalschlüssel 11-22 (Land 11-12, RB 13, Kreis 14-15, Verband 16-19, Gemeinde 20-22),
// name 23-72, population 140-150. Slicing works on decoded characters, never on bytes, so that
// UTF-8 and Latin-1 editions read alike once decoded.

import { ContractError } from './exact.mjs';

const field = (line, from, to) => line.slice(from - 1, to);

/**
 * parseGv100ad(text) → { kreise: [{ ags, name, population }], gemeinden: [...] }.
 * Kreise (Satzart 40) carry a 5-digit AGS and the sum of their Gemeinden's population;
 * Gemeinden (Satzart 60, gemeindefreie Gebiete included) carry an 8-digit AGS.
 * Throws { code: 'invalid_gv100ad', path: 'line N' } on a malformed record.
 */
export function parseGv100ad(text) {
  const kreise = [];
  const gemeinden = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const bad = () => { throw new ContractError('invalid_gv100ad', `line ${i + 1}`); };
    if (line.length !== 220) bad();
    const satzart = field(line, 1, 2);
    if (!/^\d{2}$/.test(satzart)) bad();
    const name = field(line, 23, 72).trim();
    if (satzart === '40') {
      const ags = field(line, 11, 15);
      if (!/^\d{5}$/.test(ags)) bad();
      kreise.push({ ags, name, population: 0 });
    } else if (satzart === '60') {
      // The Datensatzbeschreibung puts the Gemeinde digits at 16-18 (Verband 19-22): the AGS is
      // positions 11-18 (efa-financing.md's "Gemeinde 20-22" is wrong).
      const ags = field(line, 11, 18);
      const pop = field(line, 140, 150).trim();
      if (!/^\d{8}$/.test(ags) || !/^\d*$/.test(pop)) bad();
      gemeinden.push({ ags, name, population: pop === '' ? 0 : Number(pop) });
    }
  });
  // A Kreis's population is the sum of its Gemeinden (Satzart 40 carries none itself).
  const byAgs = new Map(kreise.map((k) => [k.ags, k]));
  for (const g of gemeinden) {
    const k = byAgs.get(g.ags.slice(0, 5));
    if (k) k.population += g.population;
  }
  return { kreise, gemeinden };
}
