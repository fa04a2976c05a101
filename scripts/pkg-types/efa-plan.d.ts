// Types of the <efa-plan> element's module (pkg/plan/efa-plan.js, `efa-rechner/plan`). Importing
// the module defines the element; these declarations type it for TypeScript, also by tag name and
// its events.
import type { PlanRequest, PlanResponse } from '../efa_rechner.js';
import type { EfaElementError } from '../element/efa-rechner.js';

export declare class EfaPlan extends HTMLElement {
  /** The plan last computed: the plan object of a JSON plan, else its CSV text (the file's bytes
   * for a CSV file that is not UTF-8); null before. */
  get plan(): PlanRequest | string | Uint8Array | null;
  /** Sets the plan: a plan object, its JSON text or CSV text. */
  set plan(plan: PlanRequest | string);
  /** The last successful plan response (do not modify), or null. */
  get result(): PlanResponse | null;
  /** The last error while a plan was opened or computed, or null. */
  get error(): EfaElementError | null;
  /** CSV (German Excel, or "plain") of a table; "land" needs the `land` attribute. */
  toCSV(options?: { table?: 'payers' | 'services' | 'land' | 'entries'; variant?: 'excel' | 'plain' }): string;
  /** The last response, as JSON.stringify writes the element. */
  toJSON(): PlanResponse | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'efa-plan': EfaPlan;
  }
  interface HTMLElementEventMap {
    'efa-plan-result': CustomEvent<PlanResponse>;
    'efa-plan-error': CustomEvent<EfaElementError>;
  }
}
