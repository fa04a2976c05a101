// The one place the element imports the engine from. The packaging script copies www/element/
// into pkg/element/ and rewrites only this file, so that every engine path points one folder up
// ('../efa_rechner.js'). Keep all engine paths here in the form below.
export * from '../../pkg/efa_rechner.js';
export { default } from '../../pkg/efa_rechner.js';

/**
 * A fresh, initialised instance of the engine, separate from the static one above and from every
 * other instance: the glue module is imported again under a distinct URL (?instance=n), so it
 * gets its own WebAssembly instance and memory. Used after a WebAssembly trap, when the old
 * instance must be considered dead. Same-origin, so a strict CSP (script-src 'self'
 * 'wasm-unsafe-eval', Trusted Types) allows it. Resolves to the module namespace.
 */
export async function freshInstance(n) {
  const url = new URL(`../../pkg/efa_rechner.js?instance=${encodeURIComponent(n)}`, import.meta.url);
  const m = await import(/* @vite-ignore */ url.href);
  await m.default();
  return m;
}
