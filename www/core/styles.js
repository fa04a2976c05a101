// The base styles of both elements: theme, type, controls, buttons, focus, status, tables, charts,
// print: what the first result shows. What comes later (the error summary, panels below the
// result, secondary buttons) is in styles-later.js, adopted with the parts that show it. Adopted into an element's shadow root as a constructed stylesheet (no
// <style> element and no style attribute, so the strict CSP page needs no 'unsafe-inline'), before
// the element's own rules (../rechner/styles.js, ../plan/styles.js); the parts loaded on demand
// bring their own few rules (their CSS export), adopted the same way.
// Theme with CSS custom properties on the element or any ancestor, for example:
//   efa-rechner { --efa-accent: #00507a; --efa-font: "Your Sans", sans-serif; }
// The defaults meet WCAG 2.1 AA contrast (text 4.5:1, UI parts 3:1) on white.

export const CSS = String.raw`
:host {
  --_text: var(--efa-text, #1b1b1b);
  --_muted: var(--efa-muted, #4b4b4b);
  --_bg: var(--efa-bg, #ffffff);
  --_surface: var(--efa-surface, #f3f2f1);
  --_border: var(--efa-border, #6f6f6f);
  --_rule: var(--efa-rule, #b1b4b6);
  --_accent: var(--efa-accent, #1d4f91);
  --_accent-text: var(--efa-accent-text, #ffffff);
  --_accent-hover: var(--efa-accent-hover, #153a6b);
  --_link: var(--efa-link, #1d4f91);
  --_error: var(--efa-error, #b3261e);
  --_focus: var(--efa-focus, #ffdd00);
  --_focus-ring: var(--efa-focus-ring, #0b0c0c);
  --_bar-land: var(--efa-bar-land, #1d4f91);
  --_bar-bund: var(--efa-bar-bund, #6b3f00);
  --_bar-track: var(--efa-bar-track, #e6e6e6);
  --_positive: var(--efa-positive, #0b6e2a);
  --_radius: var(--efa-radius, 0);
  --_font: var(--efa-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  display: block;
  container-type: inline-size;
  color: var(--_text);
  background: var(--_bg);
  font-family: var(--_font);
  font-size: 1rem;
  line-height: 1.5;
  text-align: start;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }

.wrap { padding: 0; min-height: 12rem; }
/* while the engine loads, hold roughly the space the calculator will take (less layout shift) */
.wrap.booting { min-height: 40rem; }
.loading { color: var(--_muted); padding: 1rem 0; }
h2, h3, h4 { line-height: 1.25; margin: 0 0 .75rem; overflow-wrap: break-word; hyphens: auto; }
h2 { font-size: 1.625rem; }
h3 { font-size: 1.25rem; margin-top: 1.75rem; }
h4 { font-size: 1.0625rem; margin-top: 1.25rem; }
p { margin: 0 0 .75rem; }
.intro { color: var(--_muted); max-width: 44rem; }

label, legend { font-weight: 700; display: block; margin-bottom: .25rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; min-width: 0; }
legend { padding: 0; font-size: 1.0625rem; }
.hint { color: var(--_muted); display: block; margin: 0 0 .5rem; font-weight: 400; }
.error-message { color: var(--_error); font-weight: 700; display: block; margin: 0 0 .5rem; }
.visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
  padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important;
  clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important;
}

input[type=text], input[type=date], input[type=search], select {
  font: inherit; color: var(--_text); background: var(--_bg);
  border: 2px solid var(--_focus-ring); border-radius: var(--_radius);
  padding: .375rem .5rem; min-height: 2.5rem; width: 100%; max-width: 100%;
}
select { max-width: 100%; width: auto; min-width: 12rem; }
input[type=file] { font: inherit; max-width: 100%; }

button, .button {
  font: inherit; font-weight: 700; border-radius: var(--_radius); cursor: pointer;
  min-height: 2.5rem; padding: .375rem .875rem; border: 2px solid var(--_accent);
  background: var(--_accent); color: var(--_accent-text);
  box-shadow: 0 2px 0 var(--_focus-ring);
}
button:hover { background: var(--_accent-hover); border-color: var(--_accent-hover); }
button:active { transform: translateY(2px); box-shadow: none; }
.buttons { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0 0 1rem; }

/* Focus: yellow and black, visible on any background (GOV.UK pattern). */
:focus { outline: none; }
:focus-visible, input:focus, input:focus-within, select:focus {
  outline: 3px solid var(--_focus) !important;
  outline-offset: 0;
  box-shadow: 0 0 0 6px var(--_focus-ring) !important;
}
a:focus, a:focus-visible { background: var(--_focus); color: var(--_focus-ring); box-shadow: 0 -2px var(--_focus), 0 4px var(--_focus-ring) !important; outline: none !important; text-decoration: none; }

a { color: var(--_link); text-underline-offset: .15em; }

/* ---- results ------------------------------------------------------------------------- */
.results { min-width: 0; }
.status { min-height: 3rem; margin: 0 0 1rem; padding: .5rem .75rem; background: var(--_surface); border-inline-start: 5px solid var(--_accent); }
.status.stale { border-inline-start-color: var(--_error); }
.summary { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0 0 1rem; }
.summary dt { font-weight: 700; }
.summary dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
@container (max-width: 32rem) {
  .summary { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .summary dd { margin-bottom: .5rem; }
}
.results.is-stale .result-body { border-inline-start: 5px dashed var(--_error); padding-inline-start: .75rem; }

.table-scroll { overflow-x: auto; max-width: 100%; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: start; font-weight: 700; font-size: 1.0625rem; padding: 0 0 .5rem; max-width: 100cqi; position: sticky; left: 0; }
th, td { padding: .375rem .5rem; border-bottom: 1px solid var(--_rule); vertical-align: top; text-align: start; }
thead th { border-bottom: 2px solid var(--_focus-ring); vertical-align: bottom; }
td.num, th.num { text-align: end; white-space: nowrap; }
thead th.num { white-space: normal; min-width: 7.5rem; }
.th-main { display: block; }
.th-sub { display: block; font-weight: 400; font-size: .875rem; color: var(--_muted); }
table.payers tbody th { white-space: nowrap; }
/* the first column stays in view while a wide table scrolls sideways */
table.payers tr > :first-child { position: sticky; left: 0; background: var(--_bg); z-index: 1; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--_focus-ring); border-bottom: 0; }
tbody th { font-weight: 400; }

figure { margin: 0 0 1.5rem; }
figcaption { font-weight: 700; margin: 0 0 .5rem; }
svg.chart { display: block; width: 100%; overflow: visible; }
svg.chart text { fill: var(--_text); font-family: var(--_font); font-size: 14px; }
svg .bar-land { fill: var(--_bar-land); }
svg .bar-bund { fill: var(--_bar-bund); }
figure[part=chart], .summary { max-width: 56rem; }
svg.chart .track { fill: var(--_bar-track); }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .5rem 0 0; padding: 0; list-style: none; color: var(--_muted); }
.legend svg { vertical-align: middle; margin-inline-end: .375rem; }

.sources { font-size: .9375rem; color: var(--_muted); }
.sources ul { padding-inline-start: 1.25rem; margin: 0; }
.warnings { border-inline-start: 5px solid #8a6d00; padding: .5rem .75rem; background: #fff7d6; }
.note { color: var(--_muted); }

@media (forced-colors: active) {
  svg .bar-land, svg .bar-bund { fill: CanvasText; }
  .status { border-color: CanvasText; }
}
@media print {
  :host { container-type: normal; }
  .no-print, .buttons { display: none !important; }
  .results.is-stale .result-body { border: 0; padding: 0; }
  .table-scroll { overflow: visible; }
  a { color: inherit; }
  table { page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  .status { display: none; }
}
`;

const sheets = new Map(); // CSS text -> CSSStyleSheet, shared by all instances
/**
 * Adopts a stylesheet into a shadow root, once: the base (CSS), an element's own, or that of a
 * part loaded on demand (its own CSS export, adopted when it is first shown).
 */
export function adoptStyles(root, css = CSS) {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
