// The plan reference (plan.mjs, plan-csv.mjs) against the contract's plan examples, the CSV rules
// of contract 1.1 one by one, and self-checks of the plan generator.
// Run: node --test tests/reference/   (part of `make test-node`)
// The examples are read from tests/fixtures/plan/ (copies) and, where ../shared is present, from
// the contract itself; the copies must equal the originals.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { allocatePlan } from './plan.mjs';
import { readPlanCsv } from './plan-csv.mjs';
import { generatePlan } from './plan-generate.mjs';

const own = new URL('../fixtures/plan/', import.meta.url);
const shared = new URL('../../../shared/contract/plan-examples/', import.meta.url);
const hasShared = existsSync(shared);
const EXAMPLES = [
  ['11-plan-portfolio.json', '11-plan-portfolio.expected.json'],
  ['12-plan-german.csv', '12-plan-german.expected.json'],
];

/** What the expected files list: years, total, payers (years, total, compare), services, lines. */
function project(r) {
  return {
    years: r.years,
    total: r.total,
    payers: r.payers.map((p) => ({ id: p.id, years: p.years, total: p.total, ...(p.compare ? { compare: p.compare } : {}) })),
    services: r.services,
    lines: r.lines,
  };
}

const attempt = (f) => {
  try {
    return f();
  } catch (e) {
    if (!e.code) throw e;
    return { error: { code: e.code, path: e.path } };
  }
};

for (const [input, expected] of EXAMPLES) {
  test(`plan example ${input} (own copy) gives its expected totals`, () => {
    const text = readFileSync(new URL(input, own), 'utf8');
    const want = JSON.parse(readFileSync(new URL(expected, own), 'utf8'));
    assert.deepEqual(project(allocatePlan(text)), want);
    // The same file as bytes, and a JSON plan also as an object.
    assert.deepEqual(project(allocatePlan(new Uint8Array(readFileSync(new URL(input, own))))), want);
    if (input.endsWith('.json')) assert.deepEqual(project(allocatePlan(JSON.parse(text))), want);
  });
  test(`plan example ${input}: the own copy equals ../shared`, { skip: !hasShared && `../shared is absent (looked for ${shared.pathname})` }, () => {
    for (const f of [input, expected]) assert.equal(readFileSync(new URL(f, own), 'utf8'), readFileSync(new URL(f, shared), 'utf8'), f);
  });
}

test('example 11: Hessen\'s sentence of issue 13 and the fokus ceiling warning', () => {
  const r = allocatePlan(readFileSync(new URL('11-plan-portfolio.json', own), 'utf8'));
  const he = r.payers.find((p) => p.id === 'HE');
  assert.deepEqual([he.total, he.compare.total, he.compare.difference], ['313924.88', '485615.44', '-171690.56']);
  assert.equal(r.title, 'Drei Dienste, zwei Jahre');
  assert.deepEqual(r.warnings.map((w) => [w.code, w.path, w.year]), [['ceiling_exceeded', 'plan.ceilings.fokus', 2026]]);
  // Every entry in the response, in plan order, with its comparison.
  assert.deepEqual(r.entries.map((e) => [e.index, e.service, e.line, e.year, e.total]), [
    [0, 'Wohngeld', 'fokus', 2025, '1200000.00'], [1, 'Wohngeld', 'fokus', 2026, '1350000.00'],
    [2, 'Elterngeld', 'fokus', 2026, '900000.00'], [3, 'Baugenehmigung', 'foederal', 2025, '375000.00'],
    [4, 'Baugenehmigung', undefined, 2026, '410000.00']]);
  assert.ok(r.entries.every((e) => e.compare.payers.length > 0));
});

// ---------------------------------------------------------------- CSV rules of contract 1.1

const HEADER = 'Dienst;Jahr;Kosten;Allianz';
const csv = (...lines) => lines.join('\n');

test('CSV: German numbers in a ; file, plain numbers in a , file', () => {
  const semi = readPlanCsv(csv(HEADER, 'A;2025;1.200.000,00;BY', 'B;2025;850.000;BY', 'C;2025;850000,5;BY', 'D;2025;0,01;BY'));
  assert.deepEqual(semi.plan.entries.map((e) => e.costs), ['1200000.00', '850000', '850000.5', '0.01']);
  const comma = readPlanCsv(csv('service,year,costs,alliance', 'A,2025,1200000.00,BY', 'B,2025,850000,BY'));
  assert.deepEqual(comma.plan.entries.map((e) => e.costs), ['1200000.00', '850000']);
});

test('CSV: an amount in the other form is invalid_amount at the entry, never guessed', () => {
  for (const [text, index] of [
    [csv(HEADER, 'A;2025;1,00;BY', 'B;2025;12.50;BY'), 1], // "12.50" in a ; file: 1250 or 12.5?
    [csv(HEADER, 'A;2025;1.20.000;BY'), 0],
    [csv('Dienst,Jahr,Kosten,Allianz', 'A,2025,"1.200.000,00",BY'), 0],
    [csv(HEADER, 'A;2025;-5;BY'), 0],
  ]) {
    assert.deepEqual(attempt(() => allocatePlan(text)), { error: { code: 'invalid_amount', path: `plan.entries[${index}].costs` } }, text);
  }
});

test('CSV: header names German or English, any case, any order; optional columns', () => {
  const a = allocatePlan(csv('KOSTEN;jahr;Service;Alliance', '1.000,00;2025;A;BY HE'));
  const b = allocatePlan(csv('service,costs,year,allianz,linie,modell,schlüssel', 'A,1000.00,2025,BY HE,,,'));
  assert.deepEqual(project(a), project(b));
});

test('CSV: BOM, CRLF, blank lines, quotes with "" and separators inside quotes', () => {
  const text = '\uFEFFDienst;Jahr;Kosten;Allianz\r\n\r\n"Kfz; ""online""";2025;"1.000,00";BY\r\n\r\n';
  const r = allocatePlan(text);
  assert.deepEqual(r.services.map((s) => s.service), ['Kfz; "online"']);
  assert.equal(r.total, '1000.00');
});

test('CSV: Allianz by spaces, by , in a ; file, or alle/all', () => {
  const entries = readPlanCsv(csv(HEADER, 'A;2025;1;BY HE', 'B;2025;1;BY,HE', 'C;2025;1;BY, he', 'D;2025;1;alle', 'E;2025;1;All')).plan.entries;
  assert.deepEqual(entries.map((e) => e.alliance), [['BY', 'HE'], ['BY', 'HE'], ['BY', 'he'], 'all', 'all']);
  // In a , file a comma is the separator, so the list is by spaces only ("BY,HE" is one name).
  assert.deepEqual(readPlanCsv(csv('Dienst,Jahr,Kosten,Allianz', 'A,2025,1,"BY,HE"')).plan.entries[0].alliance, ['BY,HE']);
});

test('CSV: an entry\'s errors carry the entry path (file order), syntax errors csv:LINE:COLUMN', () => {
  const cases = [
    [csv(HEADER, 'A;2025;1;BY', 'B;2025;1;BY XX'), 'unknown_land', 'plan.entries[1].alliance[1]'],
    [csv('Dienst;Jahr;Kosten;Allianz;Linie', 'A;2025;1;BY;bund'), 'invalid_line', 'plan.entries[0].line'],
    [csv('Dienst;Jahr;Kosten;Allianz;Modell', 'A;2025;1;BY;solidar'), 'unknown_model', 'plan.entries[0].model'],
    [csv(HEADER, 'A;zwanzig;1;BY'), 'invalid_year', 'plan.entries[0].year'],
    [csv(HEADER, ';2025;1;BY'), 'missing_field', 'plan.entries[0].service'],
    [csv(HEADER, 'A;2025;1;BY', '"B;2025;1;BY'), 'invalid_csv', 'csv:3:1'],
    [csv(HEADER, 'A;2025;"1;BY'), 'invalid_csv', 'csv:2:3'],
    [csv('Dienst;Jahr;Allianz', 'A;2025;BY'), 'invalid_csv', 'csv:1:4'],
    [csv('Dienst;Jahr;Betrag;Allianz', 'A;2025;1;BY'), 'invalid_csv', 'csv:1:3'],
    [csv('Dienst;Jahr;Kosten;Dienst', 'A;2025;1;B'), 'invalid_csv', 'csv:1:4'],
    [csv(HEADER, 'A;2025;1;BY;x'), 'invalid_csv', 'csv:2:5'],
    [csv(HEADER), 'invalid_plan', 'plan.entries'],
    ['', 'invalid_csv', 'csv:1:1'],
  ];
  for (const [text, code, path] of cases) assert.deepEqual(attempt(() => allocatePlan(text)), { error: { code, path } }, text);
});

test('CSV: Windows-1252 bytes are invalid_csv at the line and column of the first bad byte', () => {
  const bytes = Buffer.concat([Buffer.from('Dienst;Jahr;Kosten;Allianz\nA;2025;1;BY\nEinb'), Buffer.from([0xfc]), Buffer.from('rgerung;2025;1;BY\n')]);
  assert.deepEqual(attempt(() => allocatePlan(new Uint8Array(bytes))), { error: { code: 'invalid_csv', path: 'csv:3:1' } });
  // The same file decoded as UTF-8 by a browser (U+FFFD) is refused the same way.
  assert.deepEqual(attempt(() => allocatePlan(new TextDecoder().decode(bytes))), { error: { code: 'invalid_csv', path: 'csv:3:1' } });
  // Header in Windows-1252 ("Schlüssel"): line 1, column 5.
  const header = Buffer.concat([Buffer.from('Dienst;Jahr;Kosten;Allianz;Schl'), Buffer.from([0xfc]), Buffer.from('ssel\nA;2025;1;BY;ks\n')]);
  assert.deepEqual(attempt(() => allocatePlan(new Uint8Array(header))), { error: { code: 'invalid_csv', path: 'csv:1:5' } });
});

test('CSV: rows of empty cells and padded cells are blank, a lone CR ends a line, cells are taken as written', () => {
  const r = allocatePlan('Dienst;Linie;Jahr;Kosten;Allianz;\r A ;fokus;2025;1.000,00;BY; \r ; ;;;\r;;;;;\r" B ";;2025;1;HE;;\r');
  assert.deepEqual(r.entries.map((e) => [e.service, e.line, e.total]), [[' A ', 'fokus', '1000.00'], [' B ', undefined, '1.00']]);
  assert.deepEqual(attempt(() => allocatePlan(csv('Dienst;Linie;Jahr;Kosten;Allianz', 'A; fokus;2025;1;BY'))), { error: { code: 'invalid_line', path: 'plan.entries[0].line' } });
  assert.deepEqual(attempt(() => allocatePlan(csv('Dienst;;Jahr;Kosten;Allianz', 'A;x;2025;1;BY'))), { error: { code: 'invalid_csv', path: 'csv:2:2' } });
  assert.deepEqual(attempt(() => allocatePlan(csv('Dienst', 'A'))), { error: { code: 'invalid_csv', path: 'csv:1:1' } });
  assert.deepEqual(attempt(() => allocatePlan(plan([E]), { colour: 'rot' })), { error: { code: 'unknown_field', path: 'options.colour' } });
});

test('CSV: formula-like service names are plain names', () => {
  const r = allocatePlan(csv(HEADER, '"=HYPERLINK(""http://x.invalid"";""y"")";2025;1;BY', '+49;2025;1;BY', '-x;2025;1;BY', '@a;2025;1;BY'));
  assert.deepEqual(r.services.map((s) => s.service), ['=HYPERLINK("http://x.invalid";"y")', '+49', '-x', '@a']);
});

// ---------------------------------------------------------------- plan rules

const plan = (entries, extra = {}) => ({ plan: { ...extra, entries } });
const E = { service: 'A', year: 2025, costs: '1000.00', alliance: ['BY', 'HE'] };

test('plan errors: invalid_plan, invalid_line, unknown_field kommunen, entry paths', () => {
  const cases = [
    [[], {}, 'invalid_plan', 'plan.entries'],
    [Array(501).fill(E), {}, 'invalid_plan', 'plan.entries'],
    [[E, { ...E, line: 'bund' }], {}, 'invalid_line', 'plan.entries[1].line'],
    [[{ ...E, kommunen: { land: 'HE' } }], {}, 'unknown_field', 'plan.entries[0].kommunen'],
    [[E, E, E, { ...E, costs: '-1' }], {}, 'invalid_amount', 'plan.entries[3].costs'],
    [[{ ...E, alliance: ['BY', 'HE', 'XX'] }], {}, 'unknown_land', 'plan.entries[0].alliance[2]'],
    [[E], { compare: 'custom' }, 'unknown_model', 'plan.compare'],
    [[E], { ceilings: { fokus: '-1' } }, 'invalid_amount', 'plan.ceilings.fokus'],
  ];
  for (const [entries, extra, code, path] of cases) {
    assert.deepEqual(attempt(() => allocatePlan(plan(entries, extra))), { error: { code, path } }, `${code} ${path}`);
  }
  assert.deepEqual(attempt(() => allocatePlan(42)), { error: { code: 'invalid_plan', path: '' } });
  assert.deepEqual(attempt(() => allocatePlan('{"plan": ')), { error: { code: 'invalid_json', path: '' } });
  assert.equal(allocatePlan(plan(Array(500).fill(E))).total, '500000.00');
});

test('sums are exact at the most decimals of any entry\'s unit; ceilings count itplr-2023-35 only', () => {
  const r = allocatePlan(plan([
    { ...E, line: 'fokus', costs: '100', rounding: { unit: '1' }, model: 'itplr-2023-35' },
    { ...E, line: 'fokus', costs: '0.0005', rounding: { unit: '0.0001' } },
    { ...E, line: 'foederal', year: 2026, costs: '20000000.00', model: 'fitko' },
  ], { ceilings: { fokus: '99.99' } }));
  assert.equal(r.total, '20000100.0005');
  assert.deepEqual(r.lines, [
    { line: 'fokus', year: 2025, amount: '100.0000', ceiling: '99.99', exceeded: true },
    { line: 'foederal', year: 2026, amount: '0.0000', ceiling: '15000000.00', exceeded: false },
  ]);
  assert.deepEqual(r.warnings.map((w) => w.path), ['plan.ceilings.fokus']);
  // Entries keep their own unit's decimals.
  assert.deepEqual(r.entries.map((e) => e.total), ['100', '0.0005', '20000000.00']);
});

test('a payer that pays only under the comparison appears with 0 in its own years', () => {
  const r = allocatePlan(plan([{ ...E, model: 'alliance' }]), { compare: 'fitko' });
  const bund = r.payers.find((p) => p.id === 'BUND');
  assert.deepEqual(bund, { id: 'BUND', kind: 'bund', name: 'Bund', years: { 2025: '0.00' }, total: '0.00', compare: { years: { 2025: '250.00' }, total: '250.00', difference: '-250.00' } });
  assert.equal(r.payers.length, 17);
});

// ---------------------------------------------------------------- the generator

test('the plan generator is deterministic and its forms agree', () => {
  assert.deepEqual(generatePlan(42), generatePlan(42));
  let valid = 0;
  let broken = 0;
  for (let seed = 1; seed <= 120; seed++) {
    const g = generatePlan(seed);
    const outcomes = g.forms.map((form) => {
      const input = form === 'object' ? structuredClone(g.plan)
        : form === 'json' ? JSON.stringify(g.plan)
          : form === 'bytes' ? g.bytes : g.csv[form.slice(3)];
      const r = attempt(() => allocatePlan(input, g.options));
      return JSON.stringify(r.error ?? project(r));
    });
    if (g.expect) {
      broken++;
      for (const o of outcomes) assert.equal(o, JSON.stringify(g.expect), `seed ${seed}: the stated defect`);
    } else {
      valid++;
      assert.equal(new Set(outcomes).size, 1, `seed ${seed}: JSON and CSV forms give the same plan`);
      assert.ok(!JSON.parse(outcomes[0]).code, `seed ${seed}: a valid plan (${outcomes[0].slice(0, 200)})`);
    }
  }
  assert.ok(valid > 80 && broken > 5, `${valid} valid, ${broken} broken`);
});

test('plan invariants: payers, services and entries add up to the total in every year', () => {
  const units = (m) => BigInt(m.replace('.', ''));
  for (let seed = 1000; seed < 1060; seed++) {
    const g = generatePlan(seed);
    if (g.expect) continue;
    const r = allocatePlan(structuredClone(g.plan), g.options);
    const total = units(r.total);
    const scale = (r.total.split('.')[1] ?? '').length;
    const at = (m) => BigInt(m.replace('.', '')) * 10n ** BigInt(scale - (m.split('.')[1] ?? '').length);
    assert.equal(r.payers.reduce((s, p) => s + units(p.total), 0n), total, `seed ${seed}: payers`);
    assert.equal(r.services.reduce((s, x) => s + units(x.total), 0n), total, `seed ${seed}: services`);
    assert.equal(r.entries.reduce((s, e) => s + at(e.total), 0n), total, `seed ${seed}: entries`);
    for (const y of r.years) {
      const py = r.payers.reduce((s, p) => s + units(p.years[y]), 0n);
      assert.equal(py, r.services.reduce((s, x) => s + units(x.years[y]), 0n), `seed ${seed}: year ${y}`);
      if (r.payers[0].compare) assert.equal(r.payers.reduce((s, p) => s + units(p.compare.years[y]), 0n), py, `seed ${seed}: compare ${y}`);
    }
    for (const p of r.payers) {
      if (p.compare) assert.equal(units(p.compare.difference), units(p.total) - units(p.compare.total), `seed ${seed}: ${p.id}`);
    }
  }
});
