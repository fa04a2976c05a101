// dinero.js 2 `allocate` (Number calculator). Its leftover rule differs from the contract's: the
// units left over go to the parts with the largest *ratios*, not the largest remainders, so some
// cents land elsewhere. Ratios are passed as integers (decimal strings with the point removed):
// scaled ratios would make dinero raise the amount's scale and overflow 2^53 in its products.
import { dinero, allocate, add, toDecimal } from 'dinero.js';
import { EUR } from 'dinero.js/currencies';

const decimals = (s) => {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};
/** "2.60343" at scale 5 → 260343 (a Number; exact while below 2^53). */
const intAt = (s, scale) => {
  const dot = s.indexOf('.');
  return dot < 0 ? Number(s + '0'.repeat(scale)) : Number(s.slice(0, dot) + s.slice(dot + 1).padEnd(scale, '0'));
};
const money = (amount) => dinero({ amount: intAt(amount, 2), currency: EUR });

export function splitAmount(amount, populations) {
  return allocate(money(amount), populations).map((d) => toDecimal(d));
}

export function itplr({ total, shares, weights, alliance }) {
  const ss = Math.max(...shares.map(decimals));
  const t = allocate(money(total), shares.map((s) => intAt(s, ss)));
  const ks = Math.max(...weights.map(decimals));
  const w = weights.map((s) => intAt(s, ks));
  const a = allocate(t[0], alliance.map((i) => w[i]));
  const all = allocate(t[2], w);
  alliance.forEach((li, j) => (all[li] = add(all[li], a[j])));
  const out = all.map((d) => toDecimal(d));
  out.push(toDecimal(t[1]));
  return out;
}
