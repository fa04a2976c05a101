// The export panel of <efa-rechner> in every engine: German Excel CSV (BOM, semicolons, decimal
// comma, tranche columns), plain CSV and JSON, offered as downloads and saved by the browser byte
// for byte.

import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { EXPECTED_02, payersOf, openWithResult, panelsDone } from '../lib/rechner.mjs';

/** Resolves once every file of `want` (name -> bytes) is in `dir` at its full size (or rejects after `ms`). */
function savedFiles(dir, want, ms) {
  return new Promise((resolve, reject) => {
    const complete = () => [...want].every(([name, bytes]) => {
      try {
        return fs.statSync(path.join(dir, name)).size === bytes.length;
      } catch {
        return false;
      }
    });
    let timer = null;
    const watcher = fs.watch(dir, () => {
      if (!complete()) return;
      watcher.close();
      clearTimeout(timer);
      resolve();
    });
    timer = setTimeout(() => {
      watcher.close();
      complete() ? resolve() : reject(new Error(`downloads not saved within ${ms / 1000} s: ${fs.readdirSync(dir).join(', ') || '(none)'}`));
    }, ms);
    if (complete()) {
      watcher.close();
      clearTimeout(timer);
      resolve();
    }
  });
}

export default function register(suite) {
  suite.test('CSV export: German Excel CSV (BOM, semicolons, decimal comma, tranches), plain CSV and JSON as downloads, saved byte for byte', async (page, { engine, session }) => {
    // files saved by earlier checks would stand in for this one's (or make the browser rename)
    for (const f of fs.readdirSync(session.downloads)) fs.rmSync(path.join(session.downloads, f), { recursive: true, force: true });
    await openWithResult(page);
    // The panels come in after the result has been painted, the what-if table last (after an
    // engine call), above the export buttons: clicking before it is in would hit what it pushed
    // down there (the WebKit flake of issue 16).
    await panelsDone(page);
    const buttons = ['CSV für Excel', 'CSV (Komma', 'JSON'];
    for (const [i, label] of buttons.entries()) {
      const b = await page.waitFor((l) => [...document.querySelector('efa-rechner').shadowRoot.querySelectorAll('.export button')].find((x) => x.textContent.includes(l)) || null, [label], { what: `the button "${label}"` });
      await page.steady(b, label);
      await b.click();
      // each click's file is offered before the next click
      await page.waitDownloads(i + 1);
    }
    const [excel, plain, json] = await page.downloads();
    assert.equal(excel.name, 'efa-rechner-2025-excel.csv');
    assert.match(excel.type, /^text\/csv/);
    assert.deepEqual([...excel.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    fs.writeFileSync(path.join(page.art, `${engine}-export-excel.csv`), excel.bytes);
    const lines = excel.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines.length, 1 + 17 + 1, 'header, 17 payers, sum');
    const head = lines[0].split(';');
    assert.deepEqual(head.slice(0, 6), ['Zahler-ID', 'Zahler', 'Art', 'AGS', 'Betrag (EUR)', 'Anteil (%)']);
    assert.equal(head.length, 9, 'three tranche columns');
    for (const [i, exp] of EXPECTED_02.payers.entries()) {
      const cols = lines[i + 1].split(';');
      assert.equal(cols[0], exp.id);
      assert.equal(cols[4], exp.amount.replace('.', ','));
      // the tranche columns add up to the amount
      const cents = cols.slice(6).filter(Boolean).reduce((a, c) => a + BigInt(c.replace(',', '')), 0n);
      assert.equal(cents, BigInt(exp.amount.replace('.', '')), `tranches of ${exp.id}`);
    }
    assert.match(lines[6], /^HE;Hessen;Land;06;102963,74;10,2964;/);
    assert.match(lines[18], /^;Summe;;;1000000,00;100,0000;500000,00;250000,00;250000,00$/);

    assert.notEqual(plain.bytes[0], 0xef, 'no BOM in plain CSV');
    const plines = plain.bytes.toString('utf8').split('\r\n').filter(Boolean);
    assert.match(plines[6], /^HE,Hessen,Land,06,102963\.74,10\.2964,/);
    assert.match(plines[0], /^Zahler-ID,Zahler,Art,AGS,Betrag \(EUR\),Anteil \(%\),/);

    const parsed = JSON.parse(json.bytes.toString('utf8'));
    assert.equal(parsed.response.total, '1000000.00');
    assert.equal(parsed.request.model, 'itplr-2023-35');
    assert.deepEqual(payersOf(parsed.response), EXPECTED_02.payers);
    assert.match(await page.shadow((root) => root.querySelector('.export [role="status"]')?.textContent || ''), /Datei efa-rechner-.* erstellt/);

    // the browser really saved the files, byte for byte
    const want = new Map([[excel.name, excel.bytes], [plain.name, plain.bytes], [json.name, json.bytes]]);
    await savedFiles(session.downloads, want, 15000);
    for (const [name, bytes] of want) assert.ok(fs.readFileSync(path.join(session.downloads, name)).equals(bytes), `${name} saved byte for byte`);
    await page.assertClean();
  });
}
