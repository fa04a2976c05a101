// Must NOT compile: a response amount is a decimal string, never a number.
import { allocate } from 'efa-rechner';

const total: number = allocate({ year: 2025, costs: '1.00', alliance: ['BY'] }).total;
console.log(total);
