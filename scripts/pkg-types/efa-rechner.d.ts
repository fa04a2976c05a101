// Types of the <efa-rechner> element's module (pkg/element/efa-rechner.js, `efa-rechner/element`).
// Importing the module defines the element; these declarations type it for TypeScript, also by
// tag name (document.querySelector('efa-rechner')) and its events.
import type * as Engine from '../efa_rechner.js';
import type { AllocationRequest, AllocationResponse, Messages } from '../efa_rechner.js';

/** An error the element reports: the engine's EfaError, or `engine_trap` after a WebAssembly trap. */
export type EfaElementError = Error & { code: Engine.ErrorCode | 'engine_trap'; path: string; messages: Messages };

export declare class EfaRechner extends HTMLElement {
  /** The current contract request (a copy), or null before the first. */
  get request(): AllocationRequest | null;
  set request(request: AllocationRequest);
  /** The last successful response (do not modify), or null. */
  get result(): AllocationResponse | null;
  /** CSV of the payer table ("excel": German Excel, or "plain"), or of the Kommunen. */
  toCSV(options?: { variant?: 'excel' | 'plain'; table?: 'payers' | 'kommunen' }): string;
}

/** The engine the elements of this page share, initialised: the package's module. */
export declare function loadEngine(): Promise<typeof Engine>;
/** A request as the URL fragment the element reads and writes (after FRAGMENT_PREFIX). */
export declare function encodeRequest(request: AllocationRequest): string;
export declare const FRAGMENT_PREFIX: string;

declare global {
  interface HTMLElementTagNameMap {
    'efa-rechner': EfaRechner;
  }
  interface HTMLElementEventMap {
    'efa-result': CustomEvent<AllocationResponse>;
    'efa-error': CustomEvent<EfaElementError>;
  }
}
