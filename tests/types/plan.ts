// Compiles: a plan exactly as the contract (1.1) writes it, options, and the response used with
// its types.
import { allocatePlan, allocatePlanCsv, type PlanRequest, type PlanResponse, type PlanOptions, EfaError } from 'efa-rechner';

const plan: PlanRequest = {
  plan: {
    title: 'EfA-Portfolio 2025-2026',
    compare: 'alliance',
    ceilings: { fokus: '15000000.00', foederal: '15000000.00' },
    entries: [
      { service: 'Wohngeld', line: 'fokus', year: 2025, costs: '1200000.00', alliance: ['BY', 'HE', 'NW'], model: 'itplr-2023-35' },
      { service: 'Elterngeld', year: 2026, costs: [{ category: 'betrieb', amount: '850000' }], alliance: 'all', key: 'population',
        membership: { HE: { from: '2026-07-01' } } },
    ],
  },
};
const options: PlanOptions = { compare: 'fitko', title: 'Aus Excel' };

try {
  const r: PlanResponse = allocatePlan(plan);
  const again: PlanResponse = allocatePlan('Dienst;Jahr;Kosten\nWohngeld;2025;1.200.000,00\n', options);
  const he = r.payers.find((p) => p.id === 'HE');
  const sentence: string | undefined = he?.compare && `${he.total} / ${he.compare.total} / ${he.compare.difference}`;
  const years: number[] = r.years;
  const byYear: string | undefined = he?.years['2025'];
  const exceeded: boolean[] = r.lines.map((l) => l.exceeded);
  const services: string[] = r.services.map((s) => s.service);
  const entryRequest = r.entries[0].request;
  const excel: string = allocatePlanCsv(plan);
  console.log(again.total, sentence, years, byYear, exceeded, services, entryRequest.year, excel.length, r.contractVersion === '1.1');
} catch (e) {
  if (e instanceof EfaError) console.log(e.code, e.path, e.messages.de);
}
