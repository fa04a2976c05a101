// Modules loaded on demand ("parts"): not needed for the first result. loadPart(name) imports one
// once (a failed import is tried again next time); `parts[name]` holds it once it is there.

const PARTS = {
  kommunen: () => import('./parts/kommunen.js'), // the Kommunen table, loaded before a result with one is shown
  whatif: () => import('./parts/whatif.js'), // the what-if comparison below the results
  panel: () => import('./parts/panel.js'), // the export panel below the results
  explain: () => import('./parts/explain.js'), // the sentences of the (closed) explanation
  more: () => import('./form/more.js'), // the form's error display and language switch
  dataset: () => import('./parts/dataset.js'), // loading a GV100AD file
  gemeinden: () => import('./parts/gemeinden.js'), // the built-in Gemeinde table (level gemeinde, no file)
};

export const parts = {};
const loads = {};

export function loadPart(name) {
  if (!loads[name]) {
    loads[name] = PARTS[name]().then(
      (m) => (parts[name] = m),
      (e) => {
        delete loads[name];
        throw e;
      },
    );
  }
  return loads[name];
}
