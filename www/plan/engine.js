// <efa-plan> runs on the one engine module (pkg/efa_rechner.js, which has allocatePlan) and shares
// its loading with <efa-rechner>: a page with both elements downloads the .wasm once and runs one
// instance (see ../rechner/engine.js).
export { loadModule, freshInstance } from '../rechner/engine.js';
