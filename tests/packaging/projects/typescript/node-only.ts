// A Node program without the DOM's types (lib es2022 and @types/node only): the declarations need
// nothing from the DOM, and Node's own fetch Response, Blob and ReadableStream are accepted.
import { readFileSync } from 'node:fs';
import { allocate, loadGv100ad, EfaError, type Gv100adDataset } from 'efa-rechner';

const response = allocate({ year: 2025, costs: '1000000.00', alliance: ['BY', 'HE', 'NW'], model: 'itplr-2023-35' });
const fromBytes: Gv100adDataset = loadGv100ad(readFileSync('GV100AD.txt'));
const fromBlob: Promise<Gv100adDataset> = loadGv100ad(new Blob([readFileSync('GV100AD.txt')]));
const fromFetch: Promise<Gv100adDataset> = fetch('https://localhost/GV100AD.txt').then((r) => loadGv100ad(r));
try {
  allocate({ year: 1999, costs: '1.00' });
} catch (e) {
  if (e instanceof EfaError) console.log(e.code, e.messages.de);
}
console.log(response.payers.map((p) => p.amount), fromBytes.gemeinden, fromBlob, fromFetch);
