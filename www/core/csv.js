// Writing CSV cells and lines (German Excel: ";" with decimal comma and a UTF-8 BOM, or plain ","
// with decimal point). Shared by the calculator's exports (export.js) and the plan element's.

export const BOM = '\ufeff';

export function cell(v, sep) {
  let s = v === null || v === undefined ? '' : String(v);
  // spreadsheet formula injection: text starting with = + - @ (or a control char) stays text
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s)) s = `'${s}`;
  if (s.includes(sep) || /["\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function lines(rows, variant) {
  const sep = variant === 'excel' ? ';' : ',';
  const text = rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join('\r\n') + '\r\n';
  return variant === 'excel' ? BOM + text : text;
}

/** A decimal string as a CSV number: "-1234.5" -> "-1234,5" (excel) or unchanged (plain). */
export const num = (s, variant) => (s === '' || s === null || s === undefined ? '' : variant === 'excel' ? String(s).replace('.', ',') : String(s));
