// esbuild: it does not follow new URL(…, import.meta.url), so the app imports the package's raw
// .wasm (exported as efa-rechner/efa_rechner_bg.wasm; esbuild's file loader copies it beside the
// bundle and gives its path relative to the bundle) and hands its URL to init.
import init, * as engine from 'efa-rechner';
import wasmUrl from 'efa-rechner/efa_rechner_bg.wasm';
import request from './request.json';
import { show } from '../show.mjs';

await init({ module_or_path: new URL(wasmUrl, import.meta.url) });
show(engine, request);
