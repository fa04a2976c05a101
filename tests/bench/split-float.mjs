// The speed floor: plain Number arithmetic, each part Math.round(N·wᵢ/Σw) in cents. Not exact:
// the parts need not add up to the total, and a cent can go to the wrong part.

const format = (c) => (c / 100).toFixed(2);

export function splitAmount(amount, populations) {
  const units = Math.round(Number(amount) * 100);
  const n = populations.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += populations[i];
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = format(Math.round((units * populations[i]) / sum));
  return out;
}

export function itplr({ total, shares, weights, alliance }) {
  const units = Math.round(Number(total) * 100);
  const t = shares.map((s) => Math.round(units * Number(s)));
  const w = weights.map(Number);
  let sa = 0;
  for (const i of alliance) sa += w[i];
  let s = 0;
  for (const x of w) s += x;
  const cents = w.map((x) => Math.round((t[2] * x) / s));
  for (const i of alliance) cents[i] += Math.round((t[0] * w[i]) / sa);
  const out = cents.map(format);
  out.push(format(t[1]));
  return out;
}
