// Exact decimal helpers on strings, with BigInt. Money never passes through a binary float here;
// Number() is used by the chart for bar lengths only.

const DEC = /^-?\d+(\.\d+)?$/;

export function isDecimal(s) {
  return typeof s === 'string' && DEC.test(s);
}

/** "12.5" -> { v: 125n, scale: 1 } */
export function parse(s) {
  if (!isDecimal(s)) throw new Error(`not a decimal: ${s}`);
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(i + f);
  return { v: neg ? -v : v, scale: f.length };
}

export function scaled(s, scale) {
  const p = parse(s);
  if (p.scale > scale) throw new Error(`too many decimals: ${s}`);
  return p.v * 10n ** BigInt(scale - p.scale);
}

export function toStr(v, scale) {
  const neg = v < 0n;
  let a = (neg ? -v : v).toString();
  if (scale > 0) {
    a = a.padStart(scale + 1, '0');
    a = `${a.slice(0, -scale)}.${a.slice(-scale)}`;
  }
  return neg ? `-${a}` : a;
}

export function scaleOf(s) {
  return parse(s).scale;
}

/** Sum of decimal strings, with the largest scale among them. */
export function sum(list) {
  const scale = Math.max(0, ...list.map(scaleOf));
  return toStr(list.reduce((a, s) => a + scaled(s, scale), 0n), scale);
}

export function sub(a, b) {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  return toStr(scaled(a, scale) - scaled(b, scale), scale);
}

export function cmp(a, b) {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const x = scaled(a, scale) - scaled(b, scale);
  return x < 0n ? -1 : x > 0n ? 1 : 0;
}

export function isZero(a) {
  return parse(a).v === 0n;
}

/** a / b * 100 rounded half up to `places` decimals, as a decimal string ("0" when b is 0). */
export function percentOf(a, b, places = 2) {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const x = scaled(a, scale);
  const y = scaled(b, scale);
  if (y === 0n) return toStr(0n, places);
  const num = x * 100n * 10n ** BigInt(places);
  const neg = num < 0n !== y < 0n;
  const n = num < 0n ? -num : num;
  const d = y < 0n ? -y : y;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return toStr(neg ? -q : q, places);
}

/** Multiply by 10^n exactly (n may be negative), normalised: "50" shifted by -2 is "0.5". */
export function shift(s, n) {
  const p = parse(s);
  let v = p.v;
  let scale = p.scale - n;
  if (scale < 0) {
    v *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalize(toStr(v, scale));
}

/** Strip leading zeros of the integer part and trailing zeros of the fraction: "007.500" -> "7.5". */
export function normalize(s) {
  const neg = s.startsWith('-');
  let [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  i = i.replace(/^0+(?=\d)/, '');
  f = f.replace(/0+$/, '');
  const out = f ? `${i}.${f}` : i;
  return neg && out !== '0' ? `-${out}` : out;
}
