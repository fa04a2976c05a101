// What <efa-plan> knows besides the DOM: where a plan comes from (a same-origin URL, a file, a
// dropped file, a property), reading it as UTF-8, its errors (coded, German and English, with a
// path), and the figures the views derive from a plan response by exact decimal sums.

import { sum, sub } from '../core/decimal.js';

/** Files above this size are refused before they are read (the engine has its own, lower limits). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** An Error carrying a code, a path and the message in both languages, like the engine's EfaError. */
export function planError(code, path, de, en) {
  return Object.assign(new Error(`${code}${path ? ` at ${path}` : ''}: ${en}`), { name: 'EfaError', code, path, messages: { de, en } });
}

/** Anything thrown on the way (an EfaError of the engine, a TypeError, a string) as a coded error. */
export function asPlanError(e) {
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    const m = e.messages || (typeof e.message === 'object' ? e.message : null) || { de: String(e.message), en: String(e.message) };
    return e instanceof Error && e.messages ? e : planError(e.code, e.path ?? '', m.de, m.en);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return planError('internal', '', `Interner Fehler: ${msg}`, `Internal error: ${msg}`);
}

/**
 * The URL of a `src` attribute, or a coded error when it leaves the page's origin (no request is
 * ever made to another origin: the portal decides what its pages load, not the plan file).
 */
export function sameOriginUrl(src, T) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    url = null;
  }
  if (!url || url.origin !== location.origin || !/^https?:$/.test(url.protocol)) {
    throw planError('plan_src_origin', 'src', T('de', 'plan.errOrigin', { src }), T('en', 'plan.errOrigin', { src }));
  }
  return url;
}

/** Fetches a same-origin plan; resolves to its bytes. */
export async function fetchPlan(src, T) {
  const url = sameOriginUrl(src, T);
  let resp;
  try {
    resp = await fetch(url, { mode: 'same-origin', credentials: 'same-origin', redirect: 'error' });
  } catch (e) {
    throw planError('plan_fetch_failed', 'src', T('de', 'plan.errFetch', { status: e?.message || 'Netzwerk', src }), T('en', 'plan.errFetch', { status: e?.message || 'network', src }));
  }
  if (!resp.ok) throw planError('plan_fetch_failed', 'src', T('de', 'plan.errFetch', { status: resp.status, src }), T('en', 'plan.errFetch', { status: resp.status, src }));
  const len = Number(resp.headers.get('content-length'));
  if (len > MAX_FILE_BYTES) throw tooLarge(len, T);
  return new Uint8Array(await resp.arrayBuffer());
}

function tooLarge(size, T) {
  const v = { size, max: MAX_FILE_BYTES };
  return planError('limit_exceeded', 'file', T('de', 'plan.errTooLarge', v), T('en', 'plan.errTooLarge', v));
}

/** Reads a File (input or drop); resolves to its bytes. */
export async function readFile(file, T) {
  if (file.size > MAX_FILE_BYTES) throw tooLarge(file.size, T);
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * The byte offset of the first byte that is not part of valid UTF-8, or -1. (TextDecoder's fatal
 * mode says only that there is one; the error must say where.)
 */
export function invalidUtf8At(b) {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
    }
    // overlong forms, surrogates, above U+10FFFF
    if ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] > 0x9f) || (c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** True for a workbook's container (ZIP: .xlsx, .ods; OLE compound file: old .xls). */
const isWorkbook = (b) => (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5)) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);

/**
 * The plan input of a file's bytes: its text when it is UTF-8 (a BOM is kept for the engine,
 * which accepts it); the bytes themselves for a workbook and for a CSV file that is not UTF-8,
 * which the engine reads as Windows-1252 with the warning csv_windows_1252 (contract 1.2) or
 * answers with a coded error; the contract's invalid_json error for a JSON file that is not UTF-8.
 */
export function decodePlan(bytes, T) {
  if (!bytes.length) throw planError('invalid_plan', 'file', T('de', 'plan.errEmpty'), T('en', 'plan.errEmpty'));
  if (isWorkbook(bytes)) return bytes;
  const bad = invalidUtf8At(bytes);
  if (bad >= 0 && !/^\s*[[{]/.test(new TextDecoder('utf-8').decode(bytes.subarray(0, Math.min(bad, 64))).replace(/^\ufeff/, ''))) return bytes;
  if (bad >= 0) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/^\ufeff/, '');
    const lines = before.split(/\r\n|\n|\r/);
    const line = lines.length;
    const column = [...lines[lines.length - 1]].length + 1;
    const json = /^\s*[[{]/.test(before);
    const v = { byte: bad + 1 };
    throw planError(json ? 'invalid_json' : 'invalid_csv', json ? '' : `csv:${line}:${column}`, T('de', 'plan.errEncoding', v), T('en', 'plan.errEncoding', v));
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** The plan object of a JSON text, or null (a CSV text, or JSON the engine will report). */
export function planObject(text) {
  if (typeof text !== 'string' || !/^\ufeff?\s*\{/.test(text)) return null;
  try {
    const v = JSON.parse(text.replace(/^\ufeff/, ''));
    return v && typeof v === 'object' && v.plan && Array.isArray(v.plan.entries) ? v.plan : null;
  } catch {
    return null;
  }
}

/**
 * The request of entry i for <efa-rechner>, from the plan as given (JSON, or a CSV line in the
 * form the engine reads it): the entry without `service` and `line`, which are plan fields.
 */
export function entryRequest(plan, i) {
  const e = plan?.entries?.[i];
  if (!e || typeof e !== 'object') return null;
  const { service, line, ...req } = e;
  return structuredClone(req);
}

// ---- figures derived from a response (exact: decimal strings summed with BigInt) ----------------

const zeroLike = (s) => s.replace(/\d/g, '0').replace(/^-/, '');

/** A payer's amount in one entry ("0.00" in the entry's unit when it is not a payer there). */
function amountIn(list, id, zero) {
  return list?.find((p) => p.id === id)?.amount ?? zero;
}

/**
 * One payer's amounts per service and year, summed over the entries: [{ service, years: {y: s},
 * total, compare?: { years, total, difference } }], services in the response's order.
 */
export function payerServices(res, id) {
  const zero = zeroLike(res.total);
  const out = [];
  for (const s of res.services) {
    const entries = res.entries.filter((e) => e.service === s.service);
    const row = { service: s.service, years: {}, total: '0' };
    const cmp = res.entries.some((e) => e.compare) ? { years: {}, total: '0' } : null;
    for (const y of res.years) {
      const inYear = entries.filter((e) => e.year === y);
      row.years[y] = sum([zero, ...inYear.map((e) => amountIn(e.payers, id, zero))]);
      if (cmp) cmp.years[y] = sum([zero, ...inYear.map((e) => amountIn(e.compare?.payers, id, zero))]);
    }
    row.total = sum([zero, ...Object.values(row.years)]);
    if (cmp) {
      cmp.total = sum([zero, ...Object.values(cmp.years)]);
      cmp.difference = sub(row.total, cmp.total);
      row.compare = cmp;
    }
    out.push(row);
  }
  return out;
}

/** Column sums of rows like those above (or of res.payers): { years, total, compare? }. */
export function columnSums(rows, years, zero) {
  const col = (f) => sum([zero, ...rows.map(f)]);
  const out = { years: {}, total: col((r) => r.total) };
  for (const y of years) out.years[y] = col((r) => r.years[y]);
  if (rows.some((r) => r.compare)) {
    out.compare = { years: {}, total: col((r) => r.compare?.total ?? zero) };
    for (const y of years) out.compare.years[y] = col((r) => r.compare?.years?.[y] ?? zero);
    out.compare.difference = sub(out.total, out.compare.total);
  }
  return out;
}

export { zeroLike };
