// Every dependency's licence against an allow-list compatible with distributing efa-rechner under
// EUPL-1.2 (Rust crates from `cargo metadata`, npm packages from package-lock.json). Exits 1 and
// names the package when a licence is missing or not allowed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Permissive licences (and MPL-2.0, file-level copyleft) that EUPL-1.2 code may use and ship.
const ALLOWED = new Set([
  'MIT', 'Apache-2.0', 'Apache-2.0 WITH LLVM-exception', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC',
  'Zlib', 'Unicode-3.0', 'Unicode-DFS-2016', 'Unlicense', 'CC0-1.0', '0BSD', 'MPL-2.0', 'BSL-1.0',
  'EUPL-1.2', 'Python-2.0', 'BlueOak-1.0.0',
  // caniuse-lite's browser tables (webpack's browserslist, a build tool in the packaging tests;
  // nothing of it is shipped): a data licence that asks only for attribution.
  'CC-BY-4.0',
]);

// An SPDX expression is fine when at least one OR-alternative has all of its AND-parts allowed.
function allowed(expr) {
  const clean = expr.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.split(/ OR |\//).some((alt) => alt.split(' AND ').every((id) => ALLOWED.has(id.trim())));
}

const problems = [];
const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--locked'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
let crates = 0;
for (const p of meta.packages) {
  if (p.name === 'efa-rechner') continue;
  crates++;
  if (!p.license || !allowed(p.license)) problems.push(`crate ${p.name} ${p.version}: ${p.license ?? 'no licence'}`);
}
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
let npm = 0;
for (const [path, p] of Object.entries(lock.packages ?? {})) {
  if (!path) continue;
  npm++;
  const lic = typeof p.license === 'string' ? p.license : p.license?.type;
  if (!lic || !allowed(lic)) problems.push(`npm ${path.replace(/^node_modules\//, '')} ${p.version}: ${lic ?? 'no licence'}`);
}
if (problems.length) {
  console.error(`licence check: ${problems.length} dependencies outside the allow-list:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`licence check: ${crates} crates and ${npm} npm packages, all on the allow-list`);
