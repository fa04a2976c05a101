// The plan module of the engine (pkg/efa_rechner_plans.js: the engine with allocatePlan, built with
// the cargo feature "plans"), loaded only by pages with <efa-plan>; the calculator's module
// pkg/efa_rechner.js stays within its size budget and <efa-rechner>'s files are untouched. As in
// ../rechner/engine.js, scripts/build-pkg.sh rewrites every "../../pkg/" here to "../".

/** Loads and initialises the plan module; the .wasm download starts at once (see ../rechner/engine.js). */
export function loadPlanModule() {
  const wasm = fetch(new URL('../../pkg/efa_rechner_plans_bg.wasm', import.meta.url));
  wasm.catch(() => {}); // a failure surfaces through init below; never as an unhandled rejection
  return import('../../pkg/efa_rechner_plans.js').then(async (m) => {
    await m.default({ module_or_path: wasm });
    return m;
  });
}

/** A fresh, initialised instance of the plan module after a WebAssembly trap (see ../rechner/engine.js). */
export async function freshPlanInstance(n) {
  const url = new URL(`../../pkg/efa_rechner_plans.js?instance=${encodeURIComponent(n)}`, import.meta.url);
  const m = await import(/* @vite-ignore */ url.href);
  await m.default();
  return m;
}
