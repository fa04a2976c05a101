// Seeded generator of random, valid requests for differential testing.
// Deterministic: the same seed gives the same request on every machine. The PRNG (mulberry32)
// runs on 32-bit integers only and every draw is an integer, so no float ever decides anything.

import { defaultKreise } from './kreise-default.mjs';

const LAND_ROWS = [
  ['SH', '01'], ['HH', '02'], ['NI', '03'], ['HB', '04'], ['NW', '05'], ['HE', '06'],
  ['RP', '07'], ['BW', '08'], ['BY', '09'], ['SL', '10'], ['BE', '11'], ['BB', '12'],
  ['MV', '13'], ['SN', '14'], ['ST', '15'], ['TH', '16'],
];
const CODES = LAND_ROWS.map(([c]) => c);
const AGS_OF = Object.fromEntries(LAND_ROWS);
const CATEGORIES = ['betrieb', 'weiterentwicklung', 'plattform', 'nutzung', 'infrastruktur', 'support'];
const UNITS = [['0.01', 2], ['1', 0], ['0.05', 2], ['0.0001', 4], ['100', 0]]; // [text, decimals]

// ---------------------------------------------------------------- PRNG

export class Rng {
  constructor(seed) {
    this.state = Number(BigInt.asUintN(32, BigInt(seed) * 2654435761n + 0x9e3779b9n));
  }

  /** mulberry32: the next uint32. */
  u32() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [lo, hi] (small ranges; the modulo bias is irrelevant for testing). */
  int(lo, hi) { return lo + (this.u32() % (hi - lo + 1)); }

  /** A BigInt in [lo, hi], any size. */
  big(lo, hi) {
    const span = hi - lo + 1n;
    let r = 0n;
    for (let bits = 0n; (1n << bits) < span * 1024n; bits += 32n) r = (r << 32n) | BigInt(this.u32());
    return lo + (r % span);
  }

  /** True with probability percent/100. */
  chance(percent) { return this.int(0, 99) < percent; }
  pick(list) { return list[this.int(0, list.length - 1)]; }

  /** Picks from [[weight, value], ...]. */
  weighted(table) {
    let r = this.int(0, table.reduce((s, [w]) => s + w, 0) - 1);
    for (const [w, v] of table) { if (r < w) return v; r -= w; }
    throw new Error('unreachable');
  }

  shuffle(list) {
    const a = list.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }

  /** k distinct elements in random order. */
  sample(list, k) { return this.shuffle(list).slice(0, k); }
}

// ---------------------------------------------------------------- small makers

/** A Land's name in a random spelling: code, ISO or AGS, in random case. */
export function landName(rng, code) {
  const base = rng.pick([code, `DE-${code}`, AGS_OF[code]]);
  return rng.weighted([
    [5, base],
    [2, base.toLowerCase()],
    [1, [...base].map((ch) => (rng.chance(50) ? ch.toLowerCase() : ch)).join('')],
  ]);
}

const digits = (rng, n) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

/** A non-negative decimal with up to 6 decimals, as text; zero in about one case of eight. */
function randomDecimal(rng) {
  if (rng.chance(12)) return rng.pick(['0', '0.0', '0.000000']);
  const int = rng.weighted([[3, '0'], [4, String(rng.int(1, 99))], [3, String(rng.big(1n, 10n ** 9n))]]);
  const dec = rng.int(0, 6);
  let text = dec ? `${int}.${digits(rng, dec)}` : int;
  if (/^0(\.0*)?$/.test(text)) text = `${int}.${'0'.repeat(Math.max(dec - 1, 0))}1`;
  return text;
}

const isZeroText = (t) => /^0(\.0*)?$/.test(t);

/** k positive decimal shares that sum to exactly 1 (cut points on a grid of 10^-d). */
function sharesSummingToOne(rng, k) {
  if (k === 1) return [rng.pick(['1', '1.0', '1.000'])];
  let d = rng.int(1, 4);
  while (10 ** d < k + 1) d += 1;
  const grid = 10 ** d;
  const cuts = new Set();
  while (cuts.size < k - 1) cuts.add(rng.int(1, grid - 1));
  const points = [0, ...[...cuts].sort((a, b) => a - b), grid];
  return points.slice(1).map((p, i) => {
    const s = String(p - points[i]).padStart(d + 1, '0');
    return `${s.slice(0, -d)}.${s.slice(-d)}`;
  });
}

// ---------------------------------------------------------------- keys

/**
 * A key slot collects the payer groups (lists of codes) its key will be applied to, so that the
 * key can be made valid for all of them once the whole request is known.
 */
const newSlot = () => ({ groups: [] });

/** A random key whose weights are nonzero within every group in `groups`. */
function randomKey(rng, groups, depth = 0) {
  const kind = rng.weighted([
    [4, 'ks'], [2, 'edition'], [3, 'population'], [2, 'equal'], [6, 'given'], [depth ? 0 : 3, 'mix'],
  ]);
  switch (kind) {
    case 'ks': return 'ks';
    case 'edition': return rng.pick(['ks-2014', 'ks-2015', 'ks-2016', 'ks-2019']);
    case 'population': case 'equal': return kind;
    case 'given': {
      const field = rng.pick(['weights', 'usage', 'targetGroup']);
      const weights = {};
      for (const code of rng.sample(CODES, rng.int(1, 16))) weights[code] = randomDecimal(rng);
      // Never all zero in a group: give one member of each dead group a positive weight.
      const live = (code) => weights[code] !== undefined && !isZeroText(weights[code]);
      for (const group of [CODES, ...groups]) {
        if (!group.some(live)) weights[rng.pick(group)] = String(rng.int(1, 5000));
      }
      const named = {};
      for (const [code, w] of Object.entries(weights)) named[landName(rng, code)] = w;
      return { [field]: named };
    }
    case 'mix': {
      const n = rng.int(2, 4);
      return { mix: sharesSummingToOne(rng, n).map((weight) => ({ key: randomKey(rng, groups, depth + 1), weight })) };
    }
    default: throw new Error('unreachable');
  }
}

// ---------------------------------------------------------------- membership

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A random day of `year` as [day of year (0-based), 'YYYY-MM-DD']; edges now and then. */
function randomDate(rng, year) {
  const md = monthDays(year);
  const total = md.reduce((s, d) => s + d, 0);
  let doy = rng.weighted([[1, 0], [1, total - 1], [1, isLeap(year) ? 59 : 58], [10, rng.int(0, total - 1)]]);
  const picked = doy;
  let m = 0;
  while (doy >= md[m]) doy -= md[m++];
  const text = `${year}-${String(m + 1).padStart(2, '0')}-${String(doy + 1).padStart(2, '0')}`;
  return [picked, text];
}

/**
 * Random memberships for some alliance members, redrawn until every day of the year has at
 * least one member (every period then has a member, since periods never split a member's span).
 * Returns { membership, groups }: groups = the distinct member sets over the days of the year.
 */
function randomMembership(rng, year, alliance) {
  const total = monthDays(year).reduce((s, d) => s + d, 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    const spans = new Map();
    const membership = {};
    for (const code of rng.sample(alliance, rng.int(1, Math.min(4, alliance.length)))) {
      const entry = {};
      let from = 0;
      let to = total - 1;
      const shape = rng.int(0, 9);
      if (shape < 4) [from, entry.from] = randomDate(rng, year);
      else if (shape < 7) [to, entry.to] = randomDate(rng, year);
      else {
        let [a, at] = randomDate(rng, year);
        let [b, bt] = randomDate(rng, year);
        if (a > b) [a, at, b, bt] = [b, bt, a, at];
        [from, entry.from, to, entry.to] = [a, at, b, bt];
      }
      spans.set(code, [from, to]);
      membership[landName(rng, code)] = entry;
    }
    const sets = new Map();
    let covered = true;
    for (let day = 0; day < total && covered; day++) {
      const members = alliance.filter((c) => !spans.has(c) || (spans.get(c)[0] <= day && day <= spans.get(c)[1]));
      if (members.length === 0) covered = false;
      sets.set(members.join(','), members);
    }
    if (covered) return { membership, groups: [...sets.values()] };
  }
  return { membership: null, groups: [alliance] };
}

// ---------------------------------------------------------------- models

/** A custom model: tranches with shares summing to exactly 1, each maybe with its own key slot. */
function randomCustomModel(rng, hasAlliance) {
  const n = rng.int(1, 4);
  const shares = sharesSummingToOne(rng, n);
  return {
    tranches: shares.map((share) => {
      const payers = rng.weighted([
        [hasAlliance ? 4 : 0, 'alliance'], [3, 'all'], [2, 'bund'],
        [3, rng.sample(CODES, rng.int(1, 16)).map((c) => landName(rng, c))],
      ]);
      const slot = payers !== 'bund' && rng.chance(50) ? newSlot() : null;
      return { share, payers, slot };
    }),
  };
}

function randomModel(rng, hasAlliance) {
  return rng.weighted([
    [hasAlliance ? 4 : 0, 'alliance'], [hasAlliance ? 4 : 0, 'itplr-2023-35'], [2, 'fitko'],
    [4, 'custom'], [hasAlliance ? 1 : 0, undefined],
  ]);
}

// ---------------------------------------------------------------- the request

/** A random valid request for `seed` (any safe integer). */
export function generateRequest(seed) {
  const rng = new Rng(seed);
  const year = rng.weighted([[8, rng.int(2012, 2027)], [2, rng.int(2000, 2100)]]);

  const hasAlliance = rng.chance(92);
  let alliance = null;
  let allianceField;
  if (hasAlliance) {
    if (rng.chance(10)) {
      alliance = CODES;
      allianceField = 'all';
    } else {
      const k = rng.weighted([[3, rng.int(1, 4)], [3, rng.int(5, 15)], [1, 16]]);
      const chosen = rng.sample(CODES, k);
      alliance = CODES.filter((c) => chosen.includes(c));
      allianceField = chosen.map((c) => landName(rng, c));
    }
  }
  const { membership, groups: allianceGroups } = hasAlliance && rng.chance(30)
    ? randomMembership(rng, year, alliance)
    : { membership: null, groups: hasAlliance ? [alliance] : [] };

  const [unit, unitDecimals] = rng.weighted([[12, UNITS[0]], [2, UNITS[1]], [2, UNITS[2]], [2, UNITS[3]], [1, UNITS[4]]]);
  const unitInt = BigInt(unit.replace('.', ''));
  const maxUnits = 10n ** BigInt(13 + unitDecimals) / unitInt;

  // Models are built first as data with key slots; the keys are drawn once their groups are known.
  const buildModel = (m) => (m === 'custom' ? randomCustomModel(rng, hasAlliance) : m);
  const requestModel = buildModel(randomModel(rng, hasAlliance));
  const requestSlot = rng.chance(75) ? newSlot() : null; // null: the default "ks"

  const amount = () => {
    const units = rng.weighted([
      [2, 0n],
      [8, unit === '0.01' ? rng.big(1n, 100n) : rng.big(1n, 1000n)],
      [20, rng.big(1n, 10n ** 9n)],
      [4, rng.big(1n, maxUnits)],
      [1, maxUnits],
    ]);
    const text = (units * unitInt).toString().padStart(unitDecimals + 1, '0');
    const decimal = unitDecimals ? `${text.slice(0, -unitDecimals)}.${text.slice(-unitDecimals)}` : text;
    const asNumber = !unitDecimals && units * unitInt <= BigInt(Number.MAX_SAFE_INTEGER) && rng.chance(30);
    return asNumber ? Number(decimal) : decimal;
  };

  const itemCount = rng.chance(45) ? 0 : rng.int(1, 5); // 0: one plain `costs` amount
  const items = Array.from({ length: itemCount }, (_, i) => ({
    category: CATEGORIES[i % CATEGORIES.length],
    amount: amount(),
    model: rng.chance(30) ? buildModel(randomModel(rng, hasAlliance)) : undefined,
    slot: rng.chance(40) ? newSlot() : undefined,
  }));
  const single = itemCount === 0 ? amount() : null;

  // Record which groups each key slot is applied to, and which Länder pay anything at all.
  const payerLaender = new Set();
  const useModel = (model, slot) => {
    const effective = model ?? requestModel ?? 'alliance';
    const tranches = typeof effective === 'string'
      ? { alliance: [['alliance', true]], 'itplr-2023-35': [['alliance', true], ['bund'], ['all']], fitko: [['bund'], ['all']] }[effective]
        .map(([payers, usesKey]) => ({ payers, slot: usesKey ? undefined : null }))
      : effective.tranches;
    for (const t of tranches) {
      if (t.payers === 'bund') continue;
      const groups = t.payers === 'alliance' ? allianceGroups
        : t.payers === 'all' ? [CODES]
          : [t.payers.map((n) => CODES.find((c) => [c, `DE-${c}`, AGS_OF[c]].includes(n.toUpperCase())))];
      for (const g of groups) g.forEach((c) => payerLaender.add(c));
      const s = t.slot === null && typeof effective === 'string' ? null : (t.slot ?? slot);
      if (s) s.groups.push(...groups);
    }
  };
  if (itemCount === 0) useModel(undefined, requestSlot);
  for (const it of items) useModel(it.model, it.slot ?? requestSlot);

  const keyOf = (slot) => randomKey(rng, slot.groups);
  const modelJson = (m) => (typeof m === 'string' || m === undefined ? m : {
    tranches: m.tranches.map((t) => ({ share: t.share, payers: t.payers, ...(t.slot ? { key: keyOf(t.slot) } : {}) })),
  });

  const request = { year };
  request.costs = itemCount === 0 ? single : items.map((it) => ({
    category: it.category,
    amount: it.amount,
    ...(it.model !== undefined ? { model: modelJson(it.model) } : {}),
    ...(it.slot ? { key: keyOf(it.slot) } : {}),
  }));
  if (allianceField !== undefined) request.alliance = allianceField;
  if (requestModel !== undefined) request.model = modelJson(requestModel);
  if (requestSlot) request.key = keyOf(requestSlot);
  if (membership) request.membership = membership;
  if (unit !== '0.01' || rng.chance(20)) request.rounding = { unit };
  if (payerLaender.size > 0 && rng.chance(30)) request.kommunen = randomKommunen(rng, [...payerLaender]);
  return request;
}

/** A Kommune block at Kreis level (default data) for a Land that is a payer. */
function randomKommunen(rng, payerLaender) {
  const code = rng.pick(payerLaender);
  const block = { land: landName(rng, code) };
  if (rng.chance(50)) block.level = 'kreis';
  const share = rng.weighted([[2, undefined], [2, '0'], [1, '1'], [2, '0.5'], [6, `0.${digits(rng, rng.int(1, 4))}`]]);
  if (share !== undefined) block.landShare = share;
  const key = rng.weighted([[1, undefined], [2, 'population'], [2, 'equal']]);
  if (key !== undefined) block.key = key;
  // Never exempt every Kreis: the threshold stays at or below the Land's largest population.
  const largest = Math.max(...defaultKreise().filter((k) => k.ags.startsWith(AGS_OF[code])).map((k) => k.population));
  const exempt = rng.weighted([[2, undefined], [1, 0], [4, rng.int(1, largest)], [1, largest]]);
  if (exempt !== undefined) block.exemptBelow = exempt;
  return block;
}
