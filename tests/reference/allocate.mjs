// Independent reference implementation of the allocation contract, version 1
// (../shared/contract/README.md), for differential testing against the Rust engine.
// Money is counted in whole rounding units as BigInt; weights are exact rationals.

import { LAENDER } from './laender.mjs';
import { readRequest } from './request.mjs';
import { defaultGemeinden, defaultKreise } from './kreise-default.mjs';
import {
  fail, rat, add, mul, div, sum, isZero, ZERO, ONE, sub, largestRemainder, formatScaled,
} from './exact.mjs';

const BUND = { code: 'BUND', kind: 'bund', name: 'Bund' };

// ---------------------------------------------------------------- keys

/** One Land's raw weight under a non-mix key. */
function rawWeight(key, land) {
  switch (key.kind) {
    case 'ks': return rat(land.ks[key.edition]);
    case 'population': return rat(land.population);
    case 'equal': return ONE;
    case 'given': return key.weights.get(land.code) ?? ZERO;
    default: throw new Error(`no raw weight for ${key.kind}`);
  }
}

/**
 * The weights of `group` (Länder in AGS order) under `key`, restricted to the group. A mix
 * normalises each part within the group first, then combines the parts by their weights.
 */
export function groupWeights(key, group, path) {
  if (key.kind !== 'mix') {
    const w = group.map((l) => rawWeight(key, l));
    if (isZero(sum(w))) fail('zero_weights', path);
    return w;
  }
  let combined = group.map(() => ZERO);
  for (const part of key.parts) {
    const w = groupWeights(part.key, group, path);
    const total = sum(w);
    combined = combined.map((c, i) => add(c, mul(part.weight, div(w[i], total))));
  }
  if (isZero(sum(combined))) fail('zero_weights', path);
  return combined;
}

// ---------------------------------------------------------------- the three splits

/** The payers of a tranche in one period, in AGS order (the Bund alone for "bund"). */
function trancheGroup(tranche, period, alliance) {
  switch (tranche.payers.kind) {
    case 'bund': return [BUND];
    case 'all': return LAENDER;
    case 'list': return tranche.payers.laender;
    case 'alliance': return period ? period.members : alliance;
    default: throw new Error('unreachable');
  }
}

/** Splits every item over periods, tranches and payers; returns Map(code → units). */
function splitItems(plan) {
  const totals = new Map();
  const credit = (code, units) => totals.set(code, (totals.get(code) ?? 0n) + units);
  // Every payer of any tranche's group appears, even with 0 (the alliance as a whole counts).
  for (const item of plan.items) {
    for (const t of item.tranches) for (const p of trancheGroup(t, null, plan.alliance)) credit(p.code, 0n);
  }
  const days = plan.periods.map((p) => rat(p.days));
  plan.items.forEach((item, i) => {
    const perPeriod = largestRemainder(item.units, days);
    plan.periods.forEach((period, pi) => {
      const perTranche = largestRemainder(perPeriod[pi], item.tranches.map((t) => t.share));
      item.tranches.forEach((t, ti) => {
        const group = trancheGroup(t, period, plan.alliance);
        const weights = t.payers.kind === 'bund' ? [ONE] : groupWeights(t.key, group, `costs[${i}]`);
        const amounts = largestRemainder(perTranche[ti], weights);
        group.forEach((payer, k) => credit(payer.code, amounts[k]));
      });
    });
  });
  return totals;
}

/**
 * The Kommune level: the Land's units split into what it keeps (weight landShare) and what its
 * Kommunen pay (1 − landShare), ties to the Land; the Kommunen's part over the Kommunen that are
 * not exempt (population ≥ exemptBelow, and > 0 under the population key), ties by lower AGS.
 */
function splitKommunen(units, spec, dataset) {
  let all;
  if (spec.level === 'gemeinde') {
    all = dataset?.gemeinden ?? defaultGemeinden();
  } else {
    all = dataset?.kreise ?? defaultKreise();
  }
  const rows = all
    .filter((k) => k.ags.startsWith(spec.land.ags))
    .map((k) => ({ ags: k.ags, name: k.name, population: BigInt(k.population) }))
    .sort((a, b) => (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0));
  const [keeps, passed] = largestRemainder(units, [spec.landShare, sub(ONE, spec.landShare)]);
  const payers = rows.filter((r) => r.population >= spec.exemptBelow
    && (spec.key === 'equal' || r.population > 0n));
  const amounts = new Map();
  if (payers.length > 0) {
    const weights = payers.map((r) => (spec.key === 'equal' ? ONE : rat(r.population)));
    largestRemainder(passed, weights).forEach((a, i) => amounts.set(payers[i].ags, a));
  } else if (passed > 0n) {
    // The contract leaves this open; refusing is the only reading that loses no money.
    fail('zero_weights', 'kommunen.exemptBelow');
  }
  return { keeps, rows: rows.map((r) => ({ ...r, units: amounts.get(r.ags) ?? 0n })) };
}

// ---------------------------------------------------------------- the response

/**
 * allocate(request, { kommunen }) → response, or throws a ContractError { code, path }.
 * `kommunen` is an optional dataset { kreise: [{ ags, name, population }], gemeinden: [...] | null };
 * without it both levels use the built-in tables (src/data/, Destatis GV100AD 30.11.2025).
 */
export function allocate(request, { kommunen: dataset } = {}) {
  const plan = readRequest(request);
  const money = (units) => formatScaled(units * plan.unit.int, plan.unit.scale);
  const totals = splitItems(plan);

  const order = [...LAENDER, BUND].filter((p) => totals.has(p.code));
  const payers = order.map((p) => ({
    id: p.code,
    kind: p.kind ?? 'land',
    name: p.name,
    ...(p.ags ? { ags: p.ags } : {}),
    amount: money(totals.get(p.code)),
  }));
  const response = {
    year: plan.year,
    currency: 'EUR',
    total: money(plan.items.reduce((s, it) => s + it.units, 0n)),
    key: { id: plan.keyId },
    payers,
    warnings: plan.warnings,
  };
  if (plan.kommunen) {
    const spec = plan.kommunen;
    if (!totals.has(spec.land.code)) fail('not_a_payer', 'kommunen.land');
    const k = splitKommunen(totals.get(spec.land.code), spec, dataset);
    response.kommunen = {
      land: spec.land.code,
      landKeeps: money(k.keeps),
      rows: k.rows.map((r) => ({ ags: r.ags, name: r.name, population: Number(r.population), amount: money(r.units) })),
    };
  }
  return response;
}
