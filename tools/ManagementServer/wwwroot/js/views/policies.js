// Policies: the attribute policy per reader (Fig 9A) and the notification routes per person × reader (Fig 9B) as
// editable tables, the areas and how they nest, holidays, and the site settings (time zone, retention, offline
// lifetime). Every change reaches the controllers with their next bundle.
import { del, get, post, put } from '../api.js';
import { button, el, field, row, select, table } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { attribute, seconds } from '../format.js';
import { guarded, heading, notice } from '../ui.js';
import { areaSection, holidaySection } from './site.js';

/** A Fig 9A cell: inherit (site-wide or built-in), fraud, or allowed. */
function cell(value, inherited, onChange, id) {
  const s = el('select', { id, class: 'policy' + (value === null ? ' inherited' : '') },
    el('option', { value: '', text: t(inherited ? 'policy.inheritFraud' : 'policy.inheritOk') }),
    el('option', { value: 'fraud', i18n: 'policy.fraud' }), el('option', { value: 'ok', i18n: 'policy.ok' }));
  s.value = value === null ? '' : value ? 'fraud' : 'ok';
  s.addEventListener('change', guarded(() => onChange(s.value)));
  return s;
}

async function attributeTable(box, reload) {
  const data = await get('/api/policies/table');
  const head = el('tr', {}, el('th', { i18n: 'policies.reader' }), data.attributes.map((a) => el('th', { class: 'data' }, attribute(a))));
  const siteRow = el('tr', { class: 'site-row' }, el('th', { i18n: 'policies.everyReader' }), data.attributes.map((a) => el('td', {},
    cell(data.site[a], true, async (v) => {
      if (v === '') await del('/api/policies/' + a);
      else await put('/api/policies/' + a, { fraudOnViolation: v === 'fraud' });
      notice(t('policies.saved'));
      await reload();
    }, 'site-' + a))));
  const rows = data.readers.map((r) => el('tr', { dataset: { readerId: r.id } }, el('th', { class: 'data' }, r.deviceName + ' / ' + r.name),
    data.attributes.map((a) => {
      const c = r.cells[a];
      return el('td', {}, cell(c.reader, c.site === null ? true : c.site, async (v) => {
        if (v === '') await del('/api/readers/' + encodeURIComponent(r.id) + '/policies/' + a);
        else await post('/api/readers/' + encodeURIComponent(r.id) + '/policies', { attribute: a, fraudOnViolation: v === 'fraud' });
        notice(t('policies.saved'));
        await reload();
      }, 'policy-' + r.id + '-' + a));
    })));
  box.replaceChildren(el('div', { class: 'table-wrap' }, el('table', { id: 'attribute-policies', class: 'matrix' }, el('thead', {}, head), el('tbody', {}, siteRow, rows))));
}

async function routeTable(box, reload) {
  const [routes, users, readers] = await Promise.all([get('/api/routes'), get('/api/users'), get('/api/readers')]);
  const list = table('routes', ['policies.person', 'policies.reader', 'policies.channel', 'policies.target', 'policies.content', '']);
  for (const r of routes) {
    list.tbody.appendChild(row([r.userName, (r.doorName ? r.doorName + ' / ' : '') + r.readerName, t('channel.' + r.channel), r.target, tOr('routeContent.', r.content),
      button('action.remove', guarded(async () => { await del('/api/routes/' + encodeURIComponent(r.id)); await reload(); }), { class: 'small' })]));
  }
  const person = el('select', { id: 'route-person' }, users.filter((u) => !u.revoked).map((u) => el('option', { value: u.id, class: 'data', text: u.name })));
  const reader = el('select', { id: 'route-reader' }, readers.map((r) => el('option', { value: r.id, class: 'data', text: r.deviceName + ' / ' + r.name })));
  const channel = select('route-channel', [['mqtt', 'channel.mqtt'], ['webhook', 'channel.webhook']]);
  const target = el('input', { id: 'route-target', class: 'data', required: true, maxlength: 500, placeholder: 'dc/v1/term/guard-desk' });
  const form = el('form', { id: 'route-form' }, field('policies.person', person), field('policies.reader', reader), field('policies.channel', channel),
    field('policies.target', target), el('button', { type: 'submit', i18n: 'action.add' }));
  form.addEventListener('submit', guarded(async () => {
    await post('/api/users/' + encodeURIComponent(person.value) + '/routes', { readerId: reader.value, channel: channel.value, target: target.value, content: 'fraud' });
    notice(t('policies.saved'));
    await reload();
  }));
  box.replaceChildren(list.table, form);
}

async function settings(box) {
  const [zone, retention, lifetime] = await Promise.all([get('/api/settings/time-zone'), get('/api/settings/retention'), get('/api/settings/offline-lifetime')]);
  const tz = el('input', { id: 'setting-zone', value: zone.timeZone, list: 'zones', maxlength: 64 });
  const zones = el('datalist', { id: 'zones' }, ['Asia/Tokyo', 'Asia/Seoul', 'Asia/Shanghai', 'Asia/Singapore', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney', 'UTC']
    .map((z) => el('option', { value: z })));
  const days = el('input', { id: 'setting-retention', type: 'number', min: 1, max: 3650, value: retention.retentionDays });
  const hours = el('input', { id: 'setting-lifetime', type: 'number', min: 1, max: 2160, value: Math.round(lifetime.seconds / 3600) });
  const lifetimeNow = el('span', { class: 'data' }, seconds(lifetime.seconds));
  const save = (id, action) => { const f = el('form', { id }); f.addEventListener('submit', guarded(async () => { await action(); notice(t('policies.saved')); })); return f; };
  const zoneForm = save('zone-form', () => put('/api/settings/time-zone', { timeZone: tz.value }));
  zoneForm.append(field('settings.timeZone', tz), zones, el('button', { type: 'submit', i18n: 'action.save' }), el('span', { class: 'help', i18n: 'settings.timeZoneHelp' }));
  const retentionForm = save('retention-form', () => put('/api/settings/retention', { retentionDays: Number(days.value) }));
  retentionForm.append(field('settings.retention', days), el('button', { type: 'submit', i18n: 'action.save' }), el('span', { class: 'help', i18n: 'settings.retentionHelp' }));
  const lifetimeForm = save('lifetime-form', async () => {
    const r = await put('/api/settings/offline-lifetime', { seconds: Number(hours.value) * 3600 });
    lifetimeNow.textContent = seconds(r.seconds);
  });
  lifetimeForm.append(field('settings.offlineHours', hours), lifetimeNow, el('button', { type: 'submit', i18n: 'action.save' }), el('span', { class: 'help', i18n: 'settings.offlineHelp' }));
  box.replaceChildren(zoneForm, retentionForm, lifetimeForm);
}

export default {
  id: 'policies',
  nav: 'nav.policies',
  roles: ['admin'],
  async mount(root) {
    const fig9a = el('div', { id: 'fig9a' }), fig9b = el('div', { id: 'fig9b' }), areas = el('div', { id: 'areas-box' });
    const holidays = el('div', { id: 'holidays-box' }), site = el('div', { id: 'settings-box' });
    root.append(...heading('policies.title'),
      el('h3', { i18n: 'policies.fig9a' }), el('p', { class: 'help', i18n: 'policies.fig9aHelp' }), fig9a,
      el('h3', { i18n: 'policies.fig9b' }), el('p', { class: 'help', i18n: 'policies.fig9bHelp' }), fig9b,
      el('h3', { i18n: 'policies.areas' }), areas,
      el('h3', { i18n: 'policies.holidays' }), el('p', { class: 'help', i18n: 'policies.holidaysHelp' }), holidays,
      el('h3', { i18n: 'policies.settings' }), site);
    const reload9a = () => attributeTable(fig9a, reload9a);
    const reload9b = () => routeTable(fig9b, reload9b);
    await Promise.all([reload9a(), reload9b(), areaSection(areas), holidaySection(holidays), settings(site)]);
    return {};
  },
};
