// Tiny DOM builders. Every value is set as text or as an attribute, never parsed as HTML, so a name typed by one
// admin cannot run script in another admin's browser. Labels come from the dictionaries through `i18n` keys.
import { t } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.setAttribute('class', v);
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'i18n') { node.dataset.i18n = v; node.textContent = t(v); }
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'value' && 'value' in node) node.value = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** el('td', { class: 'data' }, 'text', childNode, ...) */
export function el(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** A table whose header cells are translated labels, in a wrapper that scrolls sideways on a narrow screen; rows are
 * appended to the returned tbody. */
export function table(id, headKeys) {
  const tbody = el('tbody', { id });
  const wrap = el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, el('tr', {}, headKeys.map((k) => el('th', { i18n: k })))), tbody));
  return { table: wrap, tbody };
}

/** A row of data cells (class "data": values from the server, not labels). */
export function row(cells, attrs) {
  return el('tr', attrs || {}, cells.map((c) => el('td', c instanceof Node ? {} : { class: 'data' }, c === null || c === undefined ? '' : c)));
}

export function button(key, onClick, attrs) {
  return el('button', Object.assign({ type: 'button', i18n: key, on: { click: onClick } }, attrs || {}));
}

/** <select> with translated option labels: items are [value, labelKey] or [value, text, true] (text not translated). */
export function select(id, items, attrs) {
  return el('select', Object.assign({ id }, attrs || {}), items.map(([value, label, raw]) =>
    raw ? el('option', { value, class: 'data', text: label }) : el('option', { value, i18n: label })));
}

export function field(labelKey, control) {
  return el('label', {}, el('span', { i18n: labelKey }), control);
}
