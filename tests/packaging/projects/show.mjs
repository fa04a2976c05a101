// What the bundled apps (Vite, webpack, esbuild) do once the engine runs: compute the request
// (example 02, copied in by the test as request.json), try one bad request, and write both into
// the page for the test to read.
export function show(engine, request) {
  const response = engine.allocate(request);
  let bad = null;
  try {
    engine.allocate({ ...request, alliance: ['BY', 'XX'] });
  } catch (e) {
    bad = { code: e.code, path: e.path, efaError: e instanceof engine.EfaError };
  }
  document.body.dataset.result = JSON.stringify({
    total: response.total,
    payers: response.payers.map((p) => [p.id, p.amount]),
    bad,
  });
}
