// Japanese and English: chosen from the browser the first time, switchable, remembered in this browser.
// Every label on the page is a key in both dictionaries (js/lang); elements built with a key carry it in
// data-i18n, so switching the language re-labels the page without rebuilding it.
import en from './lang/en.js';
import ja from './lang/ja.js';

const dictionaries = { en, ja };
const STORE = 'doorctl.lang';
let current = initial();

function initial() {
  const saved = localStorage.getItem(STORE);
  if (saved && dictionaries[saved]) return saved;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    if (l.toLowerCase().startsWith('ja')) return 'ja';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export function lang() { return current; }

/** The label for a key, with {name} placeholders filled; a missing key shows the key itself (tests catch it). */
export function t(key, params) {
  let text = dictionaries[current][key];
  if (text === undefined) text = key;
  if (params) for (const [k, v] of Object.entries(params)) text = text.split('{' + k + '}').join(String(v));
  return text;
}

/** A label if the key exists, else the raw value (server vocabularies such as reason codes). */
export function tOr(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = prefix + value;
  return dictionaries[current][key] !== undefined ? t(key) : String(value);
}

export function apply(root) {
  for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
  for (const n of root.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
  for (const n of root.querySelectorAll('[data-i18n-title]')) n.title = t(n.dataset.i18nTitle);
  for (const n of root.querySelectorAll('[data-i18n-aria]')) n.setAttribute('aria-label', t(n.dataset.i18nAria));
  document.documentElement.lang = current;
  document.title = t('app.title');
}

export function setLang(l) {
  if (!dictionaries[l] || l === current) return;
  current = l;
  localStorage.setItem(STORE, l);
  apply(document);
  window.dispatchEvent(new CustomEvent('langchange'));
}

export function languages() { return Object.keys(dictionaries); }
