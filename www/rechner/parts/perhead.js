// Euro per inhabitant, exactly (BigInt, never a binary float): a Kommune's amount divided by its
// population, rounded half up to the cent, or to a hundredth of a cent where it is below one cent
// (a small share spread over many people). Shared by the Kommune table, its CSV and the finder.

import { scaled, toStr, scaleOf } from '../../core/decimal.js';

/** "12345.67", 167029 -> "0.07"; null without inhabitants. */
export function perInhabitant(amount, population) {
  const pop = BigInt(population || 0);
  if (pop <= 0n) return null;
  const s = scaleOf(amount);
  const units = scaled(amount, s);
  const den = pop * 10n ** BigInt(s);
  let q = 0n;
  for (const d of [2, 4]) {
    q = (units * 10n ** BigInt(d) * 2n + den) / (2n * den);
    if (q > 0n || units === 0n || d === 4) return toStr(q, d);
  }
  return toStr(q, 4);
}
