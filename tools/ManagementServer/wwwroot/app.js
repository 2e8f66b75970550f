// doorctl admin page: plain JS, no build step. Every value from the server is written with textContent, never
// innerHTML, so names typed by one admin cannot run script in another admin's browser.
'use strict';
const $ = (id) => document.getElementById(id);
let role = null;
let lastLogId = 0;
let pollTimer = null;

async function api(method, path, body) {
  const init = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (res.status === 401 && path !== '/api/auth/login') { showLogin(); }
  if (!res.ok) throw new Error((data && data.error) || (res.status + ' ' + res.statusText));
  return data;
}

function fail(e) { $('app-error').textContent = e.message; $('app-notice').textContent = ''; }
function notice(text) { $('app-notice').textContent = text; $('app-error').textContent = ''; }
function time(ms) { return ms ? new Date(ms).toLocaleString() : ''; }
function minutes(hhmm) { const [h, m] = hhmm.split(':').map(Number); return h * 60 + m; }

function row(tbody, cells, cls) {
  const tr = document.createElement('tr');
  if (cls) tr.className = cls;
  for (const c of cells) {
    const td = document.createElement('td');
    if (c instanceof Node) td.appendChild(c); else td.textContent = c == null ? '' : String(c);
    tr.appendChild(td);
  }
  tbody.appendChild(tr);
  return tr;
}

function button(label, onclick) {
  const b = document.createElement('button');
  b.textContent = label;
  b.addEventListener('click', onclick);
  return b;
}

function fillSelect(select, items, label) {
  const keep = select.value;
  select.replaceChildren();
  for (const it of items) {
    const o = document.createElement('option');
    o.value = it.id; o.textContent = label(it);
    select.appendChild(o);
  }
  if (keep) select.value = keep;
}

function showLogin() {
  $('login-view').hidden = false; $('app-view').hidden = true; $('logout').hidden = true; $('whoami').textContent = '';
  if (pollTimer) { clearInterval(pollTimer); pollTimer = null; }
}

async function showApp() {
  const me = await api('GET', '/api/auth/me');
  role = me.role;
  document.body.className = 'role-' + role;
  $('whoami').textContent = me.username + ' (' + role + ')';
  $('login-view').hidden = true; $('app-view').hidden = false; $('logout').hidden = false;
  selectTab('people');
  await refreshAll();
  lastLogId = 0; $('history').replaceChildren();
  await pollHistory();
  pollTimer = setInterval(() => { pollHistory().catch(() => {}); refreshAlerts().catch(() => {}); }, 1000);
}

function selectTab(name) {
  for (const s of document.querySelectorAll('[data-view]')) s.hidden = s.dataset.view !== name;
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.tab === name);
}

async function refreshAll() { await Promise.all([refreshUsers(), refreshDevices(), refreshAlerts()]); }

async function refreshUsers() {
  const users = await api('GET', '/api/users');
  const tbody = $('users'); tbody.replaceChildren();
  for (const u of users) {
    const revoke = role === 'admin' && !u.revoked ? button('Revoke', () => api('DELETE', '/api/users/' + u.id).then(refreshUsers).catch(fail)) : (u.revoked ? 'revoked' : '');
    row(tbody, [u.name, u.attribute, u.credentialCount, u.id, revoke]);
  }
  const active = users.filter((u) => !u.revoked);
  fillSelect($('perm-user'), active, (u) => u.name);
  fillSelect($('guest-inviter'), active.filter((u) => u.attribute === 'employee' || u.attribute === 'resident'), (u) => u.name);
}

async function refreshDevices() {
  const [devices, readers, doors] = await Promise.all([api('GET', '/api/devices'), api('GET', '/api/readers'), api('GET', '/api/doors')]);
  const tbody = $('devices'); tbody.replaceChildren();
  for (const d of devices) {
    const remote = document.createElement('span');
    if (role === 'admin') {
      for (const cmd of ['unlock', 'lockdown', 'release', 'normal']) {
        remote.appendChild(button(cmd, () => api('POST', '/api/devices/' + d.id + '/commands', { command: cmd })
          .then((r) => notice(cmd + ' sent to ' + d.name + (r.published ? '' : ' (recorded; no broker connected)'))).catch(fail)));
      }
    }
    row(tbody, [d.name, d.location, d.usage, d.cacheVersion, d.flashMb + ' MB' + (d.syncError ? ': ' + d.syncError : ''), remote]);
  }
  fillSelect($('reader-device'), devices.filter((d) => !d.revoked), (d) => d.name);
  const names = new Map(devices.map((d) => [d.id, d.name]));
  const dt = $('doors'); dt.replaceChildren();
  for (const o of doors) row(dt, [o.name, names.get(o.deviceId) || o.deviceId, o.number, o.unlockMs == null ? 'site default' : o.unlockMs]);
  const rt = $('readers'); rt.replaceChildren();
  for (const r of readers) row(rt, [r.name, r.deviceName, r.usage, r.number, r.id]);
  for (const s of document.querySelectorAll('.reader-select')) fillSelect(s, readers, (r) => r.deviceName + ' / ' + r.name);
}

// One poll at a time: on a slow server the 1 s timer would otherwise start a second poll from the same
// lastLogId and show the same rows twice. Rows are also keyed by log id.
let historyPolling = false;

async function pollHistory() {
  if (historyPolling) return;
  historyPolling = true;
  try {
    const rows = await api('GET', '/api/log?after=' + lastLogId + '&limit=200');
    const tbody = $('history');
    for (const r of rows) {
      lastLogId = Math.max(lastLogId, r.id);
      if (tbody.querySelector('tr[data-log-id="' + r.id + '"]')) continue;
      const tr = row(tbody, [time(r.occurredAt), r.userName || r.userId || '—', r.readerId, r.direction, r.granted ? 'granted' : 'denied', r.reason, r.source], r.granted ? 'granted' : 'denied');
      tr.dataset.logId = r.id;
      tbody.insertBefore(tr, tbody.firstChild);
    }
  } finally {
    historyPolling = false;
  }
}

async function refreshAlerts() {
  const health = await api('GET', '/api/health');
  $('health').hidden = health.ok;
  $('health').textContent = health.ok ? '' : 'Server trouble: ' + health.failing.map((f) => f.condition + ' failing since ' + time(f.since) + ' (' + f.error + ')').join('; ')
    + ' — online decisions left unanswered: ' + health.unansweredDecisions + '; controllers decide from their caches.';
  const alerts = await api('GET', '/api/alerts?limit=100');
  const tbody = $('alerts'); tbody.replaceChildren();
  let open = 0;
  for (const a of alerts) {
    let state;
    if (a.acknowledgedAt) state = 'acknowledged by ' + a.acknowledgedBy;
    else { open++; state = button('Acknowledge', () => api('POST', '/api/alerts/' + a.id + '/ack').then(refreshAlerts).catch(fail)); }
    const tr = row(tbody, [time(a.createdAt), a.kind, a.userName || a.userId || '', a.message, state]);
    tr.dataset.alertId = a.id;
  }
  $('alert-count').textContent = open ? '(' + open + ')' : '';
}

async function refreshAccounts() {
  if (role !== 'admin') return;
  const [admins, audit] = await Promise.all([api('GET', '/api/admins'), api('GET', '/api/audit?limit=100')]);
  const tbody = $('admins'); tbody.replaceChildren();
  for (const a of admins) {
    const actions = document.createElement('span');
    actions.appendChild(button('End sessions', () => api('DELETE', '/api/admins/' + a.id + '/sessions')
      .then((r) => notice(r.ended + ' session(s) of ' + a.username + ' ended')).then(refreshAccounts).catch(fail)));
    actions.appendChild(button('Delete', () => api('DELETE', '/api/admins/' + a.id).then(refreshAccounts).catch(fail)));
    row(tbody, [a.username, a.role, a.sessions, actions]);
  }
  const at = $('audit'); at.replaceChildren();
  for (const e of audit) {
    row(at, [time(e.at), (e.adminName || 'anonymous') + (e.role ? ' (' + e.role + ')' : ''), e.address, e.action, e.subject,
      e.status == null ? 'unfinished' : e.status + ' ' + e.outcome, e.detail], e.status >= 400 || e.status == null ? 'denied' : '');
  }
}

function on(id, handler) {
  $(id).addEventListener('submit', (ev) => { ev.preventDefault(); handler().catch(fail); });
}

on('login-form', async () => {
  $('login-error').textContent = '';
  try { await api('POST', '/api/auth/login', { username: $('login-user').value, password: $('login-pass').value }); }
  catch (e) { $('login-error').textContent = e.message; return; }
  await showApp();
});

on('user-form', async () => {
  const body = { name: $('user-name').value, attribute: $('user-attribute').value, credentials: [] };
  if ($('user-method').value) body.credentials.push({ method: $('user-method').value, value: $('user-value').value });
  const r = await api('POST', '/api/users', body);
  notice('created user ' + body.name + ' (' + r.id + ')');
  $('user-name').value = ''; $('user-value').value = '';
  await refreshUsers();
});

on('perm-form', async () => {
  await api('POST', '/api/users/' + $('perm-user').value + '/permissions', { readerId: $('perm-reader').value,
    windows: [{ days: Number($('perm-days').value), start: minutes($('perm-start').value), end: minutes($('perm-end').value) }] });
  notice('permission granted');
});

on('device-form', async () => {
  const r = await api('POST', '/api/devices', { name: $('device-name').value, location: $('device-location').value, usage: $('device-usage').value, flashMb: Number($('device-flash').value) });
  notice('controller ' + r.id + ' registered; shown once: device key ' + r.key
    + (r.broker ? '; broker user ' + r.broker.username + ', password ' + r.broker.password + ' (client id ' + r.broker.clientId + ')' : ''));
  await refreshDevices();
});

on('reader-form', async () => {
  await api('POST', '/api/devices/' + $('reader-device').value + '/readers', { name: $('reader-name').value, usage: $('reader-usage').value });
  notice('reader added');
  await refreshDevices();
});

on('guest-form', async () => {
  const now = Date.now();
  const r = await api('POST', '/api/guest-passes', { name: $('guest-name').value, inviterId: $('guest-inviter').value,
    validFrom: now, validUntil: now + Number($('guest-hours').value) * 3600000, readerIds: [$('guest-reader').value] });
  $('pass-result').textContent = 'guest pass issued for ' + $('guest-name').value + ': PIN ' + r.code;
  await refreshUsers();
});

on('delivery-form', async () => {
  const r = await api('POST', '/api/delivery-codes', { label: $('delivery-label').value,
    validUntil: Date.now() + Number($('delivery-hours').value) * 3600000, readerIds: [$('delivery-reader').value] });
  $('pass-result').textContent = 'one-time delivery code: ' + r.code;
});

on('password-form', async () => {
  await api('POST', '/api/auth/password', { currentPassword: $('password-current').value, newPassword: $('password-new').value });
  $('password-current').value = ''; $('password-new').value = '';
  notice('password changed; your other sessions were signed out');
});

on('admin-form', async () => {
  await api('POST', '/api/admins', { username: $('admin-name').value, password: $('admin-pass').value, role: $('admin-role').value });
  notice('account ' + $('admin-name').value + ' created');
  $('admin-name').value = ''; $('admin-pass').value = '';
  await refreshAccounts();
});

for (const b of document.querySelectorAll('nav button')) {
  b.addEventListener('click', () => { selectTab(b.dataset.tab); if (b.dataset.tab === 'account') refreshAccounts().catch(fail); });
}
$('logout').addEventListener('click', () => api('POST', '/api/auth/logout').finally(showLogin));

showApp().catch(showLogin);
