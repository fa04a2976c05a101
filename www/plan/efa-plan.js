// <efa-plan>: what the Länder and the Bund pay for a whole EfA portfolio over several years.
//
//   <script type="module" src="plan/efa-plan.js"></script>
//   <efa-plan src="/plans/portfolio.json" land="HE" compare="alliance"></efa-plan>
//
// Attributes: src (same-origin plan, JSON or CSV), land, compare (a model or "none"), lang (de|en),
// title, calculator (id of the <efa-rechner> that opens entries). Properties: plan (set a plan
// object, JSON or CSV text), result, error. Methods: toCSV({ table }), toJSON().
// Events: efa-plan-result (detail: the plan response), efa-plan-error (detail: the error).

import { EfaPlan } from './element.js';

if (!customElements.get('efa-plan')) customElements.define('efa-plan', EfaPlan);

export { EfaPlan };
