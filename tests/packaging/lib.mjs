// Helpers of the packaging tests: the packed package installed once for all consumer projects,
// the declarations read with the TypeScript compiler, commands run inside a project.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = resolve(fileURLToPath(import.meta.url), '../../..');
export const shared = resolve(root, '../shared');
/** The consumer projects live here, inside the repository, so that they find the build tools
 *  (vite, webpack, esbuild, typescript, expect-type) in its node_modules, and `efa-rechner` in
 *  their own shared node_modules: the packed tarball, installed once. */
export const work = join(root, 'target/packaging');

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * `npm pack` of pkg/ and one `npm install` of the tarball into target/packaging/, with fresh
 * copies of the projects in tests/packaging/projects/. Returns the tarball's path.
 */
export function packAndInstall() {
  assert.ok(existsSync(join(root, 'pkg/package.json')), 'pkg/ is built (make build)');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(root, 'tests/packaging/projects'), work, { recursive: true });
  const name = execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--silent'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'efa-rechner-consumers', private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', `./${name}`], { cwd: work });
  return join(work, name);
}

/** Runs a command in a project; returns stdout, failing the test with stderr on a non-zero exit. */
export function run(cmd, args, { cwd = work, env = {}, input } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} in ${cwd} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The names a declaration file exports as values (functions, classes, `default`), by the
 *  TypeScript compiler's own reading of it. */
export function declaredValues(dts) {
  const { program, checker, module } = declarations(dts);
  assert.ok(program && module, `${dts} is a module`);
  return checker
    .getExportsOfModule(module)
    .filter((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value)
    .map((s) => s.name)
    .sort();
}

/** The string literals of a union type alias the declaration file exports (ErrorCode). */
export function declaredUnion(dts, name) {
  const { checker, module } = declarations(dts);
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  assert.ok(symbol, `${dts} exports ${name}`);
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  assert.ok(type.isUnion(), `${name} is a union`);
  return type.types.map((t) => {
    assert.ok(t.isStringLiteral(), `${name} has only string literals`);
    return t.value;
  }).sort();
}

function declarations(dts) {
  const program = ts.createProgram([dts], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(dts);
  return { program, checker, module: source && checker.getSymbolAtLocation(source) };
}

/** The contract examples with an expected answer: the project's own and, when present, those in
 *  ../shared. Gemeinde-level requests need a GV100AD file and are left out. */
export function examples() {
  const dirs = [join(root, 'tests/fixtures/contract')];
  if (existsSync(join(shared, 'contract/examples'))) dirs.push(join(shared, 'contract/examples'));
  else console.log('# ../shared/contract/examples not present: the project\'s own examples only');
  const out = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.json') || f.endsWith('.expected.json')) continue;
      const expected = join(dir, f.replace(/\.json$/, '.expected.json'));
      const request = readJson(join(dir, f));
      if (!existsSync(expected) || request?.kommunen?.level === 'gemeinde') continue;
      out.push({ name: `${dir === dirs[0] ? 'own' : 'shared'}/${f.slice(0, -5)}`, request, expected: readJson(expected) });
    }
  }
  return out;
}

/** Fenced code blocks of the given languages in a Markdown file, with their line numbers. */
export function codeBlocks(file, languages) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  let open = null;
  lines.forEach((line, i) => {
    const fence = /^\s*```\s*([\w-]*)/.exec(line);
    if (!fence) {
      if (open) open.lines.push(line);
      return;
    }
    if (open) {
      if (languages.includes(open.lang)) blocks.push({ lang: open.lang, line: open.line, code: open.lines.join('\n') });
      open = null;
    } else {
      open = { lang: fence[1], line: i + 1, lines: [] };
    }
  });
  return blocks;
}
