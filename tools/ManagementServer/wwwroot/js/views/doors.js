// Doors, live: one card per door with what its controller last said (status topic and last will), refreshed every
// second. Admins send remote commands from the card, each after a confirmation naming the door.
import { get, post } from '../api.js';
import { button, el } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { clock, time } from '../format.js';
import { confirmAction, guarded, heading, notice } from '../ui.js';

// resync is the controller's (it asks for its cache at once), the others the door's.
const COMMANDS = ['unlock', 'lockdown', 'release', 'normal', 'resync'];

function lockState(d) {
  if (d.mode === 'lockdown') return 'lockdown';
  if (d.mode === 'released') return 'released';
  return d.lock || 'unknown';
}

function pill(kind, state, labelPrefix) {
  return el('span', { class: 'pill ' + kind + ' state-' + (state || 'unknown'), dataset: { state: state || 'unknown' } }, tOr(labelPrefix, state || 'unknown'));
}

function fact(labelKey, value, attrs) {
  return el('div', { class: 'fact' }, el('dt', { i18n: labelKey }), el('dd', Object.assign({ class: 'data' }, attrs || {}), value));
}

function card(d, role) {
  const live = d.connection === 'online';
  const cache = d.cacheVersion === null || d.cacheVersion === undefined
    ? '' : t(d.cacheCurrent ? 'doors.cacheCurrent' : 'doors.cacheBehind', { have: d.cacheVersion, want: d.serverCacheVersion });
  const commands = el('div', { class: 'commands admin-only' });
  if (role === 'admin') {
    for (const c of COMMANDS) {
      commands.appendChild(button('command.' + c, guarded(async () => {
        const ok = await confirmAction(t('command.confirm.' + c, { door: d.doorName || d.deviceName }));
        if (ok === null) return;
        const r = await post('/api/devices/' + encodeURIComponent(d.deviceId) + '/commands', { command: c, doorId: c === 'resync' ? undefined : d.doorId || undefined });
        notice(t(r.published ? 'command.sent' : 'command.notDelivered', { door: d.doorName || d.deviceName }));
      }), { class: 'command-' + c }));
    }
  }
  const last = d.lastCommand;
  return el('article', { class: 'door-card' + (live ? '' : ' stale') + (d.door === 'forced' || d.door === 'held' ? ' alarm' : ''), dataset: { deviceId: d.deviceId, doorId: d.doorId || '' } },
    el('h3', { class: 'data' }, d.doorName || d.deviceName),
    el('p', { class: 'where data' }, [d.areaName, d.deviceName !== d.doorName ? d.deviceName : null, d.location].filter(Boolean).join(' · ')),
    el('div', { class: 'pills' },
      pill('conn', d.connection, 'connection.'),
      pill('door-state', live || d.connection === 'silent' ? d.door : 'unknown', 'door.'),
      pill('lock-state', live || d.connection === 'silent' ? lockState(d) : 'unknown', 'lock.')),
    el('dl', { class: 'facts' },
      fact('doors.since', time(d.connection === 'online' ? d.doorSince : d.connectionSince)),
      fact('doors.lastSeen', time(d.lastSeen)),
      fact('doors.cache', cache, { class: 'data ' + (d.cacheCurrent ? 'ok' : 'warn') }),
      fact('doors.journal', d.journalDepth === null || d.journalDepth === undefined ? '' : String(d.journalDepth)),
      fact('doors.firmware', d.firmware || ''),
      fact('doors.time', d.timeSource ? tOr('timeSource.', d.timeSource) + (d.clockUncertain ? ' ' + t('doors.uncertain') : '') : ''),
      fact('doors.booted', time(d.bootedAt)),
      // Which of its controller's doors this is (a controller may drive two, each with its own contact and lock).
      d.doorId ? fact('doors.controllerDoor', t(d.controllerDoor === 2 ? 'doors.secondDoor' : d.controllerDoor === 1 ? 'doors.firstDoor' : 'doors.notDriven'),
        { class: 'data controller-door', dataset: { controllerDoor: String(d.controllerDoor || 'none') } }) : null,
      fact('doors.lastCommand', last ? tOr('command.', last.command) + ' · ' + clock(last.issuedAt) + ' · ' + last.issuedBy + ' · '
        + (last.result ? (last.result === 'ok' ? t('command.resultOk') : last.result) : t(last.published ? 'command.awaiting' : 'command.undelivered')) : ''),
      d.errorsToday ? fact('doors.errors', t('doors.errorsToday', { n: d.errorsToday }) + (d.lastError ? ': ' + d.lastError : '')) : null),
    commands);
}

export default {
  id: 'doors',
  nav: 'nav.doors',
  pollMs: 1000,
  async mount(root, ctx) {
    const summary = el('p', { id: 'doors-summary', class: 'summary data' });
    const grid = el('div', { id: 'door-cards', class: 'cards' });
    root.append(...heading('doors.title', 'doors.help'), summary, grid);
    // A card is rebuilt only when what it shows changed, so a button is not replaced under the pointer every second.
    const drawn = new Map();
    return {
      async refresh() {
        const list = await get('/api/live/doors');
        const count = (f) => list.filter(f).length;
        summary.textContent = t('doors.summary', {
          online: count((d) => d.connection === 'online'), total: list.length,
          alarms: count((d) => d.door === 'forced' || d.door === 'held'),
        });
        grid.replaceChildren(...list.map((d) => {
          const key = d.deviceId + '/' + (d.doorId || '');
          const text = JSON.stringify(d);
          const had = drawn.get(key);
          if (had && had.text === text) return had.node;
          const node = card(d, ctx.role);
          drawn.set(key, { text, node });
          return node;
        }));
        if (list.length === 0) grid.appendChild(el('p', { i18n: 'doors.none' }));
      },
    };
  },
};
