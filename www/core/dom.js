// Tiny DOM builder: elements are created with createElement and text is set with textContent,
// so no HTML string is ever parsed (Trusted Types safe) and no style attribute is ever written
// (strict CSP safe).

const PROPS = new Set(['value', 'checked', 'selected', 'open', 'hidden', 'disabled']);
const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, props) {
  for (const k in props) {
    const v = props[k];
    if (v === undefined || v === null || v === false) continue;
    if (k === 'style' || k.startsWith('on') && typeof v !== 'function') {
      throw new Error(`dom.h: no "${k}"`);
    }
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v); // (a function: checked above)
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, children) {
  // (recursion, not flat(Infinity): a table of rows builds no intermediate arrays)
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c !== undefined && c !== null && c !== false) el.append(c); // (a string becomes a text node)
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

/**
 * Makes `parent`'s children equal to `next` (fresh nodes, not in the document), keeping the nodes
 * already there where the tag matches and writing only the texts and attributes that differ: a
 * new result of the same shape then costs the browser layout and paint of what changed, not of
 * everything built anew. Attributes are compared, properties that are not (a field's value) are
 * not: for output, not for forms. A <details> is replaced whole (its open state and listeners
 * belong to the new one).
 */
export function morph(parent, next) {
  const old = [...parent.childNodes];
  next.forEach((b, i) => {
    const a = old[i];
    if (a?.nodeName !== b.nodeName || b.localName === 'details') a ? a.replaceWith(b) : parent.append(b);
    else if (!b.getAttributeNames) {
      if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
    } else {
      for (const n of a.getAttributeNames()) if (!b.hasAttribute(n)) a.removeAttribute(n);
      for (const n of b.getAttributeNames()) if (a.getAttribute(n) !== b.getAttribute(n)) a.setAttribute(n, b.getAttribute(n));
      morph(a, [...b.childNodes]);
    }
  });
  for (const a of old.slice(next.length)) a.remove();
}

/** Deepest focused element, through shadow roots. */
export function deepActive(root = document) {
  let a = root.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

let seq = 0;
export const uid = (p = 'u') => `${p}-${++seq}`;
