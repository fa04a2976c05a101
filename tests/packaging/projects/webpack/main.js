// webpack 5: `await init()` as in Vite; webpack turns new URL('…_bg.wasm', import.meta.url) in
// the glue into an asset of its own.
import init, * as engine from 'efa-rechner';
import request from './request.json';
import { show } from '../show.mjs';

await init();
show(engine, request);
