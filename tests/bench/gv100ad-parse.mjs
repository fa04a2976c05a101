// A plain-JavaScript fixed-width reader of GV100AD (for comparison with the engine's
// loadGv100ad). Records are 220 characters; 1-based positions (Datensatzbeschreibung_GV100AD.pdf,
// Satzart 60: EF3 = AGS 11-18 with Land 11-12, RB 13, Kreis 14-15, Gemeinde 16-18; EF4 =
// Gemeindeverband 19-22): Satzart 1-2, AGS 11-18, name 23-72, population 140-150. Kreise (Satzart 40) get the sum
// of their Gemeinden's population; Gemeinden are Satzart 60 (gemeindefreie Gebiete included).
// Validates only record length and Satzart digits (the engine checks more).

export function parseGv100ad(text) {
  const kreise = [];
  const gemeinden = [];
  let start = 0;
  let lineNo = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    lineNo++;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    if (stop > start) {
      if (stop - start !== 220) throw new Error(`invalid_gv100ad at line ${lineNo}`);
      const a = text.charCodeAt(start) - 48;
      const b = text.charCodeAt(start + 1) - 48;
      if (a < 0 || a > 9 || b < 0 || b > 9) throw new Error(`invalid_gv100ad at line ${lineNo}`);
      const satzart = a * 10 + b;
      if (satzart === 40) {
        kreise.push({ ags: text.slice(start + 10, start + 15), name: text.slice(start + 22, start + 72).trim(), population: 0 });
      } else if (satzart === 60) {
        const pop = text.slice(start + 139, start + 150).trim();
        gemeinden.push({
          ags: text.slice(start + 10, start + 18),
          name: text.slice(start + 22, start + 72).trim(),
          population: pop === '' ? 0 : parseInt(pop, 10),
        });
      }
    }
    start = end + 1;
  }
  const byAgs = (x, y) => (x.ags < y.ags ? -1 : x.ags > y.ags ? 1 : 0);
  kreise.sort(byAgs);
  gemeinden.sort(byAgs);
  const kreisIndex = new Map(kreise.map((k) => [k.ags, k]));
  for (const g of gemeinden) {
    const k = kreisIndex.get(g.ags.slice(0, 5));
    if (k) k.population += g.population;
  }
  return { kreise, gemeinden };
}
