// esbuild: it does not follow new URL(…, import.meta.url), so the app imports the package's raw
// .wasm (exported as efa-rechner/efa_rechner_bg.wasm; esbuild's file loader copies it and gives
// its URL) and hands that to init.
import init, * as engine from 'efa-rechner';
import wasmUrl from 'efa-rechner/efa_rechner_bg.wasm';
import request from './request.json';
import { show } from '../show.mjs';

await init({ module_or_path: wasmUrl });
show(engine, request);
