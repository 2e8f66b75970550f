// Areas and how they nest (an area may be moved under another; the server refuses cycles), and the site's holidays
// (days on which only windows with the holiday bit apply).
import { del, get, post, put } from '../api.js';
import { button, el, field, row, table } from '../dom.js';
import { t } from '../i18n.js';
import { guarded, notice } from '../ui.js';

/** Areas in tree order with their depth. */
function ordered(areas) {
  const byParent = new Map();
  for (const a of areas) {
    const k = a.parentId || '';
    if (!byParent.has(k)) byParent.set(k, []);
    byParent.get(k).push(a);
  }
  const out = [];
  const walk = (parent, depth) => { for (const a of byParent.get(parent) || []) { out.push([a, depth]); walk(a.id, depth + 1); } };
  walk('', 0);
  return out;
}

export async function areaSection(box) {
  const reload = () => areaSection(box);
  const areas = await get('/api/areas');
  const options = (except) => [el('option', { value: '', i18n: 'areas.top' })].concat(areas.filter((a) => a.id !== except)
    .map((a) => el('option', { value: a.id, class: 'data', text: a.name })));
  const list = table('areas', ['areas.name', 'areas.number', 'areas.inside']);
  for (const [a, depth] of ordered(areas)) {
    const parent = el('select', { class: 'area-parent', dataset: { areaId: a.id } }, options(a.id));
    parent.value = a.parentId || '';
    parent.addEventListener('change', guarded(async () => {
      await put('/api/areas/' + encodeURIComponent(a.id), { parentId: parent.value || null });
      notice(t('policies.saved'));
      await reload();
    }));
    list.tbody.appendChild(row([el('span', { class: 'data depth-' + Math.min(depth, 6) }, '\u00a0\u00a0'.repeat(depth) + (depth ? '└ ' : '') + a.name),
      String(a.number || ''), parent], { dataset: { areaId: a.id } }));
  }
  const name = el('input', { id: 'area-name', required: true, maxlength: 200 });
  const parent = el('select', { id: 'area-new-parent' }, options(null));
  const form = el('form', { id: 'area-form' }, field('areas.name', name), field('areas.inside', parent), el('button', { type: 'submit', i18n: 'areas.add' }));
  form.addEventListener('submit', guarded(async () => {
    await post('/api/areas', { name: name.value, parentId: parent.value || undefined });
    notice(t('policies.saved'));
    await reload();
  }));
  box.replaceChildren(list.table, form);
}

export async function holidaySection(box) {
  const reload = () => holidaySection(box);
  const days = await get('/api/holidays');
  const list = table('holidays', ['holidays.day', 'holidays.name', '']);
  for (const h of days) {
    list.tbody.appendChild(row([h.day, h.name, button('action.remove', guarded(async () => { await del('/api/holidays/' + h.day); await reload(); }), { class: 'small' })],
      { dataset: { day: h.day } }));
  }
  const day = el('input', { id: 'holiday-day', type: 'date', required: true });
  const name = el('input', { id: 'holiday-name', required: true, maxlength: 100 });
  const form = el('form', { id: 'holiday-form' }, field('holidays.day', day), field('holidays.name', name), el('button', { type: 'submit', i18n: 'action.add' }));
  form.addEventListener('submit', guarded(async () => {
    await put('/api/holidays/' + day.value, { name: name.value });
    await reload();
  }));
  box.replaceChildren(list.table, form);
}
