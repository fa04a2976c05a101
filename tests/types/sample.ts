// Compiles: a request exactly as the contract writes it, and the response used with its types.
import { allocate, type AllocationRequest, type AllocationResponse, EfaError } from 'efa-rechner';

const request: AllocationRequest = {
  year: 2025,
  costs: [{ category: 'betrieb', amount: '800000' }, { category: 'weiterentwicklung', amount: '200000', key: 'population' }],
  alliance: ['BY', 'HE', 'NW'],
  model: 'itplr-2023-35',
  key: { mix: [{ key: 'ks', weight: '0.5' }, { key: { usage: { BY: '1200', HE: '800' } }, weight: '0.5' }] },
  membership: { HE: { from: '2025-07-01' } },
  rounding: { unit: '0.01' },
  kommunen: { land: 'HE', level: 'kreis', landShare: '0.5', key: 'population', exemptBelow: 1000 },
};

try {
  const response: AllocationResponse = allocate(request);
  const cents: string[] = response.payers.map((p) => p.amount);
  const rows = response.kommunen?.rows?.map((r) => `${r.ags} ${r.amount}`);
  const amounts: BigUint64Array | bigint[] | undefined = response.kommunen?.columns?.amount;
  console.log(cents, rows, amounts);
} catch (e) {
  if (e instanceof EfaError) console.log(e.code, e.path, e.messages.de);
}
