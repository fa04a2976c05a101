// The one place the elements refer to the engine, shared by <efa-rechner> and <efa-plan>. The
// packaging script (scripts/build-pkg.sh) bundles it into pkg/element/ and pkg/plan/ and rewrites
// every "../../pkg/" in this file to "../", because in the published package the engine sits one
// folder up from the elements. Keep all engine paths here, in the form below.

/** The page's engine loads by glue URL, shared by every bundle that carries this file. */
const LOADS = Symbol.for('efa-rechner.engine');

/**
 * Loads and initialises the engine; resolves to its module namespace (the same module object
 * that `import('…/pkg/efa_rechner.js')` gives anyone else on the page). The .wasm download starts
 * at once, in parallel with the import of the wasm-bindgen glue (not only after the glue has
 * arrived), and compiles while it streams in. A page can start both even earlier:
 *   <link rel="preload" href="…/efa_rechner_bg.wasm" as="fetch" crossorigin>
 *   <link rel="modulepreload" href="…/efa_rechner.js">
 * (the fetch below is a same-origin CORS-mode request, which is what such a preload matches).
 *
 * Once per page: <efa-rechner> and <efa-plan> ship as separate bundles, each with its own copy of
 * this file, and share one engine (one download, one instance) through a page-wide registry keyed
 * by the glue's URL. A failed load is forgotten, so the next call tries again.
 */
export function loadModule() {
  const glue = new URL('../../pkg/efa_rechner.js', import.meta.url).href;
  const loads = (globalThis[LOADS] ??= new Map());
  let p = loads.get(glue);
  if (!p) {
    const wasm = fetch(new URL('../../pkg/efa_rechner_bg.wasm', import.meta.url));
    wasm.catch(() => {}); // a failure surfaces through init below; never as an unhandled rejection
    p = import('../../pkg/efa_rechner.js').then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
    loads.set(glue, p);
    p.catch(() => {
      if (loads.get(glue) === p) loads.delete(glue);
    });
  }
  return p;
}

/**
 * A fresh, initialised instance of the engine, separate from the one above and from every
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

/** Frees a GV100AD handle; its instance may be dead, and the handle must never reach a finaliser. */
export function freeDataset(ds) {
  try {
    ds?.free?.();
  } catch {
    /* the instance trapped; its memory goes with it */
  }
}

/**
 * The error after an instance has trapped and a fresh one trapped too, or could not be started.
 * Its message is here in both languages at once: it must not wait for a text to be loaded.
 */
export function trapError(cause) {
  const messages = {
    de: 'Die Rechenmaschine ist ausgefallen und ließ sich nicht neu starten. Bitte laden Sie die Seite neu.',
    en: 'The calculation engine failed and could not be restarted. Please reload the page.',
  };
  return Object.assign(new Error(messages.en), { code: 'engine_trap', path: '', messages, cause });
}
