// The Länder facts, transcribed by hand from ../shared/domain/efa-financing.md (not from the
// engine's sources: this copy must stay independent). KS values are percent with 5 decimals,
// stored as integers in units of 10^-5 percent; only ratios matter, so the scale never shows.

const ROWS = [
  // code, AGS, name, KS 2014, KS 2015, KS 2016, KS 2019, population 31.12.2024
  ['SH', '01', 'Schleswig-Holstein', 338791, 340337, 339074, 340578, 2959517],
  ['HH', '02', 'Hamburg', 252738, 252968, 255752, 260343, 1862565],
  ['NI', '03', 'Niedersachsen', 935696, 932104, 933138, 939533, 8004489],
  ['HB', '04', 'Bremen', 94097, 95688, 95331, 95379, 704881],
  ['NW', '05', 'Nordrhein-Westfalen', 2124052, 2121010, 2114424, 2107592, 18034454],
  ['HE', '06', 'Hessen', 731557, 735890, 739885, 743709, 6280793],
  ['RP', '07', 'Rheinland-Pfalz', 483472, 483710, 483089, 481848, 4129569],
  ['BW', '08', 'Baden-Württemberg', 1297496, 1286456, 1296662, 1304061, 11245898],
  ['BY', '09', 'Bayern', 1533048, 1551873, 1553327, 1556072, 13248928],
  ['SL', '10', 'Saarland', 121566, 122173, 121111, 119827, 1012141],
  ['BE', '11', 'Berlin', 504557, 504927, 508324, 518995, 3685265],
  ['BB', '12', 'Brandenburg', 308092, 306053, 303655, 302987, 2556747],
  ['MV', '13', 'Mecklenburg-Vorpommern', 204165, 202906, 201240, 198045, 1573597],
  ['SN', '14', 'Sachsen', 510067, 508386, 505577, 498208, 4042422],
  ['ST', '15', 'Sachsen-Anhalt', 285771, 283068, 279941, 269612, 2135597],
  ['TH', '16', 'Thüringen', 274835, 272451, 269470, 263211, 2100277],
];

export const KS_EDITIONS = [2014, 2015, 2016, 2019];

/** The 16 Länder in ascending AGS order (which is also the payer order of every response). */
export const LAENDER = ROWS.map(([code, ags, name, k14, k15, k16, k19, population]) => ({
  code,
  ags,
  iso: `DE-${code}`,
  name,
  ks: { 2014: BigInt(k14), 2015: BigInt(k15), 2016: BigInt(k16), 2019: BigInt(k19) },
  population: BigInt(population),
}));

const BY_NAME = new Map();
for (const land of LAENDER) {
  for (const alias of [land.code, land.iso, land.ags]) BY_NAME.set(alias.toUpperCase(), land);
}

/** Finds a Land by code ("BY"), ISO code ("DE-BY") or AGS ("09"), any case; undefined if none. */
export const findLand = (name) =>
  typeof name === 'string' ? BY_NAME.get(name.toUpperCase()) : undefined;

/** The KS edition the plain key "ks" means in `year`: newest not after it, KS 2014 before 2014. */
export function ksEditionFor(year) {
  const usable = KS_EDITIONS.filter((e) => e <= year);
  return usable.length ? usable[usable.length - 1] : KS_EDITIONS[0];
}
