// <efa-rechner>: the embeddable EfA cost calculator.
//
//   <script type="module" src="element/efa-rechner.js"></script>
//   <efa-rechner year="2025" costs="1000000.00" alliance="BY,HE,NW" model="itplr-2023-35"></efa-rechner>
//
// Attributes: year, costs, alliance ("BY,HE,NW" or "all"), model, key, land, level, lang (de|en),
// service, readonly, kommunen-src (same-origin GV100AD file), no-fragment (leave the URL alone).
// Properties: request (get/set the contract request), result (the last response, read-only).
// Events: efa-result (detail: response), efa-error (detail: the error, with code, path, messages).
//
// This module only defines the element; the class is in element.js. (In the package, this file
// stays small and the element's code is in efa-core.js, which its parts loaded on demand import
// by that name: so this file may be loaded under any URL, with a query string too.)

import { EfaRechner } from './element.js';

if (!customElements.get('efa-rechner')) customElements.define('efa-rechner', EfaRechner);

export { EfaRechner, loadEngine, encodeRequest, FRAGMENT_PREFIX } from './element.js';
