// Demo page behaviour (no inline script): language switch for the page and the elements,
// copy button for the embed snippet, and the real GV100AD file when the server offers it.

const el = document.querySelector('efa-rechner');
const elements = document.querySelectorAll('efa-rechner, efa-plan');
const switcher = document.querySelector('[data-lang-switch]');

function setLang(lang) {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-de]')) {
    const text = node.dataset[lang] ?? node.dataset.de;
    if (node.hasAttribute('data-attr')) node.setAttribute(node.dataset.attr, text);
    else node.textContent = text;
  }
  for (const e of elements) if (e.getAttribute('lang') !== lang) e.setAttribute('lang', lang);
  if (switcher) {
    const other = lang === 'de' ? 'en' : 'de';
    switcher.textContent = other === 'en' ? 'English' : 'Deutsch';
    switcher.setAttribute('lang', other);
    switcher.setAttribute('aria-label', other === 'en' ? 'Switch to English' : 'Auf Deutsch umschalten');
  }
  document.title = document.querySelector('meta[name="title-' + lang + '"]')?.content || document.title;
  const url = new URL(location.href);
  if (lang === 'de') url.searchParams.delete('lang');
  else url.searchParams.set('lang', lang);
  history.replaceState(history.state, '', url);
}

const initial = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'de';
setLang(initial);
switcher?.addEventListener('click', () => setLang(document.documentElement.lang === 'de' ? 'en' : 'de'));

const copyBtn = document.querySelector('[data-copy-snippet]');
const snippet = document.getElementById('snippet');
const copyStatus = document.getElementById('snippet-status');
copyBtn?.addEventListener('click', async () => {
  const de = document.documentElement.lang === 'de';
  try {
    await navigator.clipboard.writeText(snippet.textContent);
    copyStatus.textContent = de ? 'Code kopiert.' : 'Code copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(snippet);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    copyStatus.textContent = de ? 'Bitte den markierten Code kopieren (Strg+C).' : 'Please copy the selected code (Ctrl+C).';
  }
});

// Offer the real Destatis GV100AD file when the demo server has ../shared/data.
const realBtn = document.querySelector('[data-real-gv100ad]');
const realBox = document.getElementById('real-data');
if (realBtn && realBox) {
  fetch('/shared-data/', { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : { files: [] }))
    .then(({ files }) => {
      // newest first: GV100AD_DDMMYYYY.txt
      const key = (f) => f.replace(/^.*_(\d{2})(\d{2})(\d{4})\.txt$/, '$3$2$1');
      const file = (files || []).filter((f) => /^gv100ad\/GV100AD_\d{8}\.txt$/.test(f)).sort((a, b) => key(b).localeCompare(key(a)))[0];
      if (!file) return;
      realBox.hidden = false;
      realBtn.addEventListener('click', () => {
        el.setAttribute('kommunen-src', `/shared-data/${file}`);
        const req = el.request || {};
        req.kommunen = { land: req.kommunen?.land || (Array.isArray(req.alliance) ? req.alliance[0] : 'HE'), level: 'gemeinde', landShare: '0.5', exemptBelow: 2000 };
        el.request = req;
        realBtn.setAttribute('aria-pressed', 'true');
      });
    })
    .catch(() => {});
}

// Skip link without touching the URL fragment (the calculator keeps its state there).
document.querySelector('.skip-link')?.addEventListener('click', (e) => {
  const target = document.getElementById('main');
  if (!target) return;
  e.preventDefault();
  target.focus();
});
