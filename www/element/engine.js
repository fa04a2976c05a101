// The one place the element imports the engine from. The packaging script copies www/element/
// into pkg/element/ and rewrites only this file (to '../efa_rechner.js').
export * from '../../pkg/efa_rechner.js';
export { default } from '../../pkg/efa_rechner.js';
