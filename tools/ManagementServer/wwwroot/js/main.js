// The page shell: sign-in, the navigation a role may use, hash routes (#/doors, #/people/u-…), one view at a time
// refreshed on its own interval, the health banner and the open-alert count, and the language switch.
import { api, get, onUnauthorized } from './api.js';
import { el } from './dom.js';
import { apply, lang, setLang, t } from './i18n.js';
import { setZone } from './format.js';
import { fail } from './ui.js';
import doors from './views/doors.js';
import presence from './views/presence.js';
import people from './views/people.js';
import person from './views/person.js';
import history from './views/history.js';
import alerts from './views/alerts.js';
import policies from './views/policies.js';
import setup from './views/setup.js';
import accounts from './views/accounts.js';

const VIEWS = [doors, presence, people, history, alerts, policies, setup, accounts];
const $ = (id) => document.getElementById(id);
const session = { role: null, username: null };
let active = null; // { view, handle, timer }
let shellTimer = null;

function allowed(view) { return !view.roles || view.roles.includes(session.role); }

function buildNav() {
  const nav = $('nav');
  nav.replaceChildren();
  for (const v of VIEWS.filter(allowed)) {
    const b = el('a', { href: '#/' + v.id, dataset: { view: v.id } }, el('span', { i18n: v.nav }));
    if (v.id === 'alerts') b.appendChild(el('span', { id: 'alert-count', class: 'badge data' }));
    nav.appendChild(b);
  }
}

function route() {
  const path = (location.hash || '#/doors').slice(2).split('/');
  let view = VIEWS.find((v) => v.id === path[0]);
  if (path[0] === 'people' && path[1]) view = person;
  if (!view || !allowed(view)) view = doors;
  return { view, params: path.slice(1).map(decodeURIComponent) };
}

async function show() {
  if (!session.role) return;
  if (active) {
    clearInterval(active.timer);
    if (active.handle && active.handle.unmount) active.handle.unmount();
  }
  $('app-error').textContent = '';
  $('app-notice').textContent = '';
  const { view, params } = route();
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === (view === person ? 'people' : view.id));
  const root = el('section', { id: 'view-' + view.id, class: 'view' });
  $('view').replaceChildren(root);
  const current = { view, handle: null, timer: null };
  active = current;
  try {
    current.handle = await view.mount(root, { role: session.role, username: session.username, params });
    if (active !== current) return;
    if (current.handle && current.handle.refresh) {
      await current.handle.refresh();
      if (view.pollMs) current.timer = setInterval(() => current.handle.refresh().catch(() => {}), view.pollMs);
    }
  } catch (e) {
    fail(e);
  }
}

async function shellRefresh() {
  const health = await get('/api/health');
  $('health').hidden = health.ok;
  $('health').textContent = health.ok ? '' : t('health.trouble', {
    what: health.failing.map((f) => f.condition + ' (' + f.error + ')').join('; '), unanswered: health.unansweredDecisions });
  const open = await get('/api/alerts?open=1&limit=500');
  const badge = $('alert-count');
  if (badge) badge.textContent = open.length ? String(open.length) : '';
}

function showLogin() {
  session.role = null;
  if (shellTimer) { clearInterval(shellTimer); shellTimer = null; }
  if (active) { clearInterval(active.timer); active = null; }
  $('login-view').hidden = false;
  $('app-view').hidden = true;
  $('nav').hidden = true;
  $('logout').hidden = true;
  $('whoami').textContent = '';
}

async function showApp() {
  const me = await get('/api/auth/me');
  session.role = me.role;
  session.username = me.username;
  const site = await get('/api/site');
  setZone(site.timeZone);
  document.body.className = 'role-' + me.role;
  $('whoami').textContent = me.username + ' (' + t('role.' + me.role) + ')';
  $('login-view').hidden = true;
  $('app-view').hidden = false;
  $('nav').hidden = false;
  $('logout').hidden = false;
  buildNav();
  await show();
  shellRefresh().catch(() => {});
  shellTimer = setInterval(() => shellRefresh().catch(() => {}), 2000);
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').textContent = '';
  try {
    await api('POST', '/api/auth/login', { username: $('login-user').value, password: $('login-pass').value });
  } catch (e) {
    $('login-error').textContent = e.status === 401 ? t('auth.wrong') : e.message;
    return;
  }
  $('login-pass').value = '';
  await showApp().catch(fail);
});
$('logout').addEventListener('click', () => api('POST', '/api/auth/logout').catch(() => {}).finally(showLogin));
$('lang').addEventListener('change', () => setLang($('lang').value));
window.addEventListener('hashchange', () => show());
window.addEventListener('langchange', () => {
  if (session.role) $('whoami').textContent = session.username + ' (' + t('role.' + session.role) + ')';
  // Views draw times and words from data: redraw the current one in the new language.
  show();
});
onUnauthorized(showLogin);

$('lang').value = lang();
apply(document);
showApp().catch(showLogin);
