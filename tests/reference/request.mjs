// Reads and checks a request (contract version 1) into a resolved plan for allocate.mjs.
// Validation covers a reasonable subset of the contract's error codes; what matters most is that
// every valid request is read exactly as the contract says.

import { LAENDER, findLand, ksEditionFor, KS_EDITIONS } from './laender.mjs';
import {
  fail, parseDecimal, decimalToRat, rat, add, cmp, ONE, ZERO, pow10,
} from './exact.mjs';

const MAX_AMOUNT = pow10(13);
const REQUEST_FIELDS = ['year', 'costs', 'alliance', 'model', 'key', 'membership', 'rounding', 'kommunen'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function onlyFields(obj, allowed, path) {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) fail('unknown_field', path ? `${path}.${k}` : k);
  }
}

function land(name, path) {
  const l = findLand(name);
  if (!l) fail('unknown_land', path, JSON.stringify(name));
  return l;
}

/** A list of Land names → Länder in ascending AGS order (duplicates in any spelling refused). */
function landList(names, path, emptyCode) {
  if (!Array.isArray(names)) fail('invalid_request', path);
  if (names.length === 0) fail(emptyCode, path);
  const seen = new Set();
  names.forEach((n, i) => {
    const l = land(n, `${path}[${i}]`);
    if (seen.has(l.code)) fail('duplicate_land', `${path}[${i}]`);
    seen.add(l.code);
  });
  return LAENDER.filter((l) => seen.has(l.code));
}

/** A ratio in [0, 1] as a rational. */
function ratio(value, path) {
  const d = parseDecimal(value);
  if (!d) fail('invalid_ratio', path);
  const r = decimalToRat(d);
  if (cmp(r, ONE) > 0) fail('invalid_ratio', path);
  return r;
}

// ---------------------------------------------------------------- money and unit

function readUnit(rounding) {
  if (rounding === undefined) return { int: 1n, scale: 2 };
  if (!isObject(rounding)) fail('invalid_request', 'rounding');
  onlyFields(rounding, ['unit'], 'rounding');
  if (rounding.unit === undefined) return { int: 1n, scale: 2 };
  const u = parseDecimal(rounding.unit);
  // The unit's decimals as written decide how every amount is printed ("0.05" → 2 decimals).
  if (!u || u.int === 0n || u.scale > 4) fail('invalid_amount', 'rounding.unit');
  return u;
}

/** An amount as a whole number of rounding units. */
function readAmount(value, unit, path) {
  const a = parseDecimal(value);
  if (!a) fail('invalid_amount', path);
  if (a.int > MAX_AMOUNT * pow10(a.scale)) fail('invalid_amount', path, 'above 10^13');
  // amount / unit = (a.int / 10^a.scale) / (unit.int / 10^unit.scale)
  const num = a.int * pow10(unit.scale);
  const den = unit.int * pow10(a.scale);
  if (num % den !== 0n) fail('amount_not_multiple_of_unit', path);
  return num / den;
}

// ---------------------------------------------------------------- keys

const GIVEN_KEYS = ['weights', 'usage', 'targetGroup'];

/**
 * A key as data: { kind: 'ks', edition } | { kind: 'population' } | { kind: 'equal' } |
 * { kind: 'given', weights: Map(code → rational) } | { kind: 'mix', parts: [{ key, weight }] }.
 */
export function readKey(key, year, path, warnings) {
  if (typeof key === 'string') {
    if (key === 'ks') {
      if (year < KS_EDITIONS[0]) warnings.push(`KS 2014 used for ${year}`);
      return { kind: 'ks', edition: ksEditionFor(year) };
    }
    const m = /^ks-(\d{4})$/.exec(key);
    if (m && KS_EDITIONS.includes(Number(m[1]))) return { kind: 'ks', edition: Number(m[1]) };
    if (key === 'population' || key === 'equal') return { kind: key };
    fail('unknown_key', path, key);
  }
  if (!isObject(key)) fail('unknown_key', path);
  const fields = Object.keys(key);
  if (fields.length !== 1) fail('unknown_key', path);
  const [field] = fields;
  if (GIVEN_KEYS.includes(field)) {
    const given = key[field];
    if (!isObject(given)) fail('invalid_weight', `${path}.${field}`);
    const weights = new Map();
    for (const [name, value] of Object.entries(given)) {
      const l = land(name, `${path}.${field}.${name}`);
      if (weights.has(l.code)) fail('duplicate_land', `${path}.${field}.${name}`);
      const d = parseDecimal(value);
      if (!d) fail('invalid_weight', `${path}.${field}.${name}`);
      weights.set(l.code, decimalToRat(d));
    }
    return { kind: 'given', weights };
  }
  if (field === 'mix') {
    const mix = key.mix;
    if (!Array.isArray(mix) || mix.length === 0) fail('unknown_key', `${path}.mix`);
    let total = ZERO;
    const parts = mix.map((part, i) => {
      const p = `${path}.mix[${i}]`;
      if (!isObject(part)) fail('unknown_key', p);
      onlyFields(part, ['key', 'weight'], p);
      if (part.key === undefined) fail('missing_field', `${p}.key`);
      if (part.weight === undefined) fail('missing_field', `${p}.weight`);
      const d = parseDecimal(part.weight);
      if (!d) fail('invalid_weight', `${p}.weight`);
      const weight = decimalToRat(d);
      total = add(total, weight);
      return { key: readKey(part.key, year, `${p}.key`, warnings), weight };
    });
    if (cmp(total, ONE) !== 0) fail('invalid_weight', `${path}.mix`, 'part weights must sum to 1');
    return { kind: 'mix', parts };
  }
  fail('unknown_key', path);
}

// ---------------------------------------------------------------- models

const PAYER_WORDS = ['alliance', 'all', 'bund'];

/** A model as a list of tranches { share, payers: {kind, laender?}, key }. */
function readModel(model, key, year, path, warnings) {
  const ks = { kind: 'ks', edition: ksEditionFor(year) };
  const tranche = (share, kind, k) => ({ share, payers: { kind }, key: k });
  if (model === 'alliance') return [tranche(ONE, 'alliance', key)];
  // "all 16 Länder by KS": the plain KS of the year, whatever the request's key says.
  if (model === 'itplr-2023-35') {
    return [tranche(rat(1n, 2n), 'alliance', key), tranche(rat(1n, 4n), 'bund', null), tranche(rat(1n, 4n), 'all', ks)];
  }
  if (model === 'fitko') return [tranche(rat(1n, 4n), 'bund', null), tranche(rat(3n, 4n), 'all', ks)];
  if (!isObject(model)) fail('unknown_model', path);
  onlyFields(model, ['tranches'], path);
  const list = model.tranches;
  if (!Array.isArray(list) || list.length === 0) fail('unknown_model', `${path}.tranches`);
  let total = ZERO;
  const tranches = list.map((t, i) => {
    const p = `${path}.tranches[${i}]`;
    if (!isObject(t)) fail('unknown_model', p);
    onlyFields(t, ['share', 'payers', 'key'], p);
    if (t.share === undefined) fail('missing_field', `${p}.share`);
    if (t.payers === undefined) fail('missing_field', `${p}.payers`);
    const share = ratio(t.share, `${p}.share`);
    total = add(total, share);
    let payers;
    if (PAYER_WORDS.includes(t.payers)) payers = { kind: t.payers };
    else if (Array.isArray(t.payers)) payers = { kind: 'list', laender: landList(t.payers, `${p}.payers`, 'invalid_payers') };
    else fail('invalid_payers', `${p}.payers`);
    const k = t.key === undefined ? key : readKey(t.key, year, `${p}.key`, warnings);
    return { share, payers, key: payers.kind === 'bund' ? null : k };
  });
  if (cmp(total, ONE) !== 0) fail('shares_do_not_sum_to_one', `${path}.tranches`);
  return tranches;
}

// ---------------------------------------------------------------- membership and periods

/** Days since 1970-01-01 of a proleptic Gregorian date (integer arithmetic, no Date objects). */
export function dayNumber(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function readDate(text, year, path) {
  const m = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (!m) fail('invalid_date', path);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const nextMonth = mo === 12 ? dayNumber(y + 1, 1, 1) : dayNumber(y, mo + 1, 1);
  if (mo < 1 || mo > 12 || d < 1 || d > nextMonth - dayNumber(y, mo, 1)) fail('invalid_date', path);
  if (y !== year) fail('date_outside_year', path);
  return dayNumber(y, mo, d);
}

/** membership → Map(code → { from, to }) as inclusive day numbers. */
function readMembership(membership, alliance, year, path) {
  const spans = new Map();
  if (membership === undefined) return spans;
  if (!isObject(membership)) fail('invalid_request', path);
  const first = dayNumber(year, 1, 1);
  const last = dayNumber(year, 12, 31);
  for (const [name, entry] of Object.entries(membership)) {
    const p = `${path}.${name}`;
    const l = land(name, p);
    if (!alliance || !alliance.some((a) => a.code === l.code)) fail('not_a_member', p);
    if (spans.has(l.code)) fail('duplicate_land', p);
    if (!isObject(entry)) fail('invalid_request', p);
    onlyFields(entry, ['from', 'to'], p);
    const from = entry.from === undefined ? first : readDate(entry.from, year, `${p}.from`);
    const to = entry.to === undefined ? last : readDate(entry.to, year, `${p}.to`);
    if (to < from) fail('invalid_date', `${p}.to`, '"to" before "from"');
    spans.set(l.code, { from, to });
  }
  return spans;
}

/**
 * The periods of the year: cut at every `from` and at the day after every `to` (both bounds are
 * inclusive days). Each period lists the alliance members whose membership covers all of it.
 */
function periodsOf(year, alliance, spans) {
  const first = dayNumber(year, 1, 1);
  const end = dayNumber(year + 1, 1, 1); // exclusive
  const cuts = new Set([first]);
  for (const { from, to } of spans.values()) {
    cuts.add(from);
    if (to + 1 < end) cuts.add(to + 1);
  }
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((start, i) => {
    const stop = i + 1 < starts.length ? starts[i + 1] : end; // exclusive
    const members = (alliance ?? []).filter((l) => {
      const s = spans.get(l.code);
      return !s || (s.from <= start && s.to >= stop - 1);
    });
    return { start, days: BigInt(stop - start), members };
  });
}

// ---------------------------------------------------------------- Kommunen

function readKommunen(k, path) {
  if (k === undefined) return null;
  if (!isObject(k)) fail('invalid_request', path);
  onlyFields(k, ['land', 'level', 'landShare', 'key', 'exemptBelow'], path);
  if (k.land === undefined) fail('missing_field', `${path}.land`);
  const l = land(k.land, `${path}.land`);
  const level = k.level ?? 'kreis';
  if (level !== 'kreis' && level !== 'gemeinde') fail('invalid_request', `${path}.level`);
  const landShare = k.landShare === undefined ? ZERO : ratio(k.landShare, `${path}.landShare`);
  const key = k.key ?? 'population';
  if (key !== 'population' && key !== 'equal') fail('unknown_key', `${path}.key`);
  let exemptBelow = 0n;
  if (k.exemptBelow !== undefined) {
    const d = parseDecimal(k.exemptBelow);
    if (!d || d.scale !== 0) fail('invalid_request', `${path}.exemptBelow`);
    exemptBelow = d.int;
  }
  return { land: l, level, landShare, key, exemptBelow };
}

// ---------------------------------------------------------------- the request

/**
 * Checks a request and resolves it into
 * { year, unit, items: [{ category, units, tranches }], periods, kommunen, warnings }.
 */
export function readRequest(req) {
  if (!isObject(req)) fail('invalid_request', '');
  onlyFields(req, REQUEST_FIELDS, '');
  for (const f of ['year', 'costs']) if (req[f] === undefined) fail('missing_field', f);
  const year = req.year;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail('invalid_year', 'year');
  const warnings = [];
  const unit = readUnit(req.rounding);

  let alliance = null;
  if (req.alliance === 'all') alliance = LAENDER.slice();
  else if (Array.isArray(req.alliance)) alliance = landList(req.alliance, 'alliance', 'empty_alliance');
  else if (req.alliance !== undefined) fail('invalid_alliance', 'alliance');

  const key = readKey(req.key ?? 'ks', year, 'key', warnings);
  const model = req.model ?? 'alliance';

  const rawItems = Array.isArray(req.costs)
    ? req.costs.map((item, i) => ({ item, path: `costs[${i}]` }))
    : [{ item: { category: 'gesamt', amount: req.costs }, path: 'costs', single: true }];
  if (rawItems.length === 0) fail('invalid_request', 'costs');
  const items = rawItems.map(({ item, path, single }) => {
    if (!isObject(item)) fail('invalid_request', path);
    onlyFields(item, ['category', 'amount', 'model', 'key'], path);
    if (item.amount === undefined) fail('missing_field', `${path}.amount`);
    if (typeof item.category !== 'string') fail('missing_field', `${path}.category`);
    const units = readAmount(item.amount, unit, single ? path : `${path}.amount`);
    const itemKey = item.key === undefined ? key : readKey(item.key, year, `${path}.key`, warnings);
    const tranches = item.model === undefined
      ? readModel(model, itemKey, year, 'model', warnings)
      : readModel(item.model, itemKey, year, `${path}.model`, warnings);
    if (!alliance && tranches.some((t) => t.payers.kind === 'alliance')) fail('missing_field', 'alliance');
    return { category: item.category, units, tranches };
  });

  const spans = readMembership(req.membership, alliance, year, 'membership');
  const periods = periodsOf(year, alliance, spans);
  const usesAlliance = items.some((it) => it.tranches.some((t) => t.payers.kind === 'alliance'));
  if (usesAlliance && periods.some((p) => p.members.length === 0)) fail('empty_period', 'membership');

  return { year, unit, alliance, items, periods, kommunen: readKommunen(req.kommunen, 'kommunen'), warnings, keyId: keyId(key) };
}

function keyId(key) {
  if (key.kind === 'ks') return `ks-${key.edition}`;
  return key.kind;
}
