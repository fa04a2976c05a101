// The engine session of a page, shared by <efa-rechner> and <efa-plan>: one loader, one instance
// in use, one trap recovery. The packaging script (scripts/build-pkg.sh) bundles this file into
// pkg/element/ and pkg/plan/ and rewrites every "../../pkg/" in it to "../", because in the
// published package the engine sits one folder up from the elements. Keep all engine paths here,
// in the form below.
//
// The engine is built with panic = "abort", so a panic or a memory fault reaches JS as a
// WebAssembly.RuntimeError, after which that instance is dead (its shadow stack pointer or heap
// may be corrupt). Every call goes through callEngine(): on a trap it retires the instance for
// every element on the page and runs the call once more on a fresh instance; a second trap is the
// coded error engine_trap, and the element keeps its last good result on screen.

/** Fresh instances a page may start; each keeps its module (and memory) alive, so there is a limit. */
const MAX_FRESH_INSTANCES = 8;

/**
 * The page's session for the engine at this file's glue URL. The two elements ship as separate
 * bundles, each with its own copy of this file: the session lives in a page-wide registry keyed
 * by the glue's URL, so they share one download, one instance and one recovery.
 *   gen: the generation in use (0: pkg/efa_rechner.js, n: pkg/efa_rechner.js?instance=n)
 *   instance(gen): Promise of that generation's initialised module, loaded once (a failed load is
 *     forgotten, so the next call tries again)
 */
function session() {
  const glue = new URL('../../pkg/efa_rechner.js', import.meta.url).href;
  const all = (globalThis[Symbol.for('efa-rechner.engine-session')] ??= new Map());
  let s = all.get(glue);
  if (!s) {
    const loads = new Map();
    s = {
      gen: 0,
      instance(gen) {
        let p = loads.get(gen);
        if (!p) {
          p = gen ? (gen > MAX_FRESH_INSTANCES ? Promise.reject(trapError(null)) : freshInstance(gen)) : firstInstance();
          loads.set(gen, p);
          p.catch(() => loads.get(gen) === p && loads.delete(gen));
        }
        return p;
      },
    };
    all.set(glue, s);
  }
  return s;
}

/**
 * The first instance: the .wasm download starts at once, in parallel with the import of the
 * wasm-bindgen glue (not only after the glue has arrived), and compiles while it streams in. A page
 * can start both even earlier:
 *   <link rel="preload" href="…/efa_rechner_bg.wasm" as="fetch" crossorigin>
 *   <link rel="modulepreload" href="…/efa_rechner.js">
 * (the fetch below is a same-origin CORS-mode request, which is what such a preload matches).
 * Resolves to the glue's module namespace, the same object that `import('…/pkg/efa_rechner.js')`
 * in a module of the page gives.
 */
function firstInstance() {
  const wasm = fetch(new URL('../../pkg/efa_rechner_bg.wasm', import.meta.url));
  wasm.catch(() => {}); // a failure surfaces through init below; never as an unhandled rejection
  return import('../../pkg/efa_rechner.js').then(async (m) => {
    await m.default({ module_or_path: wasm });
    return m;
  });
}

/**
 * A fresh instance, separate from every other: the glue module imported again under a distinct
 * URL (?instance=n), so it gets its own WebAssembly instance and memory. Same-origin, so a strict
 * CSP (script-src 'self' 'wasm-unsafe-eval', Trusted Types) allows it.
 */
async function freshInstance(gen) {
  const m = await import(/* @vite-ignore */ new URL(`../../pkg/efa_rechner.js?instance=${gen}`, import.meta.url).href);
  await m.default();
  return m;
}

/** The engine's module now in use on the page (loaded once per page). */
export function loadModule() {
  const s = session();
  return s.instance(s.gen);
}

/**
 * Runs fn(api, gen) on the page's engine instance now in use (api: the glue's module namespace;
 * gen: the instance's generation, for handles that belong to it). If the instance traps, it is
 * retired for every element of the page and fn runs once more on a fresh one; a second trap, or
 * a fresh instance that cannot start, is an engine_trap error. Other errors (EfaError, a failed
 * first load) pass through unchanged.
 */
export async function callEngine(fn) {
  const s = session();
  let trap = null;
  for (let attempt = 0; attempt < 2; ) {
    const gen = s.gen;
    let api;
    try {
      api = await s.instance(gen);
    } catch (e) {
      throw trap ? trapError(trap) : e;
    }
    if (s.gen !== gen) continue; // retired by another call meanwhile: never call a dead instance
    try {
      // awaited, so that a trap while a workbook is read (a promise) is recovered from too
      return await fn(api, gen);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      trap = e;
      s.gen = gen + 1;
      attempt++;
    }
  }
  throw trapError(trap);
}

/**
 * The built-in Gemeinde table's bytes (pkg/gemeinden.tsv, for level "gemeinde" without a GV100AD
 * file): one download per page, shared like the engine; a failed one is tried again next time.
 * The element starts it at boot when its first request needs it, in parallel with the engine.
 */
export function fetchGemeinden() {
  const s = session();
  if (!s.gemeinden) {
    const p = (s.gemeinden = fetch(new URL('../../pkg/gemeinden.tsv', import.meta.url)).then(async (r) => {
      if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
      return new Uint8Array(await r.arrayBuffer());
    }));
    p.catch(() => s.gemeinden === p && (s.gemeinden = null));
  }
  return s.gemeinden;
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
function trapError(cause) {
  const messages = {
    de: 'Die Rechenmaschine ist ausgefallen und ließ sich nicht neu starten. Bitte laden Sie die Seite neu.',
    en: 'The calculation engine failed and could not be restarted. Please reload the page.',
  };
  return Object.assign(new Error(messages.en), { code: 'engine_trap', path: '', messages, cause });
}
