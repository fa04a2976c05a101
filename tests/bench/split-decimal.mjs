// The same exact largest-remainder split with decimal.js (arbitrary-precision decimals).
import { Decimal as BaseDecimal } from 'decimal.js';

// Integer products of amounts ≤ 10¹³ (in cents ≤ 10¹⁵) and weights of ≤ 20 digits fit easily.
const D = BaseDecimal.clone({ precision: 64, rounding: BaseDecimal.ROUND_DOWN });
const HUNDRED = new D(100);

export function largestRemainder(units, weights) {
  const n = weights.length;
  let sum = new D(0);
  for (let i = 0; i < n; i++) sum = sum.plus(weights[i]);
  const out = new Array(n);
  if (sum.isZero()) return out.fill(new D(0));
  const rem = new Array(n);
  let given = new D(0);
  for (let i = 0; i < n; i++) {
    const p = units.times(weights[i]);
    const q = p.divToInt(sum);
    out[i] = q;
    rem[i] = p.minus(q.times(sum));
    given = given.plus(q);
  }
  const left = units.minus(given).toNumber();
  if (left > 0) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => rem[b].cmp(rem[a]) || a - b);
    for (let k = 0; k < left; k++) out[idx[k]] = out[idx[k]].plus(1);
  }
  return out;
}

const format = (u) => u.div(HUNDRED).toFixed(2);

export function splitAmount(amount, populations) {
  const units = new D(amount).times(HUNDRED);
  const w = new Array(populations.length);
  for (let i = 0; i < w.length; i++) w[i] = new D(populations[i]);
  return largestRemainder(units, w).map(format);
}

export function itplr({ total, shares, weights, alliance }) {
  const units = new D(total).times(HUNDRED);
  const t = largestRemainder(units, shares.map((s) => new D(s)));
  const w = weights.map((s) => new D(s));
  const a = largestRemainder(t[0], alliance.map((i) => w[i]));
  const all = largestRemainder(t[2], w);
  alliance.forEach((li, j) => (all[li] = all[li].plus(a[j])));
  const out = all.map(format);
  out.push(format(t[1]));
  return out;
}
