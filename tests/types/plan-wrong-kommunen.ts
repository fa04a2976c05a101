// Must not compile: a plan entry has no `kommunen` (contract 1.1: unknown_field there).
import { allocatePlan } from 'efa-rechner';

allocatePlan({ plan: { entries: [{ service: 'x', year: 2025, costs: '1.00', alliance: ['HE'], kommunen: { land: 'HE' } }] } });
