// Tiny DOM builder: elements are created with createElement and text is set with textContent,
// so no HTML string is ever parsed (Trusted Types safe) and no style attribute is ever written
// (strict CSP safe).

const PROPS = new Set(['value', 'checked', 'selected', 'open', 'hidden', 'disabled', 'indeterminate', 'multiple']);
const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'style' || k.startsWith('on') && typeof v !== 'function') {
      throw new Error(`dom.h: "${k}" is not allowed`);
    }
    if (typeof v === 'function' && k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** h('p', {class: 'x', text: 'hello'}) or h('p', {}, child, 'text', ...) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  apply(el, props);
  return append(el, children);
}

/** The same for SVG elements. */
export function s(tag, props, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, props);
  return append(el, children);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Deepest focused element, through shadow roots. */
export function deepActive(root = document) {
  let a = root.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

let seq = 0;
export const uid = (p = 'u') => `${p}-${++seq}`;
