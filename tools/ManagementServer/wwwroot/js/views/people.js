// People: the list (searchable), a new person with a first credential, and the whole list in and out as CSV.
// A name opens the person's own page (admins).
import { get, post } from '../api.js';
import { el, field, row, select, table } from '../dom.js';
import { t } from '../i18n.js';
import { attribute, day, fromLocal } from '../format.js';
import { guarded, heading, notice } from '../ui.js';

export const ATTRIBUTES = ['employee', 'guard', 'guest', 'resident', 'contractor', 'delivery'];
export const METHODS = ['nfc', 'pin', 'wiegand', 'qr', 'ble', 'face'];
/** The columns of the people CSV (Services/PeopleCsv.Columns). */
const CSV_COLUMNS = ['name', 'attribute', 'title', 'contact', 'valid_from', 'valid_until', 'inviter', 'credentials', 'doors'];

export function attributeSelect(id) { return select(id, ATTRIBUTES.map((a) => [a, 'attribute.' + a])); }

function validity(u) {
  if (!u.validFrom && !u.validUntil) return t('people.always');
  return (u.validFrom ? day(u.validFrom) : '') + ' – ' + (u.validUntil ? day(u.validUntil) : '');
}

export default {
  id: 'people',
  nav: 'nav.people',
  async mount(root, ctx) {
    const admin = ctx.role === 'admin';
    const search = el('input', { id: 'people-search', type: 'search', 'data-i18n-placeholder': 'people.search', placeholder: t('people.search') });
    const list = table('users', ['people.name', 'people.attribute', 'people.jobTitle', 'people.credentials', 'people.validity', 'people.state']);
    root.append(...heading('people.title', admin ? 'people.help' : null), search, list.table);
    let users = [];
    const draw = () => {
      const q = search.value.trim().toLowerCase();
      list.tbody.replaceChildren(...users.filter((u) => !q || u.name.toLowerCase().includes(q) || (u.title || '').toLowerCase().includes(q)).map((u) => {
        const name = admin ? el('a', { href: '#/people/' + encodeURIComponent(u.id), class: 'data' }, u.name) : u.name;
        return row([name, attribute(u.attribute), u.title || '', String(u.credentialCount), validity(u), t(u.revoked ? 'people.revoked' : 'people.active')],
          { dataset: { userId: u.id }, class: u.revoked ? 'revoked' : '' });
      }));
    };
    search.addEventListener('input', draw);
    const refresh = async () => { users = await get('/api/users'); draw(); };
    if (!admin) return { refresh };

    const name = el('input', { id: 'user-name', required: true, maxlength: 200 });
    const attr = attributeSelect('user-attribute');
    const title = el('input', { id: 'user-title', maxlength: 200 });
    const inviter = el('select', { id: 'user-inviter' });
    const from = el('input', { id: 'user-from', type: 'date' });
    const until = el('input', { id: 'user-until', type: 'date' });
    const methodSel = select('user-method', [['', 'people.noCredential']].concat(METHODS.map((m) => [m, 'method.' + m])));
    const value = el('input', { id: 'user-value', 'data-i18n-placeholder': 'people.valueHint', placeholder: t('people.valueHint') });
    const form = el('form', { id: 'user-form', class: 'admin-only' },
      field('people.name', name), field('people.attribute', attr), field('people.jobTitle', title), field('people.inviter', inviter),
      field('people.validFrom', from), field('people.validUntil', until), field('people.firstCredential', methodSel), field('people.value', value),
      el('button', { type: 'submit', i18n: 'people.create' }));
    form.addEventListener('submit', guarded(async () => {
      const body = { name: name.value, attribute: attr.value, title: title.value || undefined, inviterId: inviter.value || undefined,
        validFrom: from.value ? fromLocal(from.value) : undefined, validUntil: until.value ? fromLocal(until.value) + 86400000 : undefined, credentials: [] };
      if (methodSel.value) body.credentials.push({ method: methodSel.value, value: value.value });
      const r = await post('/api/users', body);
      notice(t('people.created', { name: body.name }));
      name.value = ''; value.value = '';
      location.hash = '#/people/' + encodeURIComponent(r.id);
    }));

    const file = el('input', { id: 'people-csv', type: 'file', accept: '.csv,text/csv' });
    const importForm = el('form', { id: 'import-form' }, field('people.csvFile', file), el('button', { type: 'submit', i18n: 'people.import' }),
      el('a', { id: 'people-export', href: '/api/people/export', download: 'doorctl-people.csv', i18n: 'people.export' }));
    importForm.addEventListener('submit', guarded(async () => {
      if (!file.files.length) return;
      const csv = await file.files[0].text();
      const r = await post('/api/people/import', { csv });
      notice(t('people.imported', { n: r.created.length }));
      file.value = '';
      await refresh();
    }));
    root.append(el('h3', { i18n: 'people.new' }), form, el('h3', { i18n: 'people.csv' }),
      el('p', { class: 'help' }, el('span', { i18n: 'people.csvHelp' }), ' ', el('code', { class: 'data' }, CSV_COLUMNS.join(', '))), importForm);
    return {
      async refresh() {
        await refresh();
        const keep = inviter.value;
        inviter.replaceChildren(el('option', { value: '', i18n: 'people.noInviter' }),
          ...users.filter((u) => !u.revoked && u.attribute !== 'guest').map((u) => el('option', { value: u.id, class: 'data', text: u.name })));
        inviter.value = keep;
      },
    };
  },
};
