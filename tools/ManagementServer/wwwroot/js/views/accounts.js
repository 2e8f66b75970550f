// Accounts: your own password; for admins, the admin and guard accounts and the audit trail of every change.
import { del, get, post } from '../api.js';
import { button, el, field, row, select, table } from '../dom.js';
import { t } from '../i18n.js';
import { time } from '../format.js';
import { guarded, heading, notice } from '../ui.js';

export default {
  id: 'accounts',
  nav: 'nav.accounts',
  async mount(root, ctx) {
    const current = el('input', { id: 'password-current', type: 'password', autocomplete: 'current-password', required: true });
    const fresh = el('input', { id: 'password-new', type: 'password', autocomplete: 'new-password', minlength: 8, required: true });
    const passwordForm = el('form', { id: 'password-form' }, field('accounts.current', current), field('accounts.new', fresh),
      el('button', { type: 'submit', i18n: 'accounts.change' }));
    passwordForm.addEventListener('submit', guarded(async () => {
      await post('/api/auth/password', { currentPassword: current.value, newPassword: fresh.value });
      current.value = ''; fresh.value = '';
      notice(t('accounts.changed'));
    }));
    root.append(...heading('accounts.password'), passwordForm);
    if (ctx.role !== 'admin') return {};

    const name = el('input', { id: 'admin-name', required: true, maxlength: 64 });
    const pass = el('input', { id: 'admin-pass', type: 'password', autocomplete: 'new-password', minlength: 8, required: true });
    const roleSel = select('admin-role', [['guard', 'role.guard'], ['admin', 'role.admin']]);
    const adminForm = el('form', { id: 'admin-form' }, field('auth.username', name), field('auth.password', pass), field('accounts.role', roleSel),
      el('button', { type: 'submit', i18n: 'accounts.create' }));
    const admins = table('admins', ['auth.username', 'accounts.role', 'accounts.sessions', '']);
    const audit = table('audit', ['audit.time', 'audit.who', 'audit.from', 'audit.action', 'audit.subject', 'audit.result', 'audit.detail']);
    root.append(el('h2', { i18n: 'accounts.title' }), adminForm, admins.table, el('h2', { i18n: 'audit.title' }),
      el('p', {}, el('a', { href: '/api/audit/export?format=csv', download: 'doorctl-audit.csv', i18n: 'audit.export' })), audit.table);
    const refresh = async () => {
      const [list, trail] = await Promise.all([get('/api/admins'), get('/api/audit?limit=100')]);
      admins.tbody.replaceChildren(...list.map((a) => row([a.username, t('role.' + a.role), String(a.sessions), el('span', {},
        button('accounts.endSessions', guarded(async () => { const r = await del('/api/admins/' + a.id + '/sessions'); notice(t('accounts.ended', { n: r.ended, name: a.username })); await refresh(); })),
        button('action.delete', guarded(async () => { await del('/api/admins/' + a.id); await refresh(); })))])));
      audit.tbody.replaceChildren(...trail.map((e) => row([time(e.at), (e.adminName || '—') + (e.role ? ' (' + t('role.' + e.role) + ')' : ''), e.address, e.action, e.subject,
        e.status == null ? t('audit.unfinished') : e.status + ' ' + e.outcome, e.detail || ''], { class: e.status >= 400 || e.status == null ? 'denied' : '' })));
    };
    adminForm.addEventListener('submit', guarded(async () => {
      await post('/api/admins', { username: name.value, password: pass.value, role: roleSel.value });
      notice(t('accounts.created', { name: name.value }));
      name.value = ''; pass.value = '';
      await refresh();
    }));
    return { refresh };
  },
};
