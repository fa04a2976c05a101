// The events of both elements, for the test to read.
window.events = [];
for (const type of ['efa-result', 'efa-error', 'efa-plan-result', 'efa-plan-error']) {
  document.addEventListener(type, (e) => {
    const d = e.detail;
    window.events.push({ type, total: d && d.total, payers: d && d.payers && d.payers.map((p) => [p.id, p.total ?? p.amount]), code: d && d.code });
  });
}
