// The parts of the form that the first result does not need: errors at the fields and in the
// error summary (engine paths -> fields), and keeping the typed text across a language switch.
// Loaded on demand (before the first error is shown, before a rebuild); it adds these methods to
// EfaForm.

import { h, clear } from '../../core/dom.js';
import { t } from '../i18n.js';
import '../parts/i18n.js'; // the parts' texts
import { parseNumber, forInput } from '../../core/format.js';
import { tn } from '../../core/plural.js';
import { EfaForm } from './form.js';

/** The status line's count of errors shown ("1 Eingabe enthält einen Fehler."). */
export const statusErrors = (lang, n) => tn(lang, 'statusErrors', n);

// The error display's styles (adopted by the element before it shows an error): the error summary
// and invalid fields of the base styles, and a field group with an error.
export { CSS as LATER_CSS } from '../../core/styles-later.js';
export const CSS = String.raw`
.group.has-error { border-inline-start: 5px solid var(--_error); padding-inline-start: .75rem; }
`;

const methods = {
  // ---- engine paths -> fields ---------------------------------------------------------------

  fieldForError(err, request) {
    const path = String(err.path || '');
    const code = err.code;
    if (code === 'missing_gv100ad' || code === 'invalid_gv100ad' || path.startsWith('gv100ad')) return 'kfile';
    if (!path) return null;
    if (path === 'year') return 'year';
    let m = /^costs(?:\[(\d+)\])?/.exec(path);
    if (m) {
      if (Array.isArray(request?.costs)) {
        const item = m[1] !== undefined ? request.costs[Number(m[1])] : null;
        if (item && this.fields[`item:${item.category}`]) {
          if (/\.(model|key)/.test(path)) return 'model';
          return `item:${item.category}`;
        }
        return 'items';
      }
      return 'costs';
    }
    m = /^alliance\[(\d+)\]/.exec(path);
    if (m && Array.isArray(request?.alliance)) {
      const id = this.landId(request.alliance[Number(m[1])]);
      return id ? `land:${id}` : 'alliance';
    }
    if (path.startsWith('alliance')) return 'alliance';
    if (path.startsWith('model')) return 'model';
    m = /^key\.(usage|targetGroup|weights)\.([^.[]+)/.exec(path);
    if (m) {
      const id = this.landId(m[2]);
      if (id && this.fields[`keyval:${id}`] && !this.c.kvRows[id].hidden) return `keyval:${id}`;
      return 'key';
    }
    if (path.startsWith('key')) return 'key';
    m = /^membership\.([^.]+)(?:\.(from|to))?/.exec(path);
    if (m) {
      const id = this.landId(m[1]);
      if (id) return `${m[2] || 'from'}:${id}`;
      return 'alliance';
    }
    m = /^kommunen(?:\.(\w+))?/.exec(path);
    if (m) return { land: 'kland', level: 'klevel', landShare: 'kshare', key: 'kkey', exemptBelow: 'kexempt' }[m[1]] || 'kland';
    return null;
  },

  // ---- showing errors -------------------------------------------------------------------

  clearErrors() {
    for (const el of this.form.querySelectorAll('.error-message')) el.remove();
    for (const el of this.form.querySelectorAll('.has-error')) el.classList.remove('has-error');
    for (const el of this.form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const f of Object.values(this.fields)) {
      for (const el of f.targets) {
        const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && !x.startsWith('e-'));
        if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
        else el.removeAttribute('aria-describedby');
      }
    }
    this.summary.hidden = true;
    clear(this.summary);
  },

  /** errors: [{ field, messages }]; returns the list of shown errors (deduplicated). */
  showErrors(errors) {
    this.clearErrors();
    if (!errors.length) return [];
    const L = (k, v) => t(this.lang, k, v);
    const list = h('ul', {});
    const seen = new Set();
    let n = 0;
    for (const e of errors) {
      const msg = e.messages?.[this.lang] || e.messages?.de || e.message || String(e.code || 'error');
      const f = e.field ? this.fields[e.field] : null;
      const dedupe = `${e.field}|${msg}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      n++;
      if (f) {
        const id = `e-${n}`;
        const p = h('p', { class: 'error-message', id }, h('span', { class: 'visually-hidden', text: `${L('errorPrefix')} ` }), msg);
        // place the message after the label/legend and hint, before the control
        // a message inside a closed <details> must be visible
        for (let d = f.group.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
        const anchorEl = f.group.querySelector(':scope > .hint') || f.group.querySelector(':scope > label, :scope > legend');
        if (anchorEl) anchorEl.after(p);
        else f.group.prepend(p);
        f.group.classList.add('has-error');
        const targets = e.field.startsWith('land:') ? [this.fields.alliance.targets[0]] : f.targets;
        for (const el of targets) {
          const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
          ids.push(id);
          el.setAttribute('aria-describedby', ids.join(' '));
          if (el.tagName === 'INPUT' || el.tagName === 'SELECT') el.setAttribute('aria-invalid', 'true');
        }
        const link = h('a', { href: `#${f.focus.id}`, text: msg });
        link.addEventListener('click', (ev) => {
          ev.preventDefault();
          this.focusField(e.field);
        });
        list.append(h('li', {}, link));
      } else {
        list.append(h('li', { text: msg }));
      }
    }
    this.summary.append(h('h3', { id: 'error-summary-title', text: L('errorSummaryTitle') }), list);
    this.summary.hidden = false;
    return [...seen];
  },

  focusField(key) {
    const f = this.fields[key];
    if (!f) return;
    if (key.startsWith('from:') || key.startsWith('to:')) this.c.membership.open = true;
    if (['kland', 'klevel', 'kshare', 'kkey', 'kexempt', 'kfile'].includes(key)) {
      this.c.kOn.checked = true;
      this.syncVisibility();
    }
    f.focus.focus();
    f.group.scrollIntoView?.({ block: 'center' });
  },

  focusSummary() {
    if (!this.summary.hidden) this.summary.focus();
  },

  // ---- language switch without losing typed text ---------------------------------------------

  snapshot() {
    const out = {};
    for (const el of this.form.querySelectorAll('input, select, details')) {
      if (!el.id) continue;
      if (el.tagName === 'DETAILS') out[el.id] = { open: el.open };
      else if (el.type === 'checkbox' || el.type === 'radio') out[el.id] = { checked: el.checked };
      else if (el.type !== 'file') out[el.id] = { value: el.value, field: el.dataset.field };
    }
    if (this.c.membership) out.__membership = { open: this.c.membership.open };
    return { controls: out, extras: this.extras, itemExtras: this.itemExtras, touched: this.touched, submitted: this.submitted, oldLang: this.lang };
  },

  restore(snap) {
    this.extras = snap.extras;
    this.itemExtras = snap.itemExtras;
    this.touched = snap.touched;
    this.submitted = snap.submitted;
    if (Object.keys(snap.controls).some((id) => /^f-(from|to)-/.test(id))) this.buildMembership();
    this.fillModelOptions(snap.controls['f-model']?.value);
    this.fillKeyOptions(snap.controls['f-key']?.value);
    for (const [id, st] of Object.entries(snap.controls)) {
      if (id === '__membership') {
        this.c.membership.open = st.open;
        continue;
      }
      const el = this.form.querySelector(`#${globalThis.CSS.escape(id)}`);
      if (!el) continue;
      if ('checked' in st) el.checked = st.checked;
      else if ('open' in st) el.open = st.open;
      else if (el.tagName === 'SELECT') {
        if ([...el.options].some((o) => o.value === st.value)) el.value = st.value;
      } else {
        let v = st.value;
        if (el.type === 'text' && v && st.field && st.field !== 'year') {
          const r = parseNumber(v, snap.oldLang, {});
          if (r.value !== undefined) v = forInput(this.lang, r.value);
        }
        el.value = v;
      }
    }
    this.syncVisibility();
  },
};

Object.assign(EfaForm.prototype, methods);
