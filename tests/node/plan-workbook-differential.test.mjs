// Workbook differential test (contract 1.2): random valid plans (tests/reference/plan-generate.mjs)
// in their ";" CSV form are written as .xlsx by openpyxl, an independent writer (amounts as number
// cells, so the engine meets binary floats; years as numbers; every other cell as text), read and
// computed by the release CLI, and compared with the independent JavaScript reference on the CSV
// text, on everything the contract fixes; the package (allocatePlan with the workbook's bytes, read
// by its JS container reader) must give the CLI's answer exactly.
//
//   node --test tests/node/plan-workbook-differential.test.mjs      60 plans (PLAN_XLSX_N), from seed 1
//
// Needs target/release/efa-rechner (make build) and openpyxl in target/py (scripts/setup.sh);
// fails if either is missing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allocatePlan as referencePlan } from '../reference/plan.mjs';
import { generatePlan } from '../reference/plan-generate.mjs';
import { projectPlan, diffLines } from '../reference/plan-differential-runner.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'target/release/efa-rechner');
const python = join(root, 'target/py/bin/python');
const { allocatePlan } = await import(pathToFileURL(join(root, 'pkg/efa_rechner.node.mjs')).href);
const N = Number(process.env.PLAN_XLSX_N ?? 60);

// CSV (";", German amounts) → .xlsx: Kosten and Jahr as numbers where they are numbers.
const WRITE = `
import csv, io, sys, openpyxl
for src in sys.argv[1:]:
    rows = list(csv.reader(io.open(src, encoding='utf-8-sig', newline=''), delimiter=';'))
    head = [h.strip().lower() for h in rows[0]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Plan'
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            if v == '':
                continue
            name = head[c - 1] if c - 1 < len(head) else ''
            if r > 1 and name in ('kosten', 'costs'):
                plain = v.replace('.', '').replace(',', '.')
                try:
                    v = float(plain)
                except ValueError:
                    pass
            elif r > 1 and name in ('jahr', 'year') and v.isdigit():
                v = int(v)
            cell = ws.cell(row=r, column=c, value=v)
            # openpyxl takes a string starting with "=" for a formula; here it is text
            if isinstance(v, str) and v.startswith('='):
                cell.data_type = 's'
    wb.save(src[:-4] + '.xlsx')
`;

test(`workbook differential: ${N} random plans written by openpyxl, CLI vs reference, package vs CLI`, async () => {
  assert.ok(existsSync(cli), `${cli} is missing: run make build`);
  assert.ok(existsSync(python), `${python} is missing: run scripts/setup.sh, which installs openpyxl`);
  const dir = mkdtempSync(join(tmpdir(), 'efa-xlsx-diff-'));
  try {
    const plans = [];
    for (let seed = 1; plans.length < N && seed < N * 20; seed++) {
      const g = generatePlan(seed);
      if (!g.csv || g.expect || g.bytes) continue;
      const file = join(dir, `plan-${seed}.csv`);
      writeFileSync(file, g.csv[';']);
      plans.push({ g, file });
    }
    assert.equal(plans.length, N, 'enough valid CSV plans');
    const w = spawnSync(python, ['-c', WRITE, ...plans.map((p) => p.file)], { encoding: 'utf8' });
    assert.equal(w.status, 0, w.stderr);
    const mismatches = [];
    for (const { g, file } of plans) {
      const args = ['plan', file.replace(/\.csv$/, '.xlsx'), '--compact'];
      if (g.options.compare) args.push('--compare', g.options.compare);
      if (g.options.title) args.push('--title', g.options.title);
      const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
      const out = JSON.parse(r.stdout);
      const bytes = new Uint8Array(readFileSync(args[1]));
      const viaPackage = await allocatePlan(bytes, { ...g.options }).catch((e) => ({ error: { code: e.code, path: e.path, message: e.messages } }));
      if (JSON.stringify(viaPackage) !== JSON.stringify(out)) mismatches.push(`seed ${g.seed}: the package differs from the CLI: ${JSON.stringify(viaPackage).slice(0, 300)}`);
      const a = projectPlan(() => {
        if (out.error) throw Object.assign(new Error(out.error.message.en), out.error);
        return out;
      });
      const b = projectPlan(() => referencePlan(g.csv[';'], { ...g.options }));
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`seed ${g.seed}:\n  ${diffLines(a, b).join('\n  ')}`);
    }
    assert.deepEqual(mismatches, [], mismatches.slice(0, 5).join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
