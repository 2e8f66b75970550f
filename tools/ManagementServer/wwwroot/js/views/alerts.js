// Alerts: severity, kind in words, who, where, to whom they were routed (Fig 9B), and their acknowledgement with the
// note its author wrote. Filters by state, kind, severity and person; refreshed every two seconds.
import { get, post, query } from '../api.js';
import { button, el, field, row, select, table } from '../dom.js';
import { t, tOr } from '../i18n.js';
import { fromLocal, time } from '../format.js';
import { confirmAction, guarded, heading } from '../ui.js';

const KINDS = ['fraud', 'retro-fraud', 'retro-unverifiable', 'door_forced', 'door_held_open', 'tamper', 'relay_fault', 'journal_overflow', 'sign-in-failures',
  'forged-message', 'replayed-message', 'clock-skew', 'controller-refusal', 'cache-capacity', 'history-lost'];

function routed(a) {
  if (!a.routedTo || a.routedTo.length === 0) return t('alerts.notRouted');
  return a.routedTo.map((r) => t('channel.' + r.channel) + ': ' + r.target).join(', ');
}

export default {
  id: 'alerts',
  nav: 'nav.alerts',
  pollMs: 2000,
  async mount(root) {
    const users = await get('/api/users');
    const state = select('alert-state', [['open', 'alerts.openOnly'], ['all', 'alerts.all']]);
    const kind = select('alert-kind', [['', 'alerts.anyKind']].concat(KINDS.map((k) => [k, 'alertKind.' + k])));
    const severity = select('alert-severity', [['', 'alerts.anySeverity'], ['high', 'severity.high'], ['low', 'severity.low']]);
    const person = el('select', { id: 'alert-person' }, el('option', { value: '', i18n: 'history.anyone' }),
      users.map((u) => el('option', { value: u.id, class: 'data', text: u.name })));
    const from = el('input', { id: 'alert-from', type: 'datetime-local' });
    const form = el('form', { id: 'alert-filter' }, field('alerts.state', state), field('alerts.kind', kind), field('alerts.severity', severity),
      field('alerts.who', person), field('history.from', from));
    const list = table('alerts', ['alerts.time', 'alerts.severity', 'alerts.kind', 'alerts.who', 'alerts.where', 'alerts.routedTo', 'alerts.message', 'alerts.state']);
    root.append(...heading('alerts.title', 'alerts.help'), form, list.table);
    const handle = {
      async refresh() {
        const rows = await get('/api/alerts' + query({ open: state.value === 'open' ? 1 : '', kind: kind.value, severity: severity.value,
          userId: person.value, from: fromLocal(from.value), limit: 200 }));
        list.tbody.replaceChildren(...rows.map((a) => {
          const ack = a.acknowledgedAt
            ? el('span', { class: 'data' }, t('alerts.acknowledgedBy', { who: a.acknowledgedBy }) + ' · ' + time(a.acknowledgedAt) + (a.acknowledgedNote ? ' · ' + a.acknowledgedNote : ''))
            : button('alerts.acknowledge', guarded(async () => {
              const note = await confirmAction(t('alerts.confirmAck', { kind: tOr('alertKind.', a.kind) }), 'alerts.note', false);
              if (note === null) return;
              await post('/api/alerts/' + a.id + '/ack', { note });
              await handle.refresh();
            }), { class: 'small' });
          return row([time(a.createdAt), el('span', { class: 'pill severity-' + a.severity, i18n: 'severity.' + a.severity }), tOr('alertKind.', a.kind),
            a.userName || '', [a.doorName, a.readerName, a.deviceName].filter(Boolean).join(' · '), routed(a), a.message, ack],
          { dataset: { alertId: a.id }, class: a.acknowledgedAt ? 'done' : 'open-alert' });
        }));
      },
    };
    form.addEventListener('change', guarded(() => handle.refresh()));
    return handle;
  },
};
