// The elements typed by tag name and by their modules' declarations.
import { EfaRechner, loadEngine } from 'efa-rechner/element';
import type { EfaPlan } from 'efa-rechner/plan';

const rechner: EfaRechner | null = document.querySelector('efa-rechner');
const plan: EfaPlan | null = document.querySelector('efa-plan');
rechner?.addEventListener('efa-result', (e) => console.log(e.detail.total, e.detail.payers.map((p) => p.amount)));
rechner?.addEventListener('efa-error', (e) => console.log(e.detail.code, e.detail.messages.de));
plan?.addEventListener('efa-plan-result', (e) => console.log(e.detail.contractVersion, e.detail.years));
if (rechner) rechner.request = { year: 2025, costs: '1000000.00', alliance: ['BY', 'HE', 'NW'], model: 'itplr-2023-35' };
if (plan) plan.plan = 'Dienst;Jahr;Kosten\nWohngeld;2025;1.200.000,00\n';
const engine = await loadEngine();
console.log(engine.metadata().version, rechner instanceof EfaRechner, plan?.result?.total);
