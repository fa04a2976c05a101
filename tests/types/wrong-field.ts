// Must NOT compile: "alliances" is not a field of the contract's request.
import type { Request } from 'efa-rechner';

const request: Request = { year: 2025, costs: '100.00', alliances: ['BY'] };
console.log(request);
