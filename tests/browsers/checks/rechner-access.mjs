// <efa-rechner> for keyboard users and assistive technology, in every engine: Tab reaches every
// control with a visible focus and leaves again, keys operate them; axe-core (WCAG 2.1 A/AA) in
// German and English, with errors, the Kommunen table and at 320 CSS px.

import assert from 'node:assert/strict';
import { Key } from '../lib/page.mjs';
import { waitResult, requestOf, openWithResult, panelsDone } from '../lib/rechner.mjs';

export default function register(suite) {
  suite.test('keyboard only: Tab reaches every control with a visible focus and leaves again; keys operate them', async (page, { engine }) => {
    await openWithResult(page);
    await panelsDone(page);
    // open the optional parts so that their controls take part
    await page.click('details.membership summary');
    const n0 = await page.eventCount();
    await page.check('#f-kommunen');
    await waitResult(page, n0, (d) => !!d.kommunen);
    await page.click('details.explain summary');
    const expected = await page.shadow((root) => {
      const sel = 'input, select, button, summary, a[href], textarea, [tabindex]:not([tabindex="-1"])';
      const seenRadio = new Set();
      const out = [];
      for (const e of root.querySelectorAll(sel)) {
        if (e.disabled || e.closest('[hidden]') || !e.getClientRects().length || getComputedStyle(e).visibility !== 'visible') continue;
        if (e.type === 'radio') {
          if (seenRadio.has(e.name)) continue;
          const group = [...root.querySelectorAll(`input[type=radio][name="${e.name}"]`)];
          seenRadio.add(e.name);
          out.push((group.find((r) => r.checked) || group[0]).id);
          continue;
        }
        out.push(e.id || `${e.tagName.toLowerCase()}:${(e.textContent || '').trim().slice(0, 30)}`);
      }
      return out;
    });
    // start from the top of the page with nothing focused
    await page.js(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    // a click at the top left corner moves the sequential focus starting point there
    await page.driver.actions().move({ x: 1, y: 1, origin: 'viewport' }).click().perform();
    const stops = [];
    let inside = false;
    let left = false;
    for (let i = 0; i < 400 && !left; i++) {
      await page.keys(Key.TAB);
      const info = await page.js(() => {
        const host = document.querySelector('efa-rechner');
        const a = document.activeElement;
        if (a !== host) return { inside: false, desc: a ? a.tagName : 'none' };
        const e = host.shadowRoot.activeElement;
        const cs = getComputedStyle(e);
        const ring = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || (cs.boxShadow && cs.boxShadow !== 'none') || cs.backgroundColor === 'rgb(255, 221, 0)';
        return { inside: true, id: e.id || `${e.tagName.toLowerCase()}:${(e.textContent || '').trim().slice(0, 30)}`, ring, outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.boxShadow}` };
      });
      if (info.inside) {
        inside = true;
        stops.push(info);
      } else if (inside) left = true;
    }
    assert.ok(inside, `${engine}: Tab reaches the element`);
    assert.ok(left, `${engine}: Tab leaves the element again (no keyboard trap); stops: ${JSON.stringify(stops.map((s) => s.id))}`);
    const ids = stops.map((s) => s.id);
    const missing = expected.filter((id) => !ids.includes(id));
    assert.deepEqual(missing, [], `${engine}: controls not reached by Tab: ${missing.join(', ')} (reached: ${ids.join(', ')})`);
    const noRing = stops.filter((s) => !s.ring);
    assert.deepEqual(noRing, [], `${engine}: focus not visible on: ${JSON.stringify(noRing)}`);
    // Shift+Tab goes back into the element
    await page.press(Key.TAB, Key.SHIFT);
    assert.equal(await page.js(() => document.activeElement?.tagName), 'EFA-RECHNER');

    // operable: Space on a checkbox, arrows on radios and selects, Enter and Space on a summary,
    // typing + Enter in a text field
    const focus = async (sel) => page.js((e) => e.focus(), await page.$(sel));
    let n = await page.eventCount();
    await focus('#f-all');
    await page.keys(Key.SPACE);
    let res = await waitResult(page, n, (d) => d.payers.length === 17);
    assert.equal((await requestOf(page)).alliance, 'all');
    assert.equal(res.payers.length, 17);

    await focus('#f-costs-mode-single');
    await page.keys(Key.ARROW_DOWN);
    assert.equal(await (await page.$('#f-costs-mode-items')).isSelected(), true, 'ArrowDown moves to the next radio');
    assert.equal(await page.visible('#f-item-betrieb'), true);
    await page.keys(Key.ARROW_UP);
    assert.equal(await (await page.$('#f-costs-mode-single')).isSelected(), true);

    n = await page.eventCount();
    await focus('#f-model');
    const modelBefore = await page.value('#f-model');
    await page.keys(Key.ARROW_DOWN);
    res = await waitResult(page, n);
    assert.notEqual(await page.value('#f-model'), modelBefore, 'ArrowDown on the model select chooses the next model');

    await focus('details.explain summary');
    await page.keys(Key.ENTER);
    assert.equal(await page.shadow((root) => root.querySelector('details.explain').open), false, 'Enter closes the details');
    await page.keys(Key.SPACE);
    assert.equal(await page.shadow((root) => root.querySelector('details.explain').open), true, 'Space opens it');

    n = await page.eventCount();
    await page.type('#f-costs', '5000');
    await page.keys(Key.ENTER);
    res = await waitResult(page, n, (d) => d.total === '5000.00');
    assert.equal(res.total, '5000.00');
    assert.equal(await page.shadow((root) => root.activeElement?.id), 'f-costs', 'focus stays in the field');

    // the what-if select works with arrows
    await panelsDone(page);
    await focus('#whatif-land');
    const whatIfBefore = await page.value('#whatif-land');
    await page.keys(Key.ARROW_DOWN);
    await page.waitFor((before) => {
      const root = document.querySelector('efa-rechner').shadowRoot;
      return root.querySelector('#whatif-land').value !== before && root.querySelectorAll('.whatif table').length === 1;
    }, [whatIfBefore], { what: 'the what-if table for the next Land' });

    // A new result while the focus is in the what-if panel: the panels are updated in place, so
    // the focus stays on the select (built anew, the focus would fall back to the page).
    n = await page.eventCount();
    await page.js(() => document.querySelector('efa-rechner').setAttribute('costs', '2000000.00'));
    res = await waitResult(page, n, (d) => d.total === '2000000.00');
    const bund = res.payers.find((p) => p.id === 'BUND').amount;
    await page.waitFor((amount) => {
      const shown = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(Number(amount));
      const cells = document.querySelector('efa-rechner').shadowRoot.querySelectorAll('.whatif tbody td');
      return [...cells].some((td) => td.textContent === shown);
    }, [bund], { what: "the what-if table of the new result (the Bund's share before)" });
    assert.equal(await page.shadow((root) => root.activeElement?.id), 'whatif-land', 'the focus stays on the what-if select');
    await page.assertClean();
  });

  suite.test('axe-core: no WCAG 2.1 A/AA violation in German and English, with results and with errors', async (page, { engine }) => {
    await openWithResult(page);
    await panelsDone(page);
    await page.click('details.explain summary');
    await page.click('details.membership summary');
    await page.axe('de, results');

    // English via the page's switch
    let n = await page.eventCount();
    await page.click('[data-lang-switch]', null);
    await waitResult(page, n);
    assert.equal(await page.js(() => document.documentElement.lang), 'en');
    await page.waitFor(() => document.querySelector('efa-rechner').shadowRoot.querySelector('label[for="f-costs"]')?.textContent === 'Costs in euros', [], { what: 'the English form' });
    assert.match(await page.text('h2'), /calculator/);
    assert.match(await page.text('table[part="results-table"] tfoot'), /€1,000,000\.00/, `Intl.NumberFormat en in ${engine}`);
    await page.axe('en, results');

    // errors shown (summary focused)
    n = await page.eventCount();
    await page.fill('#f-costs', 'abc');
    await page.fill('#f-year', '20x5');
    await page.keys(Key.ENTER);
    await page.waitEvent('efa-error', n);
    assert.ok(await page.visible('#error-summary'));
    await page.axe('en, errors');
    await page.assertClean();
  });

  suite.test('axe-core: no WCAG 2.1 A/AA violation with the Kommunen table and the what-if panel, with errors (de)', async (page) => {
    await openWithResult(page);
    let n = await page.eventCount();
    await page.check('#f-kommunen');
    await page.select('#f-k-land', 'HE');
    const res = await waitResult(page, n, (d) => d.kommunen?.land === 'HE');
    assert.ok(res.kommunen.rows.length > 0);
    await panelsDone(page);
    await page.axe('de, Kommunen');
    n = await page.eventCount();
    await page.fill('#f-costs', '-5');
    await page.keys(Key.ENTER);
    await page.waitEvent('efa-error', n);
    await page.axe('de, Kommunen, errors');
    await page.assertClean();
  });

  suite.test('axe-core at 320 CSS px: no violation, no horizontal scrolling, nothing wider than the viewport', async (page, { engine }) => {
    await openWithResult(page, '/www/index.html', { width: 320, height: 640 });
    await panelsDone(page);
    assert.equal(await page.js(() => window.innerWidth), 320, 'a 320 px viewport');
    await page.axe('de, 320 px');
    const overflow = await page.js(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${engine}: no horizontal page scrolling at 320 px (overflow ${overflow} px)`);
    const wide = await page.shadow((root) => [...root.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, [part$="-scroll"], .scroll')).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}`));
    assert.deepEqual(wide, [], `${engine}: elements wider than 320 px outside a scroll container`);
    await page.screenshot('demo-320');
    await page.assertClean();
  });
}
