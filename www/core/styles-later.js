// The base rules of what the first result does not show: the error summary and invalid fields,
// the panels below the result and their secondary buttons. Shared by both elements like
// styles.js, but not needed for the first paint: <efa-rechner>'s parts loaded on demand bring
// them along (their LATER_CSS export, adopted before their own CSS); <efa-plan> adopts them
// at once.

export const CSS = String.raw`
input[aria-invalid=true], select[aria-invalid=true] { border-color: var(--_error); border-width: 3px; }
button.secondary { background: var(--_surface); color: var(--_text); border-color: var(--_border); }
button.secondary:hover { background: #dbdad9; }
button:disabled, button[aria-disabled=true] { opacity: .6; cursor: not-allowed; }

/* ---- error summary ------------------------------------------------------------------- */
.error-summary { border: 5px solid var(--_error); padding: 1rem; margin: 0 0 1.5rem; }
.error-summary h3 { margin-top: 0; font-size: 1.125rem; }
.error-summary ul { margin: 0; padding-inline-start: 1.25rem; }
.error-summary a { color: var(--_error); font-weight: 700; }

.panel { border-top: 2px solid var(--_rule); padding-top: .25rem; margin-top: 1.5rem; }

@media (forced-colors: active) {
  .error-summary { border-color: CanvasText; }
}
@media print {
  .panel { break-before: auto; }
}
`;
