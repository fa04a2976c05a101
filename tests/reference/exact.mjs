// Exact arithmetic for the reference implementation: decimals and rationals on BigInt.
// Nothing here ever touches a binary float; that is the whole reason this module exists.

/** A checked error in the shape the engine throws: `{ code, path }`. */
export class ContractError extends Error {
  constructor(code, path, detail = '') {
    super(`${code} at ${path}${detail ? `: ${detail}` : ''}`);
    this.code = code;
    this.path = path;
  }
}

export const fail = (code, path, detail) => {
  throw new ContractError(code, path, detail);
};

// ---------------------------------------------------------------- decimals

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal given as a string or a JSON number.
 * Returns `{ int, scale }` meaning int / 10^scale, with `scale` = the decimals as written
 * (trailing zeros count: "0.10" has scale 2). Returns null when the text is not a plain decimal
 * or is negative, so each caller can raise its own error code.
 */
export function parseDecimal(value) {
  let text;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) {
    // A JSON integer is exact; a JS number with a fraction is accepted only in its
    // shortest round-trip spelling (what a JSON text with that number most likely said).
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return null;
    text = String(value);
  } else return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  return { int: BigInt(m[1] + frac), scale: frac.length };
}

/** Formats a BigInt count of 10^-scale as a decimal string with exactly `scale` decimals. */
export function formatScaled(int, scale) {
  const neg = int < 0n;
  let digits = (neg ? -int : int).toString();
  if (scale === 0) return (neg ? '-' : '') + digits;
  digits = digits.padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export const pow10 = (k) => 10n ** BigInt(k);

// ---------------------------------------------------------------- rationals

const abs = (a) => (a < 0n ? -a : a);

export function gcd(a, b) {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export const lcm = (a, b) => (a === 0n || b === 0n ? 0n : abs(a / gcd(a, b) * b));

/** A rational n/d in lowest terms with d > 0. */
export function rat(n, d = 1n) {
  n = BigInt(n);
  d = BigInt(d);
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);
export const add = (a, b) => rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a, b) => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a, b) => rat(a.n * b.n, a.d * b.d);
export const div = (a, b) => rat(a.n * b.d, a.d * b.n);
export const cmp = (a, b) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isZero = (a) => a.n === 0n;
export const sum = (xs) => xs.reduce(add, ZERO);

/** A parsed decimal as a rational. */
export const decimalToRat = ({ int, scale }) => rat(int, pow10(scale));

// ---------------------------------------------------------------- largest remainder

/**
 * Splits `units` (a non-negative BigInt) over `weights` (rationals >= 0, in the stated order) by
 * the largest remainder method. Each part's exact value is units·wᵢ/Σw; each gets the floor; the
 * units left over go one each to the largest fractional remainders, ties to the earlier part.
 *
 * The weights are brought to one common denominator, so all remainders share the denominator Σw
 * and compare exactly as integers. Returns null when all weights are zero (callers decide).
 */
export function largestRemainder(units, weights) {
  const den = weights.reduce((l, w) => lcm(l, w.d), 1n);
  const ints = weights.map((w) => w.n * (den / w.d));
  const total = ints.reduce((s, w) => s + w, 0n);
  if (total === 0n) return null;
  const parts = ints.map((w) => (units * w) / total);
  const rems = ints.map((w) => (units * w) % total);
  let left = units - parts.reduce((s, p) => s + p, 0n);
  // Stable order: larger remainder first, then the earlier index.
  const order = rems
    .map((_, i) => i)
    .sort((i, j) => (rems[i] > rems[j] ? -1 : rems[i] < rems[j] ? 1 : i - j));
  for (const i of order) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts;
}
