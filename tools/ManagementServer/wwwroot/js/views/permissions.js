// A person's permissions (Fig 3C): per reader, with weekly windows; granted for one reader, or for every reader of a
// door or of an area (the server expands a group into reader permissions in one transaction).
import { del, post } from '../api.js';
import { button, el, field, row, select, table } from '../dom.js';
import { t } from '../i18n.js';
import { days, hhmm } from '../format.js';
import { guarded } from '../ui.js';

/** The permissions grouped by permission (one row each, its windows joined), door first. */
export function permissionRows(rows, reload) {
  const byId = new Map();
  for (const r of rows) {
    if (!byId.has(r.id)) byId.set(r.id, Object.assign({ windows: [] }, r));
    if (r.daysMask != null) byId.get(r.id).windows.push(days(r.daysMask) + ' ' + hhmm(r.startMinute) + '–' + hhmm(r.endMinute));
  }
  const list = table('permissions', ['person.door', 'policies.reader', 'person.windows', '']);
  for (const p of byId.values()) {
    list.tbody.appendChild(row([p.doorName || '', p.readerName, p.windows.join(', ') || t('person.anyTime'),
      button('action.remove', guarded(async () => { await del('/api/permissions/' + encodeURIComponent(p.id)); await reload(); }), { class: 'small' })],
    { dataset: { permissionId: p.id, readerId: p.readerId } }));
  }
  return list.table;
}

export function permissionForm(userId, readers, doors, areas, reload) {
  const kind = select('perm-kind', [['door', 'person.byDoor'], ['reader', 'person.byReader'], ['area', 'person.byArea']]);
  const target = el('select', { id: 'perm-target' });
  const fill = () => {
    const items = kind.value === 'reader' ? readers.map((r) => [r.id, r.deviceName + ' / ' + r.name])
      : kind.value === 'door' ? doors.map((d) => [d.id, d.name]) : areas.map((a) => [a.id, a.name]);
    target.replaceChildren(...items.map(([v, text]) => el('option', { value: v, class: 'data', text })));
  };
  kind.addEventListener('change', fill);
  fill();
  const boxes = [];
  const dayBoxes = el('fieldset', { id: 'perm-days', class: 'days' }, el('legend', { i18n: 'person.days' }),
    [1, 2, 3, 4, 5, 6, 0, 7].map((d) => {
      const box = el('input', { type: 'checkbox', value: d === 7 ? 128 : 1 << d, checked: d >= 1 && d <= 5 });
      boxes.push(box);
      return el('label', { class: 'day' }, box, el('span', { i18n: d === 7 ? 'days.holidays' : 'day.' + d }));
    }));
  const start = el('input', { id: 'perm-start', type: 'time', value: '08:00', required: true });
  const end = el('input', { id: 'perm-end', type: 'time', value: '19:00', required: true });
  const form = el('form', { id: 'perm-form' }, field('person.grantAt', kind), field('person.target', target), dayBoxes,
    field('person.from', start), field('person.to', end), el('button', { type: 'submit', i18n: 'person.grant' }));
  const minutes = (v) => { const [h, m] = v.split(':').map(Number); return h * 60 + m; };
  form.addEventListener('submit', guarded(async () => {
    const mask = boxes.filter((b) => b.checked).reduce((m, b) => m | Number(b.value), 0);
    const windows = [{ days: mask, start: minutes(start.value), end: end.value === '00:00' ? 1440 : minutes(end.value) }];
    const id = encodeURIComponent(userId);
    if (kind.value === 'reader') await post('/api/users/' + id + '/permissions', { readerId: target.value, windows });
    else await post('/api/users/' + id + '/permissions/group', { [kind.value === 'door' ? 'doorId' : 'areaId']: target.value, windows });
    await reload();
  }));
  return form;
}
