// One person's page: profile, every credential by method (add, revoke one or all), permissions and time windows per
// reader, door or area, calendar entries with their place, notification routes, and their recent history and alerts.
import { del, get, post, put } from '../api.js';
import { button, el, field, row, select, table } from '../dom.js';
import { t } from '../i18n.js';
import { attribute, day, direction, fromLocal, method, reason, result, time, toLocal } from '../format.js';
import { confirmAction, guarded, notice } from '../ui.js';
import { METHODS, attributeSelect } from './people.js';
import { permissionForm, permissionRows } from './permissions.js';

const section = (id, key, ...content) => el('section', { id, class: 'panel' }, el('h3', { i18n: key }), ...content);

function profileForm(p, users, reload) {
  const u = p.user;
  const name = el('input', { id: 'profile-name', value: u.name, required: true, maxlength: 200 });
  const attr = attributeSelect('profile-attribute');
  attr.value = u.attribute;
  const title = el('input', { id: 'profile-title', value: u.title || '', maxlength: 200 });
  const contact = el('input', { id: 'profile-contact', value: u.contact || '', maxlength: 200 });
  const inviter = el('select', { id: 'profile-inviter' }, el('option', { value: '', i18n: 'people.noInviter' }),
    users.filter((x) => x.id !== u.id && !x.revoked).map((x) => el('option', { value: x.id, class: 'data', text: x.name })));
  inviter.value = u.inviterId || '';
  const from = el('input', { id: 'profile-from', type: 'datetime-local', value: toLocal(u.validFrom) });
  const until = el('input', { id: 'profile-until', type: 'datetime-local', value: toLocal(u.validUntil) });
  const form = el('form', { id: 'profile-form' }, field('people.name', name), field('people.attribute', attr), field('people.jobTitle', title),
    field('people.contact', contact), field('people.inviter', inviter), field('people.validFrom', from), field('people.validUntil', until),
    el('button', { type: 'submit', i18n: 'action.save' }));
  form.addEventListener('submit', guarded(async () => {
    await put('/api/users/' + encodeURIComponent(u.id), { name: name.value, attribute: attr.value, title: title.value || null, contact: contact.value || null,
      inviterId: inviter.value || null, validFrom: fromLocal(from.value), validUntil: fromLocal(until.value) });
    notice(t('person.saved'));
    await reload();
  }));
  return form;
}

function credentialSection(p, reload) {
  const id = encodeURIComponent(p.user.id);
  const list = table('credentials', ['person.method', 'person.added', 'people.validity', 'person.state', '']);
  for (const c of p.credentials) {
    const state = c.revoked ? t('person.revoked') : c.usedAt ? t(c.minutesAfterFirstUse ? 'person.firstUsed' : 'person.used', { time: time(c.usedAt) }) : t('person.active');
    const kind = (c.oneTime ? ' ' + t('person.oneTime') : '') + (c.duress ? ' ' + t('person.duress') : '') +
      (c.minutesAfterFirstUse ? ' ' + t('person.minutesAfterFirstUse', { minutes: c.minutesAfterFirstUse }) : '');
    const revoke = !c.revoked ? button('person.revoke', guarded(async () => {
      if ((await confirmAction(t('person.confirmRevoke', { method: method(c.method) }))) === null) return;
      await del('/api/credentials/' + encodeURIComponent(c.id));
      await reload();
    }), { class: 'small' }) : '';
    list.tbody.appendChild(row([method(c.method) + kind, time(c.createdAt),
      (c.validFrom ? day(c.validFrom) : '') + (c.validUntil ? ' – ' + day(c.validUntil) : ''), state, revoke],
    { dataset: { credentialId: c.id, method: c.method }, class: c.revoked ? 'revoked' : '' }));
  }
  const methodSel = select('credential-method', METHODS.map((m) => [m, 'method.' + m]).concat([['phone', 'method.phone']]));
  const value = el('input', { id: 'credential-value', 'data-i18n-placeholder': 'people.valueHint', placeholder: t('people.valueHint') });
  const until = el('input', { id: 'credential-until', type: 'date' });
  const form = el('form', { id: 'credential-form' }, field('person.method', methodSel), field('people.value', value), field('people.validUntil', until),
    el('button', { type: 'submit', i18n: 'person.addCredential' }));
  const shown = el('p', { id: 'credential-result', class: 'notice data' });
  form.addEventListener('submit', guarded(async () => {
    if (methodSel.value === 'phone') {
      const r = await post('/api/users/' + id + '/phone');
      shown.textContent = t('person.phoneKeys', { ref: r.userRef, keys: JSON.stringify(r) });
    } else {
      await post('/api/users/' + id + '/credentials', { method: methodSel.value, value: value.value || undefined,
        validUntil: until.value ? fromLocal(until.value) + 86400000 : undefined });
      shown.textContent = t('person.credentialAdded', { method: method(methodSel.value) });
    }
    value.value = '';
    await reload();
  }));
  const revokeAll = button('person.revokeAll', guarded(async () => {
    if ((await confirmAction(t('person.confirmRevokeAll', { name: p.user.name }))) === null) return;
    const r = await post('/api/users/' + id + '/credentials/revoke-all');
    notice(t('person.revokedAll', { n: r.revoked }));
    await reload();
  }), { id: 'revoke-all', class: 'danger' });
  return section('person-credentials', 'person.credentials', list.table, form, shown, revokeAll);
}

function scheduleSection(p, reload) {
  const list = table('schedules', ['person.event', 'person.place', 'person.starts', 'person.ends', '']);
  for (const s of p.schedules) {
    list.tbody.appendChild(row([s.title, s.location + (s.latitude != null ? ' (' + s.latitude + ', ' + s.longitude + ')' : ''), time(s.startsAt), time(s.endsAt),
      button('action.remove', guarded(async () => { await del('/api/schedules/' + encodeURIComponent(s.id)); await reload(); }), { class: 'small' })]));
  }
  const title = el('input', { id: 'schedule-title', required: true, maxlength: 200 });
  const place = el('input', { id: 'schedule-place', required: true, maxlength: 200 });
  const starts = el('input', { id: 'schedule-starts', type: 'datetime-local', required: true });
  const ends = el('input', { id: 'schedule-ends', type: 'datetime-local', required: true });
  const lat = el('input', { id: 'schedule-lat', type: 'number', step: 'any', min: -90, max: 90 });
  const lon = el('input', { id: 'schedule-lon', type: 'number', step: 'any', min: -180, max: 180 });
  const form = el('form', { id: 'schedule-form' }, field('person.event', title), field('person.place', place), field('person.starts', starts),
    field('person.ends', ends), field('person.latitude', lat), field('person.longitude', lon), el('button', { type: 'submit', i18n: 'action.add' }));
  form.addEventListener('submit', guarded(async () => {
    await post('/api/users/' + encodeURIComponent(p.user.id) + '/schedules', { title: title.value, location: place.value, startsAt: fromLocal(starts.value),
      endsAt: fromLocal(ends.value), latitude: lat.value === '' ? undefined : Number(lat.value), longitude: lon.value === '' ? undefined : Number(lon.value) });
    await reload();
  }));
  return section('person-schedule', 'person.schedule', el('p', { class: 'help', i18n: 'person.scheduleHelp' }), list.table, form);
}

function routeSection(p, readers, reload) {
  const list = table('person-routes', ['policies.reader', 'policies.channel', 'policies.target', '']);
  for (const r of p.routes) {
    list.tbody.appendChild(row([r.readerName, t('channel.' + r.channel), r.target,
      button('action.remove', guarded(async () => { await del('/api/routes/' + encodeURIComponent(r.id)); await reload(); }), { class: 'small' })]));
  }
  const reader = el('select', { id: 'route-reader' }, readers.map((r) => el('option', { value: r.id, class: 'data', text: r.deviceName + ' / ' + r.name })));
  const channel = select('route-channel', [['mqtt', 'channel.mqtt'], ['webhook', 'channel.webhook']]);
  const target = el('input', { id: 'route-target', class: 'data', required: true, maxlength: 500, placeholder: 'dc/v1/term/guard-desk' });
  const form = el('form', { id: 'route-form' }, field('policies.reader', reader), field('policies.channel', channel), field('policies.target', target),
    el('button', { type: 'submit', i18n: 'action.add' }));
  form.addEventListener('submit', guarded(async () => {
    await post('/api/users/' + encodeURIComponent(p.user.id) + '/routes', { readerId: reader.value, channel: channel.value, target: target.value, content: 'fraud' });
    await reload();
  }));
  return section('person-routes-panel', 'person.routes', el('p', { class: 'help', i18n: 'person.routesHelp' }), list.table, form);
}

function recentSection(p) {
  const h = table('person-history', ['history.time', 'history.door', 'history.method', 'history.direction', 'history.result', 'history.reason']);
  for (const r of p.history) h.tbody.appendChild(row([time(r.occurredAt), r.doorName || r.readerName || '', method(r.method), direction(r.direction), result(r.granted), reason(r.reason)],
    { class: r.granted ? 'granted' : 'denied' }));
  const a = table('person-alerts', ['alerts.time', 'alerts.kind', 'alerts.where', 'alerts.state']);
  for (const x of p.alerts) a.tbody.appendChild(row([time(x.createdAt), t('alertKind.' + x.kind), x.doorName || x.readerName || x.deviceName || '',
    x.acknowledgedAt ? t('alerts.acknowledgedBy', { who: x.acknowledgedBy }) : t('alerts.open')]));
  return section('person-recent', 'person.recent', el('a', { href: '#/history/user/' + encodeURIComponent(p.user.id), i18n: 'person.allHistory' }), h.table,
    el('h4', { i18n: 'person.alerts' }), a.table);
}

export default {
  id: 'person',
  nav: 'nav.people',
  roles: ['admin'],
  async mount(root, ctx) {
    const userId = ctx.params[0];
    const body = el('div', {});
    root.append(el('p', {}, el('a', { href: '#/people', i18n: 'person.back' })), body);
    const draw = async () => {
      const [p, users, readers, doors, areas] = await Promise.all([get('/api/users/' + encodeURIComponent(userId) + '/profile'), get('/api/users'),
        get('/api/readers'), get('/api/doors'), get('/api/areas')]);
      const u = p.user;
      const where = u.presence === 'inside' ? t('person.insideSince', { area: u.presenceAreaName || '', time: time(u.presenceSince) })
        : u.presence ? t('person.outsideSince', { area: u.presenceAreaName || '', time: time(u.presenceSince) }) : t('person.noPresence');
      const invited = p.invited.length ? el('p', { class: 'data' }, t('person.invited', { names: p.invited.map((g) => g.name).join(', ') })) : null;
      const revoke = !u.revoked ? button('person.revokePerson', guarded(async () => {
        if ((await confirmAction(t('person.confirmRevokePerson', { name: u.name }))) === null) return;
        await del('/api/users/' + encodeURIComponent(u.id));
        await draw();
      }), { id: 'revoke-person', class: 'danger' }) : null;
      body.replaceChildren(...[
        el('h2', { id: 'person-name', class: 'data' }, u.name),
        el('p', { class: 'summary data' }, [attribute(u.attribute), u.title, u.revoked ? t('people.revoked') : null, u.inviterName ? t('person.invitedBy', { name: u.inviterName }) : null].filter(Boolean).join(' · ')),
        el('p', { id: 'person-presence', class: 'data' }, where), invited,
        section('person-profile', 'person.profile', profileForm(p, users, draw)),
        credentialSection(p, draw),
        section('person-permissions', 'person.permissions', permissionRows(p.permissions, draw), permissionForm(u.id, readers, doors, areas, draw)),
        scheduleSection(p, draw),
        routeSection(p, readers, draw),
        recentSection(p),
        revoke].filter(Boolean));
    };
    await draw();
    return {};
  },
};
