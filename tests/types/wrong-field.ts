// Must NOT compile: "alliances" is not a field of the contract's request.
import type { AllocationRequest } from 'efa-rechner';

const request: AllocationRequest = { year: 2025, costs: '100.00', alliances: ['BY'] };
console.log(request);
