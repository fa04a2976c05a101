// The reporter of every node:test run (make test-node, test-e2e, hostile), with the output of the
// browser suite's runner (tests/browsers/run.mjs): "ok   - name", "FAIL - name" with the error,
// "skip - name (reason)", and as the last line "N passed, N failed" (", N skipped" when something
// was skipped), so one log reader counts every runner.
//
//   node --test --test-reporter=./tests/node/summary-reporter.mjs tests/node/

const indent = (text, pad) => String(text).split('\n').map((l) => pad + l).join('\n');

function errorText(err) {
  if (!err) return '';
  // node:test wraps a failed assertion in an ERR_TEST_FAILURE whose cause is the real error
  const e = err.code === 'ERR_TEST_FAILURE' && err.cause ? err.cause : err;
  return (e && e.stack) || String(e);
}

export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  // per nesting level: whether a test of the level below finished (the test is then a parent:
  // its subtests are counted, not itself) and whether one of them failed
  const hadChild = [];
  const childFailed = [];
  for await (const ev of source) {
    const d = ev.data;
    if (ev.type === 'test:stdout' || ev.type === 'test:stderr') {
      yield d.message;
      continue;
    }
    if (ev.type !== 'test:pass' && ev.type !== 'test:fail') continue;
    const n = d.nesting;
    const parent = !!hadChild[n + 1];
    const failedBelow = !!childFailed[n + 1];
    hadChild[n + 1] = false;
    childFailed[n + 1] = false;
    hadChild[n] = true;
    const pad = '  '.repeat(n);
    const ms = d.details?.duration_ms === undefined ? '' : ` (${Math.round(d.details.duration_ms)} ms)`;
    if (ev.type === 'test:fail') {
      childFailed[n] = true;
      // a parent whose subtests failed is already counted through them
      if (parent && failedBelow) continue;
      failed++;
      yield `${pad}FAIL - ${d.name}${ms}\n${indent(errorText(d.details?.error), `${pad}       `)}\n`;
      continue;
    }
    if (d.details?.type === 'suite' || parent) continue;
    if (d.skip !== undefined || d.todo !== undefined) {
      skipped++;
      const why = d.skip ?? d.todo;
      yield `${pad}skip - ${d.name}${typeof why === 'string' ? ` (${why})` : ''}\n`;
      continue;
    }
    passed++;
    yield `${pad}ok   - ${d.name}${ms}\n`;
  }
  if (passed + failed === 0) {
    failed++;
    yield 'FAIL - no test ran\n';
  }
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
