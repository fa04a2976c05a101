// <efa-plan>'s own rules. The element adopts the calculator's stylesheet first
// (../core/styles.js: the --efa-* theme properties, tables, buttons, focus, error summary,
// chart colours), then these, both as constructed stylesheets (no style attribute, strict CSP).

export const CSS = String.raw`
:host { --_compare: var(--efa-bar-compare, #0b0c0c); }
.wrap { min-height: 8rem; }
/* the buttons' visually hidden labels are positioned: keep them inside the scrolling region */
.table-scroll { position: relative; }
.open-plan { border: 2px dashed var(--_border); padding: 1rem; margin: 0 0 1.5rem; max-width: 56rem; }
.open-plan.dragging { border-style: solid; border-color: var(--_accent); background: var(--_surface); }
.open-plan h3 { margin-top: 0; }
.controls { display: flex; flex-wrap: wrap; gap: 1rem 2rem; margin: 1rem 0 0; }
.controls > div { min-width: 0; }
.drop-note { margin: .5rem 0 0; color: var(--_muted); }
.sentence { font-size: 1.1875rem; font-weight: 700; max-width: 56rem; margin: 0 0 1.25rem; padding: .75rem 1rem; border-inline-start: 5px solid var(--_accent); background: var(--_surface); }
tr.highlight > * { font-weight: 700; }
table.lines td:last-child, table.entries td:last-child { text-align: start; white-space: normal; }
.status-exceeded { font-weight: 700; color: var(--_error); }
tr.exceeded > th { font-weight: 700; }
button.small { min-height: 2.25rem; padding: .125rem .625rem; font-size: .9375rem; }
.charts { display: grid; gap: 1.5rem 2.5rem; grid-template-columns: minmax(0, 1fr); }
.charts > h3 { margin-bottom: 0; }
@container (min-width: 60rem) { .charts { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .charts > h3 { grid-column: 1 / -1; } }
svg .bar-compare { fill: none; stroke: var(--_compare); stroke-width: 2; }
.calc-box { margin-top: 2rem; border-top: 2px solid var(--_rule); padding-top: 1rem; }
.calc-box:empty { display: none; }
.error-summary:focus { outline: 3px solid var(--_focus); }
.error-summary .where { display: block; font-weight: 400; color: var(--_text); }
@media (forced-colors: active) {
  svg .bar-compare { stroke: CanvasText; }
  .open-plan { border-color: CanvasText; }
}
@media print {
  .open-plan, .export, .calc-box, td button, th.open-col { display: none !important; }
  .charts { display: block; }
  figure.year-chart { break-inside: avoid; }
  .sentence { border: 0; padding: 0; background: none; }
}
`;
