// A JavaScript stand-in for the WASM engine, used ONLY while developing the element before
// `pkg/` exists (run the e2e suite with EFA_MOCK_ENGINE=1). It follows the contract closely
// (BigInt arithmetic, largest remainder) but it is not the product: the real tests run against
// pkg/efa_rechner.js built from src/.

const LAENDER = [
  ['SH', '01', 'Schleswig-Holstein', 'Schleswig-Holstein', 2959517, '3.38791', '3.40337', '3.39074', '3.40578'],
  ['HH', '02', 'Hamburg', 'Hamburg', 1862565, '2.52738', '2.52968', '2.55752', '2.60343'],
  ['NI', '03', 'Niedersachsen', 'Lower Saxony', 8004489, '9.35696', '9.32104', '9.33138', '9.39533'],
  ['HB', '04', 'Bremen', 'Bremen', 704881, '0.94097', '0.95688', '0.95331', '0.95379'],
  ['NW', '05', 'Nordrhein-Westfalen', 'North Rhine-Westphalia', 18034454, '21.24052', '21.21010', '21.14424', '21.07592'],
  ['HE', '06', 'Hessen', 'Hesse', 6280793, '7.31557', '7.35890', '7.39885', '7.43709'],
  ['RP', '07', 'Rheinland-Pfalz', 'Rhineland-Palatinate', 4129569, '4.83472', '4.83710', '4.83089', '4.81848'],
  ['BW', '08', 'Baden-Württemberg', 'Baden-Württemberg', 11245898, '12.97496', '12.86456', '12.96662', '13.04061'],
  ['BY', '09', 'Bayern', 'Bavaria', 13248928, '15.33048', '15.51873', '15.53327', '15.56072'],
  ['SL', '10', 'Saarland', 'Saarland', 1012141, '1.21566', '1.22173', '1.21111', '1.19827'],
  ['BE', '11', 'Berlin', 'Berlin', 3685265, '5.04557', '5.04927', '5.08324', '5.18995'],
  ['BB', '12', 'Brandenburg', 'Brandenburg', 2556747, '3.08092', '3.06053', '3.03655', '3.02987'],
  ['MV', '13', 'Mecklenburg-Vorpommern', 'Mecklenburg-Western Pomerania', 1573597, '2.04165', '2.02906', '2.01240', '1.98045'],
  ['SN', '14', 'Sachsen', 'Saxony', 4042422, '5.10067', '5.08386', '5.05577', '4.98208'],
  ['ST', '15', 'Sachsen-Anhalt', 'Saxony-Anhalt', 2135597, '2.85771', '2.83068', '2.79941', '2.69612'],
  ['TH', '16', 'Thüringen', 'Thuringia', 2100277, '2.74835', '2.72451', '2.69470', '2.63211'],
];
const EDITIONS = [['ks-2014', 2014, 5], ['ks-2015', 2015, 6], ['ks-2016', 2016, 7], ['ks-2019', 2019, 8]];
const CATEGORIES = [
  ['infrastruktur', 'Betrieb der technischen Infrastruktur', 'Operating the technical infrastructure'],
  ['weiterentwicklung', 'Fachliche Weiterentwicklung und Change-Management', 'Functional development and change management'],
  ['plattform', 'Plattformentgelte (EfA-Anteil)', 'Platform fees (EfA share)'],
  ['betrieb', 'Betrieb des Onlinedienstes (inkl. Wartung und Support)', 'Operating the online service (incl. maintenance and support)'],
  ['nutzung', 'Nutzungsabhängige Kosten (Druck, Porto)', 'Usage-dependent costs (print, postage)'],
];
const MODELS = {
  alliance: [{ share: '1', payers: 'alliance', key: null }],
  'itplr-2023-35': [
    { share: '0.5', payers: 'alliance', key: null },
    { share: '0.25', payers: 'bund', key: null },
    { share: '0.25', payers: 'all', key: 'ks' },
  ],
  fitko: [
    { share: '0.25', payers: 'bund', key: null },
    { share: '0.75', payers: 'all', key: 'ks' },
  ],
};
const MODEL_META = [
  ['alliance', 'Allianz trägt alles', 'Alliance pays all', 'Die Nachnutzungsallianz trägt 100 % nach dem gewählten Schlüssel.', 'The reuse alliance pays 100 % by the chosen key.', 'EfA-Nachnutzung (klassisch)'],
  ['itplr-2023-35', 'IT-PLR 2023/35 (solidarisch)', 'IT-PLR 2023/35 (solidarity)', '50 % Allianz nach Schlüssel, 25 % Bund, 25 % alle 16 Länder nach Königsteiner Schlüssel.', '50 % alliance by key, 25 % Bund, 25 % all 16 Länder by Königstein key.', 'IT-PLR Umlaufbeschluss 2023/35 (10.10.2023)'],
  ['fitko', 'FITKO-Haushalt', 'FITKO budget', '25 % Bund, 75 % alle 16 Länder nach Königsteiner Schlüssel.', '25 % Bund, 75 % all 16 Länder by Königstein key.', 'IT-Staatsvertrag § 9 (4)'],
];

class EfaError extends Error {
  constructor(code, path, de, en) {
    super(en);
    this.name = 'EfaError';
    this.code = code;
    this.path = path;
    this.messages = { de, en };
  }
}
const fail = (code, path, de, en) => {
  throw new EfaError(code, path, de, en ?? de);
};

// --- decimals as rationals [num, den] (BigInt) --------------------------------------------
const gcd = (a, b) => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const R = (n, d = 1n) => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return [n / g, d / g];
};
const radd = (a, b) => R(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const rmul = (a, b) => R(a[0] * b[0], a[1] * b[1]);
const rdiv = (a, b) => R(a[0] * b[1], a[1] * b[0]);
const rcmp = (a, b) => {
  const x = a[0] * b[1] - b[0] * a[1];
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const DEC = /^\d+(\.\d+)?$/;
function parseDec(s, path, code = 'invalid_amount') {
  if (typeof s === 'number' && Number.isInteger(s) && s >= 0) s = String(s);
  if (typeof s !== 'string' || !DEC.test(s)) fail(code, path, `Kein gültiger Betrag: ${JSON.stringify(s)}`, `Not a valid amount: ${JSON.stringify(s)}`);
  const [i, f = ''] = s.split('.');
  return R(BigInt(i + f), 10n ** BigInt(f.length));
}
function decStr(r, places) {
  // r >= 0; truncated to `places` decimals (exact strings) -- used for exact/weights
  const scale = 10n ** BigInt(places);
  const v = (r[0] * scale) / r[1];
  const s = v.toString().padStart(places + 1, '0');
  return places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
}
function rStr(r) {
  // shortest exact decimal if finite, else 10 decimals
  for (let p = 0; p <= 12; p++) {
    const scale = 10n ** BigInt(p);
    if ((r[0] * scale) % r[1] === 0n) return decStr(r, p);
  }
  return decStr(r, 12);
}
function largestRemainder(units, weights) {
  // weights: rationals; returns BigInt[] and exacts (rationals)
  const sum = weights.reduce((a, w) => radd(a, w), [0n, 1n]);
  if (sum[0] === 0n) return null;
  const exact = weights.map((w) => rdiv(rmul([units, 1n], w), sum));
  const floors = exact.map((e) => e[0] / e[1]);
  let left = units - floors.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((e, i) => ({ i, rem: R(e[0] - floors[i] * e[1], e[1]) }))
    .sort((a, b) => -rcmp(a.rem, b.rem) || a.i - b.i);
  for (const o of order) {
    if (left <= 0n) break;
    floors[o.i] += 1n;
    left -= 1n;
  }
  return { parts: floors, exact };
}

// --- Länder and keys ---------------------------------------------------------------------
function landOf(x, path) {
  const s = String(x).toUpperCase();
  const row = LAENDER.find((l) => l[0] === s || `DE-${l[0]}` === s || l[1] === s);
  if (!row) fail('unknown_land', path, `Unbekanntes Land: "${x}"`, `Unknown Land: "${x}"`);
  return row[0];
}
const landRow = (id) => LAENDER.find((l) => l[0] === id);

function resolveKey(key, year, path, warnings) {
  if (key === undefined || key === null) key = 'ks';
  if (typeof key === 'string') {
    if (key === 'ks') {
      let ed = EDITIONS.filter((e) => e[1] <= year).pop();
      if (!ed) {
        ed = EDITIONS[0];
        warnings.push({ code: 'ks_before_2014', path, message: { de: 'Für Jahre vor 2014 wird der KS 2014 verwendet.', en: 'Years before 2014 use KS 2014.' } });
      }
      return { id: ed[0], weight: (id) => parseDec(landRow(id)[ed[2]]), str: (id) => landRow(id)[ed[2]], source: `Königsteiner Schlüssel ${ed[1]}` };
    }
    const ed = EDITIONS.find((e) => e[0] === key);
    if (ed) return { id: ed[0], weight: (id) => parseDec(landRow(id)[ed[2]]), str: (id) => landRow(id)[ed[2]], source: `Königsteiner Schlüssel ${ed[1]}` };
    if (key === 'population') return { id: 'population', weight: (id) => [BigInt(landRow(id)[4]), 1n], str: (id) => String(landRow(id)[4]), source: 'Destatis 31.12.2024' };
    if (key === 'equal') return { id: 'equal', weight: () => [1n, 1n], str: () => '1', source: 'gleich' };
    fail('unknown_key', path, `Unbekannter Schlüssel: "${key}"`, `Unknown key: "${key}"`);
  }
  if (typeof key === 'object') {
    for (const kind of ['weights', 'usage', 'targetGroup']) {
      if (key[kind]) {
        const w = {};
        for (const [k, v] of Object.entries(key[kind])) w[landOf(k, `${path}.${kind}.${k}`)] = [parseDec(v, `${path}.${kind}.${k}`, 'invalid_weight'), String(v)];
        return { id: kind, weight: (id) => (w[id] ? w[id][0] : [0n, 1n]), str: (id) => (w[id] ? w[id][1] : '0'), source: kind };
      }
    }
    if (Array.isArray(key.mix)) {
      const parts = key.mix.map((m, i) => ({ k: resolveKey(m.key, year, `${path}.mix[${i}].key`, warnings), w: parseDec(m.weight, `${path}.mix[${i}].weight`, 'invalid_weight') }));
      return { id: 'mix', mix: parts, source: 'mix' };
    }
  }
  fail('unknown_key', path, 'Unbekannter Schlüssel', 'Unknown key');
}
function groupWeights(key, group) {
  if (key.mix) {
    const out = group.map(() => [0n, 1n]);
    for (const p of key.mix) {
      const ws = groupWeights(p.k, group).map((x) => x.w);
      const sum = ws.reduce(radd, [0n, 1n]);
      if (sum[0] === 0n) continue;
      ws.forEach((w, i) => (out[i] = radd(out[i], rmul(p.w, rdiv(w, sum)))));
    }
    return out.map((w) => ({ w, s: rStr(w) }));
  }
  return group.map((id) => ({ w: key.weight(id), s: key.str(id) }));
}

// --- dates -------------------------------------------------------------------------------
const dayNum = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 864e5;
const dayStr = (n) => new Date(n * 864e5).toISOString().slice(0, 10);
function parseDate(s, year, path) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s) || dayStr(dayNum(s)) !== s) fail('invalid_date', path, `Ungültiges Datum: "${s}"`, `Invalid date: "${s}"`);
  if (+s.slice(0, 4) !== year) fail('date_outside_year', path, `Datum liegt nicht im Jahr ${year}`, `Date is not in ${year}`);
  return dayNum(s);
}

// --- data --------------------------------------------------------------------------------
let defaultKreise = [];
export default async function init() {
  try {
    const res = await fetch(new URL('/node_modules/landkreise-deutschland/data/districts.json', import.meta.url));
    const data = await res.json();
    defaultKreise = data.map((d) => ({ ags: String(d.AGS).padStart(5, '0'), name: d.name, population: Number(d.population) || 0 })).sort((a, b) => (a.ags < b.ags ? -1 : 1));
  } catch {
    defaultKreise = [];
  }
}

class Dataset {
  constructor(gebietsstand, kreise, gemeinden) {
    this._k = kreise;
    this._g = gemeinden;
    this.gebietsstand = gebietsstand;
    this.kreise = kreise.length;
    this.gemeinden = gemeinden.length;
  }
  free() {}
}
export function loadGv100ad(input) {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  const kreise = new Map();
  const gemeinden = [];
  let stand = null;
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    if (line.length < 150) fail('invalid_gv100ad', `gv100ad:${i + 1}`, `Zeile ${i + 1} ist zu kurz`, `Line ${i + 1} is too short`);
    const sa = line.slice(0, 2);
    const gs = line.slice(2, 10);
    stand = stand || `${gs.slice(0, 4)}-${gs.slice(4, 6)}-${gs.slice(6, 8)}`;
    const rs = line.slice(10, 22);
    const name = line.slice(22, 72).trim();
    if (sa === '40') kreise.set(rs.slice(0, 5), { ags: rs.slice(0, 5), name, population: 0 });
    if (sa === '60') {
      const pop = parseInt(line.slice(139, 150), 10) || 0;
      const ags = rs.slice(0, 5) + rs.slice(9, 12);
      gemeinden.push({ ags, name, population: pop });
      const k = kreise.get(rs.slice(0, 5));
      if (k) k.population += pop;
    }
  });
  gemeinden.sort((a, b) => (a.ags < b.ags ? -1 : 1));
  return new Dataset(stand || '', [...kreise.values()].sort((a, b) => (a.ags < b.ags ? -1 : 1)), gemeinden);
}

export function metadata() {
  return {
    version: '0.0.0-mock',
    contractVersion: 1,
    laender: LAENDER.map((l) => ({ id: l[0], iso: `DE-${l[0]}`, ags: l[1], name: { de: l[2], en: l[3] }, population: l[4] })),
    keyEditions: EDITIONS.map((e) => ({ id: e[0], year: e[1], source: `Königsteiner Schlüssel ${e[1]}` })),
    keys: [
      { id: 'ks', name: { de: 'Königsteiner Schlüssel (aktuell)', en: 'Königstein key (current)' } },
      { id: 'population', name: { de: 'Einwohner', en: 'Population' } },
      { id: 'equal', name: { de: 'Gleich je Land', en: 'Equal per Land' } },
      { id: 'usage', name: { de: 'Nutzungszahlen', en: 'Usage numbers' } },
      { id: 'targetGroup', name: { de: 'Zielgruppengröße', en: 'Target group size' } },
    ],
    models: MODEL_META.map((m) => ({ id: m[0], name: { de: m[1], en: m[2] }, description: { de: m[3], en: m[4] }, source: m[5], tranches: MODELS[m[0]].map((t) => ({ share: t.share, payers: t.payers, key: t.key })) })),
    categories: CATEGORIES.map((c) => ({ id: c[0], name: { de: c[1], en: c[2] }, source: 'IT-PLR Beschluss 2021/24' })),
    kommunenDefault: { level: 'kreis', referenceDate: '2018-12-31', source: 'landkreise-deutschland 3.0.0 (Destatis)', licence: 'CC-BY-4.0' },
    errorCodes: ['invalid_json', 'invalid_request', 'unknown_field', 'missing_field', 'invalid_year', 'invalid_amount'],
  };
}

// --- allocate ----------------------------------------------------------------------------
const REQ_FIELDS = ['year', 'costs', 'alliance', 'model', 'key', 'membership', 'rounding', 'kommunen'];
export function allocate(req, dataset) {
  if (req === null || typeof req !== 'object' || Array.isArray(req)) fail('invalid_request', '', 'Die Anfrage muss ein Objekt sein', 'The request must be an object');
  for (const k of Object.keys(req)) if (!REQ_FIELDS.includes(k)) fail('unknown_field', k, `Unbekanntes Feld: "${k}"`, `Unknown field: "${k}"`);
  if (req.year === undefined) fail('missing_field', 'year', 'Das Jahr fehlt', 'The year is missing');
  if (!Number.isInteger(req.year) || req.year < 2000 || req.year > 2100) fail('invalid_year', 'year', 'Das Jahr muss zwischen 2000 und 2100 liegen', 'The year must be between 2000 and 2100');
  const year = req.year;
  if (req.costs === undefined) fail('missing_field', 'costs', 'Die Kosten fehlen', 'The costs are missing');
  const unitR = parseDec(req.rounding?.unit ?? '0.01', 'rounding.unit', 'invalid_unit');
  const unitPlaces = (String(req.rounding?.unit ?? '0.01').split('.')[1] || '').length;
  const warnings = [];
  const toUnits = (s, path) => {
    const r = parseDec(s, path);
    if (rcmp(r, [10n ** 13n, 1n]) > 0) fail('invalid_amount', path, 'Betrag zu groß', 'Amount too large');
    const q = rdiv(r, unitR);
    if (q[1] !== 1n) fail('amount_not_multiple_of_unit', path, 'Betrag ist kein Vielfaches der Rundungseinheit', 'Amount is not a multiple of the rounding unit');
    return q[0];
  };
  const fmt = (units) => decStr(rmul([units, 1n], unitR), unitPlaces);

  // alliance
  let alliance;
  if (req.alliance === undefined || req.alliance === 'all') alliance = LAENDER.map((l) => l[0]);
  else if (Array.isArray(req.alliance)) {
    if (!req.alliance.length) fail('empty_alliance', 'alliance', 'Die Allianz ist leer', 'The alliance is empty');
    alliance = [];
    req.alliance.forEach((x, i) => {
      const id = landOf(x, `alliance[${i}]`);
      if (alliance.includes(id)) fail('duplicate_land', `alliance[${i}]`, `Land doppelt: "${x}"`, `Duplicate Land: "${x}"`);
      alliance.push(id);
    });
  } else fail('invalid_alliance', 'alliance', 'Ungültige Allianz', 'Invalid alliance');
  alliance.sort((a, b) => (landRow(a)[1] < landRow(b)[1] ? -1 : 1));

  // membership → periods
  const mem = {};
  for (const [k, v] of Object.entries(req.membership || {})) {
    const id = landOf(k, `membership.${k}`);
    if (!alliance.includes(id)) fail('not_a_member', `membership.${k}`, `${k} ist kein Mitglied der Allianz`, `${k} is not an alliance member`);
    const from = v.from ? parseDate(v.from, year, `membership.${k}.from`) : dayNum(`${year}-01-01`);
    const to = v.to ? parseDate(v.to, year, `membership.${k}.to`) : dayNum(`${year}-12-31`);
    if (to < from) fail('empty_period', `membership.${k}`, 'Die Mitgliedschaft ist leer', 'The membership is empty');
    mem[id] = { from, to };
  }
  const y0 = dayNum(`${year}-01-01`);
  const y1 = dayNum(`${year + 1}-01-01`);
  const cuts = new Set([y0, y1]);
  for (const m of Object.values(mem)) {
    cuts.add(m.from);
    cuts.add(m.to + 1);
  }
  const cs = [...cuts].filter((c) => c >= y0 && c <= y1).sort((a, b) => a - b);
  const periods = [];
  for (let i = 0; i + 1 < cs.length; i++) {
    const from = cs[i];
    const to = cs[i + 1] - 1;
    const members = alliance.filter((id) => !mem[id] || (mem[id].from <= from && mem[id].to >= to));
    periods.push({ index: i, from: dayStr(from), to: dayStr(to), days: to - from + 1, members });
  }

  // items
  let items;
  if (Array.isArray(req.costs)) {
    items = req.costs.map((c, i) => ({ category: c.category, units: toUnits(c.amount, `costs[${i}].amount`), model: c.model, key: c.key, path: `costs[${i}]` }));
  } else items = [{ category: 'gesamt', units: toUnits(req.costs, 'costs'), model: undefined, key: undefined, path: 'costs' }];

  const resolveModel = (m, path) => {
    if (m === undefined) m = 'alliance';
    if (typeof m === 'string') {
      if (!MODELS[m]) fail('unknown_model', path, `Unbekanntes Modell: "${m}"`, `Unknown model: "${m}"`);
      return { id: m, tranches: MODELS[m] };
    }
    if (m && Array.isArray(m.tranches)) {
      const sum = m.tranches.reduce((a, t, i) => radd(a, parseDec(t.share, `${path}.tranches[${i}].share`, 'invalid_ratio')), [0n, 1n]);
      if (rcmp(sum, [1n, 1n]) !== 0) fail('shares_do_not_sum_to_one', `${path}.tranches`, 'Die Anteile ergeben nicht 1', 'The shares do not sum to 1');
      return { id: 'custom', tranches: m.tranches.map((t) => ({ share: t.share, payers: t.payers, key: t.key ?? null })) };
    }
    fail('unknown_model', path, 'Unbekanntes Modell', 'Unknown model');
  };
  const reqModel = resolveModel(req.model, 'model');
  const reqKey = resolveKey(req.key, year, 'key', warnings);

  const totals = {};
  const partsOf = {};
  const outItems = [];
  const outTranches = [];
  items.forEach((it, ii) => {
    const model = it.model !== undefined ? resolveModel(it.model, `${it.path}.model`) : reqModel;
    const key = it.key !== undefined ? resolveKey(it.key, year, `${it.path}.key`, warnings) : reqKey;
    outItems.push({ index: ii, category: it.category, amount: fmt(it.units), model: model.id, key: key.id });
    const trancheSum = model.tranches.map(() => 0n);
    const pSplit = largestRemainder(it.units, periods.map((p) => [BigInt(p.days), 1n]));
    periods.forEach((p, pi) => {
      const tSplit = largestRemainder(pSplit.parts[pi], model.tranches.map((t) => parseDec(t.share)));
      model.tranches.forEach((t, ti) => {
        trancheSum[ti] += tSplit.parts[ti];
        let group;
        if (t.payers === 'bund') group = ['BUND'];
        else if (t.payers === 'all') group = LAENDER.map((l) => l[0]);
        else if (t.payers === 'alliance') group = p.members;
        else if (Array.isArray(t.payers)) group = t.payers.map((x, k) => landOf(x, `model.tranches[${ti}].payers[${k}]`));
        else fail('invalid_payers', `model.tranches[${ti}].payers`, 'Ungültige Zahler', 'Invalid payers');
        const tkey = t.key ? resolveKey(t.key, year, `model.tranches[${ti}].key`, warnings) : key;
        const gw = group[0] === 'BUND' ? [{ w: [1n, 1n], s: '1' }] : groupWeights(tkey, group);
        const gsum = gw.reduce((a, x) => radd(a, x.w), [0n, 1n]);
        const split = largestRemainder(tSplit.parts[ti], gw.map((x) => x.w));
        if (!split) {
          if (tSplit.parts[ti] > 0n) fail('zero_weights', 'key', 'Alle Gewichte sind 0', 'All weights are 0');
        }
        group.forEach((id, gi) => {
          const units = split ? split.parts[gi] : 0n;
          totals[id] = (totals[id] || 0n) + units;
          (partsOf[id] = partsOf[id] || []).push({
            item: ii, category: it.category, period: pi, tranche: ti, weight: gw[gi].s, groupWeight: rStr(gsum),
            exact: split ? decStr(rmul(split.exact[gi], unitR), 10) : '0.0000000000', amount: fmt(units),
          });
        });
      });
    });
    model.tranches.forEach((t, ti) => outTranches.push({ item: ii, index: ti, share: t.share, payers: t.payers, key: t.payers === 'bund' ? null : t.key || key.id, amount: fmt(trancheSum[ti]) }));
  });

  const ids = LAENDER.map((l) => l[0]).filter((id) => id in totals);
  if ('BUND' in totals) ids.push('BUND');
  const payers = ids.map((id) => {
    const row = landRow(id);
    return { id, kind: row ? 'land' : 'bund', name: row ? row[2] : 'Bund', ags: row ? row[1] : null, amount: fmt(totals[id]), parts: partsOf[id] };
  });
  const totalUnits = items.reduce((a, it) => a + it.units, 0n);

  const res = {
    contractVersion: 1, year, currency: 'EUR', unit: rStr(unitR), total: fmt(totalUnits),
    key: { id: reqKey.id, source: reqKey.source }, model: { id: reqModel.id, source: 'mock' },
    periods, items: outItems, tranches: outTranches, payers,
    sources: [{ id: reqKey.id, title: reqKey.source }], warnings,
  };

  if (req.kommunen) {
    const k = req.kommunen;
    const land = landOf(k.land, 'kommunen.land');
    const level = k.level ?? 'kreis';
    const payer = payers.find((p) => p.id === land);
    if (!payer) fail('not_a_payer', 'kommunen.land', 'Das Land zahlt nichts', 'The Land pays nothing');
    let list;
    let stand;
    if (level === 'gemeinde') {
      if (!dataset) fail('missing_gv100ad', 'kommunen.level', 'Für die Gemeindeebene wird eine GV100AD-Datei benötigt', 'Level "gemeinde" needs a GV100AD file');
      list = dataset._g;
      stand = dataset.gebietsstand;
    } else if (level === 'kreis') {
      list = dataset ? dataset._k : defaultKreise;
      stand = dataset ? dataset.gebietsstand : '2018-12-31';
    } else fail('invalid_request', 'kommunen.level', 'Ungültige Ebene', 'Invalid level');
    list = list.filter((x) => x.ags.startsWith(landRow(land)[1]));
    const share = parseDec(k.landShare ?? '0', 'kommunen.landShare', 'invalid_ratio');
    if (rcmp(share, [1n, 1n]) > 0) fail('invalid_ratio', 'kommunen.landShare', 'Anteil muss zwischen 0 und 1 liegen', 'Share must be between 0 and 1');
    const exempt = k.exemptBelow ?? 0;
    if (!Number.isInteger(exempt) || exempt < 0) fail('invalid_request', 'kommunen.exemptBelow', 'Ungültige Schwelle', 'Invalid threshold');
    const A = totals[land];
    const ls = largestRemainder(A, [share, R(share[1] - share[0], share[1])]) || { parts: [0n, 0n] };
    const keyK = k.key ?? 'population';
    const payersK = list.filter((x) => x.population >= exempt && (keyK !== 'population' || x.population > 0));
    const sp = largestRemainder(ls.parts[1], payersK.map((x) => [BigInt(keyK === 'equal' ? 1 : x.population), 1n]));
    const amt = new Map(payersK.map((x, i) => [x.ags, sp ? sp.parts[i] : 0n]));
    res.kommunen = {
      land, level, landAmount: fmt(A), landShare: rStr(share), landKeeps: fmt(ls.parts[0]), key: keyK, exemptBelow: exempt,
      gebietsstand: stand, source: { id: 'kommunen', title: dataset ? 'GV100AD' : 'landkreise-deutschland' },
      rows: list.map((x) => ({ ags: x.ags, name: x.name, population: x.population, amount: fmt(amt.get(x.ags) ?? 0n), exempt: !amt.has(x.ags) })),
    };
  }
  return res;
}
export { EfaError };
