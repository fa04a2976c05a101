// <efa-rechner>'s own rules: the form's layout and controls, what print leaves out (the parts
// loaded on demand bring theirs: errors at the fields in form/more.js, the explanation's list, …).
// Adopted after the base styles of ../core/styles.js (theme, controls, tables, …), both as
// constructed stylesheets (no style attribute, strict CSP).

import { adoptStyles } from '../core/styles.js';

export const CSS = String.raw`
.layout { display: grid; gap: 2rem; grid-template-columns: minmax(0, 1fr); }
/* Side by side only where the payer table (six amount columns) still fits next to the form. */
@container (min-width: 84rem) {
  .layout { grid-template-columns: minmax(18rem, 24rem) minmax(0, 1fr); align-items: start; gap: 2.5rem; }
  .layout.readonly { grid-template-columns: minmax(0, 1fr); }
}
form { container-type: inline-size; }
.form-grid { display: grid; grid-template-columns: minmax(0, 1fr); column-gap: 2.5rem; }
@container (min-width: 46rem) {
  .form-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  .fa { grid-column: 1; grid-row: 1; }
  .fb { grid-column: 2; grid-row: 1 / span 2; }
  .fc { grid-column: 1; grid-row: 2; }
}

/* ---- form ---------------------------------------------------------------------------- */
form { margin: 0; }
.group { margin: 0 0 1.5rem; }
input.w-year { max-width: 7rem; }
input.w-amount { max-width: 16rem; }
input.w-num { max-width: 11rem; }
input.w-date { max-width: 12rem; }
/* WebKit lets a long selected option's text overflow a width-capped select (it ignores overflow on
   a select) and so scrolls the whole page sideways at 320 px; the others clip it themselves. The
   group clips it, with room in its padding for the 6 px focus ring (WebKit has no
   overflow-clip-margin). */
.group:has(> select) { overflow-x: clip; padding-inline: .5rem; margin-inline: -.5rem; }
.choices { display: grid; gap: .25rem .75rem; grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr)); }
.choice { display: flex; align-items: flex-start; gap: .5rem; min-height: 2.25rem; padding: .125rem 0; }
.choice label { font-weight: 400; margin: 0; padding-top: .25rem; cursor: pointer; }
.choice.all label { font-weight: 700; }
.choice input { width: 1.5rem; height: 1.5rem; margin: .25rem 0 0; flex: none; accent-color: var(--_accent); cursor: pointer; }
.choice-all { margin-bottom: .5rem; padding-bottom: .5rem; border-bottom: 1px solid var(--_rule); }

.rows { display: grid; gap: .75rem; }
.row2 { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
.row2 > div { min-width: 0; }
.keyvals { display: grid; gap: .5rem 1rem; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); }
.keyvals label { font-weight: 400; }
.member { border-top: 1px solid var(--_rule); padding-top: .5rem; margin: 0; }
.member legend { font-size: 1rem; }
.member label { font-weight: 400; }

details { margin: 0 0 1.5rem; }
summary { cursor: pointer; color: var(--_link); text-decoration: underline; text-underline-offset: .15em; padding: .25rem 0; display: list-item; }
details[open] > summary { margin-bottom: .75rem; }
.details-body { border-inline-start: 5px solid var(--_rule); padding-inline-start: 1rem; }

.subfields { border-inline-start: 5px solid var(--_rule); padding-inline-start: 1rem; margin: .5rem 0 0; }
.model-info { margin: .5rem 0 0; color: var(--_muted); }
.model-info .src { font-size: .9375rem; }
.file-status { margin: .5rem 0 0; }

.choice input:focus { outline-offset: 2px; }

@media print {
  form { container-type: normal; }
  .layout { display: block; }
  form, .pager, .tools, .share-row, .whatif { display: none !important; }
}
`;

/** Adopts the base styles and the element's own into its shadow root. */
export function adoptElementStyles(root) {
  adoptStyles(root);
  adoptStyles(root, CSS);
}
