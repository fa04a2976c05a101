// Vite: `await init()` finds the .wasm beside the glue (new URL(…, import.meta.url)), which Vite
// emits as an asset.
import init, * as engine from 'efa-rechner';
import request from './request.json';
import { show } from '../show.mjs';

await init();
show(engine, request);
