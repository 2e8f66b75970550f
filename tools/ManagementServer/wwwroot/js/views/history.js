// The history: every passage with the person, door and reader by name, method, direction, result, the reason in
// words and how it was decided (online, offline, and what the after-the-fact review found). Filters by person, door,
// method, result and time range; pages older with a cursor; exports the same filter as CSV; and draws a day of one
// door or one person as a timeline. The first page follows new passages live.
import { get, query } from '../api.js';
import { button, el, field, row, select, table } from '../dom.js';
import { t } from '../i18n.js';
import { direction, fromLocal, method, reason, result, time, today } from '../format.js';
import { guarded, heading } from '../ui.js';
import { METHODS } from './people.js';
import { drawTimeline } from './timeline.js';

function decided(r) {
  if (r.source !== 'offline') return t('decided.online');
  return t('decided.offline') + (r.afterTheFact ? ' · ' + t('retro.' + r.afterTheFact) : '');
}

export default {
  id: 'history',
  nav: 'nav.history',
  pollMs: 2000,
  async mount(root, ctx) {
    const [users, doors] = await Promise.all([get('/api/users'), get('/api/doors')]);
    const person = el('select', { id: 'filter-person' }, el('option', { value: '', i18n: 'history.anyone' }),
      users.map((u) => el('option', { value: u.id, class: 'data', text: u.name })));
    const door = el('select', { id: 'filter-door' }, el('option', { value: '', i18n: 'history.anyDoor' }),
      doors.map((d) => el('option', { value: d.id, class: 'data', text: d.name })));
    const methodSel = select('filter-method', [['', 'history.anyMethod']].concat(METHODS.map((m) => [m, 'method.' + m])));
    const resultSel = select('filter-result', [['', 'history.anyResult'], ['granted', 'result.granted'], ['denied', 'result.denied']]);
    const from = el('input', { id: 'filter-from', type: 'datetime-local' });
    const to = el('input', { id: 'filter-to', type: 'datetime-local' });
    if (ctx.params[0] === 'user' && ctx.params[1]) person.value = ctx.params[1];
    if (ctx.params[0] === 'door' && ctx.params[1]) door.value = ctx.params[1];
    const exportLink = el('a', { id: 'history-export', download: 'doorctl-history.csv', i18n: 'history.export' });
    const form = el('form', { id: 'history-filter' }, field('history.person', person), field('history.door', door), field('history.method', methodSel),
      field('history.result', resultSel), field('history.from', from), field('history.to', to), el('button', { type: 'submit', i18n: 'history.apply' }),
      button('history.clear', () => { for (const s of [person, door, methodSel, resultSel]) s.value = ''; from.value = ''; to.value = ''; reset(); }), exportLink);
    const list = table('history', ['history.time', 'history.person', 'history.door', 'history.reader', 'history.method', 'history.direction',
      'history.result', 'history.reason', 'history.decided']);
    const newer = button('history.newest', () => reset(), { id: 'history-newest' });
    const older = button('history.older', guarded(() => load(next)), { id: 'history-older' });
    const pageInfo = el('span', { id: 'history-page', class: 'data' });

    const dayInput = el('input', { id: 'timeline-day', type: 'date', value: today() });
    const chartBox = el('div', { id: 'timeline', class: 'chart' });
    const timelineForm = el('form', { id: 'timeline-form' }, field('history.day', dayInput), el('button', { type: 'submit', i18n: 'history.draw' }),
      el('span', { class: 'help', i18n: 'history.timelineHelp' }));

    root.append(...heading('history.title'), form, list.table, el('p', { class: 'pager' }, newer, older, pageInfo),
      el('h3', { i18n: 'history.timeline' }), timelineForm, chartBox);

    const filter = () => ({ userId: person.value, doorId: door.value, method: methodSel.value, result: resultSel.value,
      from: fromLocal(from.value), to: fromLocal(to.value) });
    let cursor = null, next = null, page = 1;
    const load = async (before) => {
      const f = filter();
      exportLink.href = '/api/history/export' + query(f);
      const data = await get('/api/history' + query(Object.assign({ limit: 50, before }, f)));
      if (before !== cursor) page = before ? page + 1 : 1;
      cursor = before || null;
      next = data.next;
      older.disabled = !next;
      newer.disabled = !cursor;
      pageInfo.textContent = t('history.page', { n: page });
      list.tbody.replaceChildren(...data.rows.map((r) => row([time(r.occurredAt), r.userName || t('history.unknownPerson'), r.doorName || '',
        r.readerName || r.readerId || '', method(r.method), direction(r.direction), result(r.granted), reason(r.reason), decided(r)],
      { class: r.granted ? 'granted' : 'denied', dataset: { logId: r.id } })));
    };
    const reset = () => { page = 1; return load(null).catch(() => {}); };
    form.addEventListener('submit', guarded(() => { page = 1; return load(null); }));

    const drawDay = async () => {
      const start = fromLocal(dayInput.value);
      if (start === null) return;
      const byPerson = !!person.value;
      const f = { from: start, to: fromLocal(new Date(Date.parse(dayInput.value + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10)) };
      if (byPerson) f.userId = person.value; else if (door.value) f.doorId = door.value;
      const data = await get('/api/history/timeline' + query(f));
      const chart = drawTimeline(data.rows, (r) => byPerson ? (r.doorName || r.readerName || '?') : (r.userName || t('history.unknownPerson')), chartBox.clientWidth);
      chartBox.replaceChildren(...(data.truncated ? [chart, el('p', { class: 'help', i18n: 'history.truncated' })] : [chart]));
    };
    timelineForm.addEventListener('submit', guarded(drawDay));
    return {
      async refresh() {
        if (cursor === null) await load(null); // the first page follows new passages
        if (!chartBox.firstChild) await drawDay();
      },
    };
  },
};
