// One probe for every consumer that runs the engine directly: Node ESM and CommonJS, Bun, Deno and
// a plain browser page. It gets the engine as that consumer imported it and the cases from the
// test (tests/packaging/packaging.test.mjs), and reports what it saw; the test judges.
//
// - `exports`: typeof each name the declarations (efa_rechner.d.ts) export as a value, and the
//   names the module really has;
// - `results`: the response of each request, or the error it threw;
// - `errors`: every failing call the test lists, each with whether the thrown value is an
//   `instanceof` the package's EfaError (and an Error);
// - `initAfter`: `init()` and `initSync()` called after computing (in Node they return at once,
//   the engine already runs) and a computation after them.

export async function probe(engine, input) {
  const out = { exports: {}, runtime: Object.keys(engine).sort(), results: {}, errors: [] };
  for (const name of input.declared) out.exports[name] = typeof engine[name];

  const describe = (e) => ({
    name: e?.name,
    code: e?.code,
    path: e?.path,
    efaError: typeof engine.EfaError === 'function' && e instanceof engine.EfaError,
    error: e instanceof Error,
    messages: typeof e?.messages?.de === 'string' && typeof e?.messages?.en === 'string',
  });
  for (const c of input.requests) {
    try {
      out.results[c.name] = engine.allocate(c.request);
    } catch (e) {
      out.results[c.name] = { thrown: describe(e) };
    }
  }

  // Every kind of failing call the package has: each must throw (or reject with) an EfaError.
  const fetchLike = typeof Response === 'function';
  const calls = {
    'allocate: unknown field': () => engine.allocate({ year: 2025, costs: '1.00', alliance: ['BY'], colour: 1 }),
    'allocate: JSON text that is not JSON': () => engine.allocate('{"year": 2025,'),
    'allocate: a getter that throws': () => engine.allocate({ year: 2025, get costs() { throw new Error('boom'); } }),
    'allocate: a second argument that is no data set': () =>
      engine.allocate({ year: 2025, costs: '1.00', alliance: ['BY'] }, { handle: 123456 }),
    'allocate: level gemeinde without a file': () =>
      engine.allocate({ year: 2025, costs: '1.00', model: 'fitko', kommunen: { land: 'HE', level: 'gemeinde' } }),
    'loadGv100ad: a number': () => engine.loadGv100ad(42),
    'loadGv100ad: a damaged file': () => engine.loadGv100ad('10 not a GV100AD record\n'),
    'loadGemeinden: a table of no edition': () => engine.loadGemeinden('# table: gemeinden\n'),
    ...(fetchLike
      ? {
          'loadGv100ad: a 404 Response': () => engine.loadGv100ad(new Response('x', { status: 404 })),
          'loadGv100ad: a stream of strings': () =>
            engine.loadGv100ad(new ReadableStream({ start(c) { c.enqueue('text'); c.close(); } })),
          'loadGv100ad: a stream that fails': () =>
            engine.loadGv100ad(new ReadableStream({ pull(c) { c.error(new Error('network down')); } })),
        }
      : {}),
    ...(typeof engine.allocatePlan === 'function'
      ? {
          'allocatePlan: an unknown Land': () =>
            engine.allocatePlan({ plan: { entries: [{ service: 'x', year: 2025, costs: '1.00', alliance: ['BY', 'XX'] }] } }),
          'allocatePlan: a broken CSV': () => engine.allocatePlan('Dienst;Jahr;Kosten\n"x;2025;1\n'),
        }
      : {}),
  };
  for (const [label, call] of Object.entries(calls)) {
    try {
      await call();
      out.errors.push({ label, thrown: null });
    } catch (e) {
      out.errors.push({ label, thrown: describe(e) });
    }
  }

  out.errorCodes = engine.metadata().errorCodes;
  out.version = engine.metadata().version;
  const again = input.requests[0];
  await engine.default();
  engine.initSync();
  out.initAfter = engine.allocate(again.request).total;
  return out;
}
