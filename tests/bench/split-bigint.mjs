// The careful baseline: an exact largest-remainder split in plain JavaScript with BigInt.
// Contract arithmetic (../../../shared/contract/README.md): each part's exact value is N·wᵢ/Σw;
// each gets the floor; the units left over go one each to the parts with the largest remainders
// (compared exactly as N·wᵢ mod Σw); equal remainders go to the earlier part.
// Inputs are what a page has: decimal strings for money and weights, Numbers for populations.

/** "1234.5" → 123450n at scale 2. Assumes a plain non-negative decimal with ≤ scale decimals. */
export function parseUnits(s, scale) {
  const dot = s.indexOf('.');
  if (dot < 0) return BigInt(s + '0'.repeat(scale));
  return BigInt(s.slice(0, dot) + s.slice(dot + 1).padEnd(scale, '0'));
}

/** 123450n → "1234.50" at scale 2. */
export function formatUnits(u, scale = 2) {
  const s = u.toString().padStart(scale + 1, '0');
  return s.slice(0, -scale) + '.' + s.slice(-scale);
}

const decimals = (s) => {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

/** Splits `units` (BigInt) over BigInt weights; returns BigInt amounts that add up to `units`. */
export function largestRemainder(units, weights) {
  const n = weights.length;
  let sum = 0n;
  for (let i = 0; i < n; i++) sum += weights[i];
  const out = new Array(n);
  if (sum === 0n) return out.fill(0n);
  const rem = new Array(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const p = units * weights[i];
    const q = p / sum;
    out[i] = q;
    rem[i] = p - q * sum;
    given += q;
  }
  const left = Number(units - given);
  if (left > 0) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => (rem[a] > rem[b] ? -1 : rem[a] < rem[b] ? 1 : a - b));
    for (let k = 0; k < left; k++) out[idx[k]] += 1n;
  }
  return out;
}

/** One Land's amount (decimal string) over its Kommunen (population Numbers, AGS order). */
export function splitAmount(amount, populations) {
  const units = parseUnits(amount, 2);
  const w = new Array(populations.length);
  for (let i = 0; i < w.length; i++) w[i] = BigInt(populations[i]);
  return largestRemainder(units, w).map((u) => formatUnits(u));
}

/**
 * The side-by-side baseline for the Kommune level: what a page would build without the engine,
 * the same row objects as the engine's `rows` format (AGS, name, population, amount as a decimal
 * string, exempt) from arrays it prepared itself. Every Kommune pays (as in the benchmark's
 * requests: population key, no threshold, no Kommune without inhabitants).
 */
export function splitRows(amount, ags, names, populations) {
  const units = parseUnits(amount, 2);
  const n = populations.length;
  const w = new Array(n);
  for (let i = 0; i < n; i++) w[i] = BigInt(populations[i]);
  const a = largestRemainder(units, w);
  const rows = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = { ags: ags[i], name: names[i], population: populations[i], amount: formatUnits(a[i]), exempt: w[i] === 0n };
  return rows;
}

/**
 * A three-tranche model like itplr-2023-35: tranche 0 over the alliance by `weights`, tranche 1
 * to the Bund, tranche 2 over all Länder by `weights`. `weights` are decimal strings in AGS
 * order, `alliance` indices into them (ascending = lower AGS first). Returns 16 Land amounts and
 * the Bund's, as decimal strings.
 */
export function itplr({ total, shares, weights, alliance }) {
  const units = parseUnits(total, 2);
  const ss = Math.max(...shares.map(decimals));
  const t = largestRemainder(units, shares.map((s) => parseUnits(s, ss)));
  const ks = Math.max(...weights.map(decimals));
  const w = weights.map((s) => parseUnits(s, ks));
  const a = largestRemainder(t[0], alliance.map((i) => w[i]));
  const all = largestRemainder(t[2], w);
  alliance.forEach((li, j) => (all[li] += a[j]));
  const out = all.map((u) => formatUnits(u));
  out.push(formatUnits(t[1]));
  return out;
}
