// TypeScript compiled as CommonJS (.cts): `require('efa-rechner')` is typed by efa_rechner.d.cts.
import efa = require('efa-rechner');

const response: efa.AllocationResponse = efa.allocate({ year: 2025, costs: '1.00', alliance: ['BY'] });
try {
  efa.allocate('{');
} catch (e) {
  if (e instanceof efa.EfaError) {
    const code: efa.ErrorCode = e.code;
    console.log(code, e.path, e.messages.en);
  }
}
console.log(response.total);
