// The XML parts of a workbook, read strictly as src/text/sheet/xml.rs reads them: UTF-8 only, no
// document type declarations (so no entity of the file's own and no external entity: nothing
// outside the file is ever read), only the five predefined entities and character references,
// at most MAX_DEPTH levels. A pull reader: next() gives OPEN (name, attributes), CLOSE, TEXT or
// END; an empty element gives OPEN and CLOSE.

import { SheetError, damaged } from './errors.js';

export const MAX_DEPTH = 128;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;
export const END = 4;

const PREDEFINED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[^\s/>=]+/y;

/** The local name of an element or attribute (without its namespace prefix). */
export const local = (name) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

export class Xml {
  constructor(bytes, part) {
    this.part = part;
    try {
      this.s = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw this.damaged('not UTF-8');
    }
    this.i = 0;
    this.depth = 0;
    this.stack = [];
    this.closeNext = false;
    this.name = '';
    this.attrs = null;
    this.text = '';
  }

  damaged(what) {
    return damaged(`${this.part}: ${what}`);
  }

  /** Text or attribute value with its references resolved; another entity is refused. */
  unescape(raw, attribute) {
    if (raw.indexOf('&') < 0) return raw;
    return raw.replace(/&([^;&<]*);|&/g, (m, ref) => {
      if (ref === undefined) throw this.damaged('bare &');
      if (ref[0] === '#') {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        const ok = /^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
        if (!ok) throw this.damaged('character reference');
        return String.fromCodePoint(code);
      }
      const c = PREDEFINED[ref];
      if (c === undefined) throw attribute ? this.damaged('entity in attribute') : new SheetError('entities', { part: this.part });
      return c;
    });
  }

  next() {
    if (this.closeNext) {
      this.closeNext = false;
      this.depth--;
      this.stack.pop();
      return CLOSE;
    }
    const s = this.s;
    for (;;) {
      const i = this.i;
      if (i >= s.length) {
        if (this.depth) throw this.damaged('cut off');
        return END;
      }
      if (s.charCodeAt(i) !== 60) {
        let j = s.indexOf('<', i);
        if (j < 0) j = s.length;
        this.i = j;
        this.text = this.unescape(s.slice(i, j), false).replace(/\r\n?/g, '\n');
        return TEXT;
      }
      const c = s.charCodeAt(i + 1);
      if (c === 63) {
        // <? … ?>: the declaration or a processing instruction
        const j = s.indexOf('?>', i + 2);
        if (j < 0) throw this.damaged('cut off');
        this.i = j + 2;
        continue;
      }
      if (c === 33) {
        if (s.startsWith('<!--', i)) {
          const j = s.indexOf('-->', i + 4);
          if (j < 0) throw this.damaged('cut off');
          this.i = j + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', i)) {
          const j = s.indexOf(']]>', i + 9);
          if (j < 0) throw this.damaged('cut off');
          this.text = s.slice(i + 9, j);
          this.i = j + 3;
          return TEXT;
        }
        if (s.startsWith('<!DOCTYPE', i)) throw new SheetError('entities', { part: this.part });
        throw this.damaged('markup');
      }
      if (c === 47) {
        const j = s.indexOf('>', i);
        if (j < 0) throw this.damaged('cut off');
        const name = s.slice(i + 2, j).trim();
        if (!this.stack.length || this.stack.pop() !== name) throw this.damaged(`end tag </${name.slice(0, 40)}> does not match`);
        this.depth--;
        this.i = j + 1;
        return CLOSE;
      }
      return this.open(i);
    }
  }

  /** A start tag at `i`: its name and its attributes (name, raw value pairs). */
  open(i) {
    const s = this.s;
    NAME.lastIndex = i + 1;
    const m = NAME.exec(s);
    if (!m) throw this.damaged('element without a name');
    this.name = m[0];
    const attrs = [];
    let at = NAME.lastIndex;
    let empty = false;
    for (;;) {
      while (at < s.length && s.charCodeAt(at) <= 32) at++;
      if (at >= s.length) throw this.damaged('cut off');
      if (s.charCodeAt(at) === 62) {
        at++;
        break;
      }
      if (s.startsWith('/>', at)) {
        at += 2;
        empty = true;
        break;
      }
      NAME.lastIndex = at;
      const a = NAME.exec(s);
      if (!a) throw this.damaged('attribute');
      at = NAME.lastIndex;
      while (s.charCodeAt(at) <= 32) at++;
      if (s[at] !== '=') throw this.damaged('attribute');
      at++;
      while (s.charCodeAt(at) <= 32) at++;
      const q = s[at];
      if (q !== '"' && q !== "'") throw this.damaged('attribute');
      const end = s.indexOf(q, at + 1);
      if (end < 0) throw this.damaged('cut off');
      attrs.push(a[0], s.slice(at + 1, end));
      at = end + 1;
    }
    this.i = at;
    this.attrs = attrs;
    this.depth++;
    if (this.depth > MAX_DEPTH) throw this.damaged(`more than ${MAX_DEPTH} nested elements`);
    this.stack.push(this.name);
    this.closeNext = empty;
    return OPEN;
  }

  /** The attribute of the element just opened with this local name (or exact name). */
  attr(name, exact = false) {
    const a = this.attrs;
    for (let k = 0; k < a.length; k += 2) {
      if ((exact ? a[k] : local(a[k])) === name) return this.unescape(a[k + 1].replace(/[\t\n\r]/g, ' '), true);
    }
    return null;
  }

  /** Calls `open()` for every element opened inside the one just opened, at any depth (`open`
   *  reads or skips it, or leaves it to this loop), up to that element's end or the end of the
   *  text. `open` returning true stops early: the rest of the element is read past. */
  each(open) {
    const depth = this.depth;
    while (this.depth >= depth) {
      const ev = this.next();
      if (ev === END) return;
      if (ev === OPEN && open() === true) {
        while (this.depth >= depth) if (this.next() === END) return;
        return;
      }
    }
  }

  /** Reads up to the end of the element just opened. */
  skip() {
    const depth = this.depth;
    while (this.depth >= depth) if (this.next() === END) throw this.damaged('cut off');
  }

  /** The text inside the element just opened (nested elements' too), or null beyond `max` bytes. */
  textOf(max) {
    const depth = this.depth;
    let out = '';
    let over = false;
    while (this.depth >= depth) {
      const ev = this.next();
      if (ev === TEXT && !over) {
        if (utf8Length(out) + utf8Length(this.text) > max) over = true;
        else out += this.text;
      } else if (ev === END) throw this.damaged('cut off');
    }
    return over ? null : out;
  }
}

/** Bytes of a string in UTF-8 (a cell's limit is in bytes, as natively). */
export function utf8Length(s) {
  let n = s.length;
  if (n * 3 <= 4096) {
    // short text: only the non-ASCII characters add bytes
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : c < 0x800 ? 1 : 1;
    }
    return n;
  }
  return new TextEncoder().encode(s).length;
}
