// Reading the form: its controls -> a contract request and the errors of what was typed, with
// messages in both languages. A pure function of the controls' values (value, checked,
// validity.badInput: the DOM's inputs, or any objects with those properties) and of what the form
// keeps besides them (metadata, language, request parts it cannot show), so that it runs and is
// tested without a page (tests/www/form-read.test.mjs).

import { t, both } from '../i18n.js';
import { parseNumber } from '../../core/format.js';
import { shift, cmp, normalize } from '../../core/decimal.js';

export const KEY_TABLES = ['usage', 'targetGroup', 'weights'];
const MAX_AMOUNT = '10000000000000';

/** The ids of the Länder ticked in the alliance, in the order of meta.laender. */
export const membersOf = (c, laender) => laender.filter((l) => c.lands[l.id].checked).map((l) => l.id);

/**
 * Reads the controls `c` (year, modeItems, costs, items[category], lands[id], model, key,
 * kv[id], from[id], to[id], kOn, kLand, kGemeinde, kShare, kKey, kExempt) of a form for `meta`
 * in `lang`. `extras`: request parts the form cannot show, sent unchanged (alliance, model, key,
 * membership, rounding, unknown); `itemExtras`: per category, other fields of that cost item.
 * Returns { request, errors }. Errors: { field, code, path, messages: {de, en}, required }.
 * `messages` is worked out when it is read: read it only after loadLang('en') (the English
 * texts are loaded on demand).
 */
export function readRequest(c, { meta, lang, extras, itemExtras }) {
  const laender = meta.laender;
  const errors = [];
  const label = (key) => (lang) => t(lang, key);
  // a value in vars: a string, { de, en }, or a function of the language
  const push = (field, code, path, msgKey, vars = {}, extra = {}) => {
    const fill = (lang) => {
      const out = {};
      for (const [k, v] of Object.entries(vars)) out[k] = typeof v === 'function' ? v(lang) : typeof v === 'object' ? v[lang] : v;
      return out;
    };
    errors.push({
      field,
      code,
      path,
      get messages() {
        return both(msgKey, fill('de'), fill('en'));
      },
      ...extra,
    });
  };
  const unit = extras.rounding?.unit;
  const maxDecimals = typeof unit === 'string' && /^\d+(\.\d+)?$/.test(unit) ? (unit.split('.')[1] || '').length : 2;
  const amount = (input, field, path, name) => {
    const r = parseNumber(input.value, lang, { maxDecimals });
    if (r.empty) return { empty: true };
    if (r.error === 'negative') push(field, 'invalid_amount', path, 'errAmountNegative', { field: name });
    else if (r.error === 'decimals') push(field, 'amount_not_multiple_of_unit', path, 'errAmountDecimals', { field: name, n: maxDecimals });
    else if (r.error) push(field, 'invalid_amount', path, 'errAmountFormat', { field: name });
    else if (cmp(r.value, MAX_AMOUNT) > 0) push(field, 'invalid_amount', path, 'errAmountTooLarge', { field: name });
    else return { value: r.value };
    return { error: true };
  };

  const req = {};
  // year
  const y = parseNumber(c.year.value, lang, { integer: true });
  if (y.empty) push('year', 'missing_field', 'year', 'errRequired', { field: { de: 'das Wirtschaftsjahr', en: 'the financial year' } }, { required: true });
  else if (y.error || Number(y.value) < 2000 || Number(y.value) > 2100) push('year', 'invalid_year', 'year', 'errYear');
  else req.year = Number(y.value);

  // costs
  const catName = (cat) => ({ de: cat.name.de, en: cat.name.en || cat.name.de });
  if (c.modeItems.checked) {
    const items = [];
    let bad = false;
    for (const cat of meta.categories) {
      const r = amount(c.items[cat.id], `item:${cat.id}`, `costs[${items.length}].amount`, catName(cat));
      if (r.error) bad = true;
      if (r.value !== undefined) items.push({ category: cat.id, amount: r.value, ...(itemExtras[cat.id] || {}) });
    }
    if (!items.length && !bad) push('items', 'missing_field', 'costs', 'errItemsEmpty', {}, { required: true });
    req.costs = items;
  } else {
    const r = amount(c.costs, 'costs', 'costs', label('costsLabel'));
    if (r.empty) push('costs', 'missing_field', 'costs', 'errRequired', { field: label('fieldCosts') }, { required: true });
    else if (r.value !== undefined) req.costs = r.value;
  }

  // alliance
  const members = membersOf(c, laender);
  if (extras.alliance !== undefined) req.alliance = extras.alliance;
  else if (!members.length) push('alliance', 'empty_alliance', 'alliance', 'errAlliance');
  else req.alliance = members.length === laender.length ? 'all' : members;

  // model
  req.model = c.model.value === '__custom' ? extras.model : c.model.value;

  // key
  const kv = c.key.value;
  if (kv === '__custom') req.key = extras.key;
  else if (KEY_TABLES.includes(kv)) {
    const table = {};
    const showAll = c.model.value === '__custom';
    for (const l of laender) {
      if (!showAll && !members.includes(l.id)) continue;
      const r = parseNumber(c.kv[l.id].value, lang, {});
      if (r.empty) continue;
      if (r.error) push(`keyval:${l.id}`, 'invalid_weight', `key.${kv}.${l.id}`, 'errNumber', { field: { de: l.name.de, en: l.name.en || l.name.de } });
      else table[l.id] = r.value;
    }
    req.key = { [kv]: table };
  } else req.key = kv;

  // membership
  const membership = { ...(extras.membership || {}) };
  for (const id of members) {
    const entry = {};
    for (const [which, input] of [['from', c.from[id]], ['to', c.to[id]]]) {
      if (!input) continue; // (rows not built: no dates)
      if (input.validity && input.validity.badInput) {
        const l = laender.find((x) => x.id === id);
        push(`${which}:${id}`, 'invalid_date', `membership.${id}.${which}`, 'errDate', {
          field: (lang) => `${l.name[lang] || l.name.de}, ${t(lang, which === 'from' ? 'memberFrom' : 'memberTo')}`,
        });
      } else if (input.value) entry[which] = input.value;
    }
    if (Object.keys(entry).length) membership[id] = entry;
  }
  if (Object.keys(membership).length) req.membership = membership;
  if (extras.rounding !== undefined) req.rounding = extras.rounding;

  // kommunen
  if (c.kOn.checked) {
    const k = { land: c.kLand.value, level: c.kGemeinde.checked ? 'gemeinde' : 'kreis' };
    const share = parseNumber(c.kShare.value, lang, {});
    if (share.empty) k.landShare = '0';
    else if (share.error || cmp(share.value, '100') > 0) push('kshare', 'invalid_ratio', 'kommunen.landShare', 'errPercent', { field: label('kShare') });
    else k.landShare = normalize(shift(share.value, -2));
    k.key = c.kKey.value;
    const ex = parseNumber(c.kExempt.value, lang, { integer: true });
    if (ex.empty) k.exemptBelow = 0;
    else if (ex.error || ex.value.length > 12) push('kexempt', 'invalid_request', 'kommunen.exemptBelow', 'errInteger', { field: label('kExempt') });
    else k.exemptBelow = Number(ex.value);
    req.kommunen = k;
  }
  if (extras.unknown) Object.assign(req, extras.unknown);
  return { request: req, errors };
}
