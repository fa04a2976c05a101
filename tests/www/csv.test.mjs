// www/core/csv.js: cells, lines and numbers for German Excel (";", decimal comma, BOM) and plain
// CSV (","), with the guard against spreadsheet formulas. Each written file is read back by a
// small RFC 4180 reader here, so quoting is checked by its effect, not only by its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BOM, cell, lines, num } from '../../www/core/csv.js';
import { random } from './random.mjs';

/** RFC 4180: fields separated by sep, "…" quotes with "" inside, records ended by CRLF. */
function read(text, sep) {
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"' && f === '') q = true;
    else if (c === sep) row.push(f), (f = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(f), rows.push(row), (row = []), (f = ''), i++;
    else f += c;
  }
  assert.equal(row.length + f.length, 0, 'the text ends with CRLF');
  return rows;
}

test('cell: quoting where a separator, quote or line break is inside', () => {
  assert.equal(cell('Hessen', ';'), 'Hessen');
  assert.equal(cell('a;b', ';'), '"a;b"');
  assert.equal(cell('a;b', ','), 'a;b');
  assert.equal(cell('a,b', ','), '"a,b"');
  assert.equal(cell('say "hi"', ','), '"say ""hi"""');
  assert.equal(cell('two\nlines', ','), '"two\nlines"');
  assert.equal(cell(null, ','), '');
  assert.equal(cell(undefined, ','), '');
  assert.equal(cell(0, ','), '0');
});

test('cell: text a spreadsheet would run as a formula stays text; negative numbers stay numbers', () => {
  for (const s of ['=1+1', '+49 611', '-A1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) assert.ok(cell(s, ';').replace(/^"/, '').startsWith("'"), s);
  assert.equal(cell('=1;2', ';'), `"'=1;2"`);
  for (const s of ['-1234', '-1234,56', '-0.5', '12']) assert.equal(cell(s, ';'), s);
});

test('lines: German Excel with BOM and ";", plain with ","', () => {
  const rows = [['Land', 'Betrag'], ['Hessen', num('1234.5', 'excel')], ['=cmd', num('-0.01', 'excel')]];
  const excel = lines(rows, 'excel');
  assert.ok(excel.startsWith(BOM));
  assert.equal(excel, `${BOM}Land;Betrag\r\nHessen;1234,5\r\n'=cmd;-0,01\r\n`);
  assert.equal(lines([['a', num('1.5', 'plain')]], 'plain'), 'a,1.5\r\n');
});

test('num: decimal strings as CSV numbers', () => {
  assert.equal(num('-1234.5', 'excel'), '-1234,5');
  assert.equal(num('-1234.5', 'plain'), '-1234.5');
  assert.equal(num('', 'excel'), '');
  assert.equal(num(null, 'excel'), '');
  assert.equal(num(undefined, 'plain'), '');
});

test('1,000 random tables read back cell for cell', () => {
  const rnd = random(0xc5f);
  const alphabet = ['a', 'Ä', ';', ',', '"', '\n', '\r\n', ' ', '=', '+', '-', '@', '1', '.', '\t'];
  for (let i = 0; i < 1000; i++) {
    const rows = Array.from({ length: rnd.int(1, 4) }, () => Array.from({ length: rnd.int(1, 4) }, () => Array.from({ length: rnd.int(0, 6) }, () => alphabet[rnd.int(0, alphabet.length - 1)]).join('')));
    for (const variant of ['excel', 'plain']) {
      const sep = variant === 'excel' ? ';' : ',';
      let text = lines(rows, variant);
      if (variant === 'excel') text = text.slice(BOM.length);
      const back = read(text, sep);
      const want = rows.map((r) => r.map((s) => (/^[=+\-@\t\r]/.test(s) && !/^-?\d+([.,]\d+)?$/.test(s) ? `'${s}` : s)));
      assert.deepEqual(back, want, JSON.stringify(rows));
    }
  }
});
