// Who is inside: the areas as they nest, each with the people the presence records put there (entry time, method,
// reader) and a count that includes the areas inside it. Admins grant amnesty to one person or a whole area, with
// the reason recorded.
import { get, post } from '../api.js';
import { button, el, row, table } from '../dom.js';
import { t } from '../i18n.js';
import { attribute, method, time } from '../format.js';
import { confirmAction, guarded, heading, notice } from '../ui.js';

function amnesty(body, message, after) {
  return guarded(async () => {
    const note = await confirmAction(message, 'presence.amnestyNote');
    if (note === null) return;
    const r = await post('/api/presence/amnesty', Object.assign({ note }, body));
    notice(t('presence.amnestyDone', { n: r.forgotten }));
    await after();
  });
}

function personLine(p, admin, after) {
  return el('li', { class: 'person', dataset: { userId: p.userId } },
    el('span', { class: 'name data' }, p.userName),
    el('span', { class: 'attr data' }, attribute(p.attribute)),
    el('span', { class: 'when data' }, t('presence.since', { time: time(p.since) })),
    el('span', { class: 'how data' }, [method(p.method), p.readerName].filter(Boolean).join(' · ')),
    admin ? button('presence.amnestyPerson', amnesty({ userId: p.userId }, t('presence.confirmPerson', { name: p.userName }), after), { class: 'small' }) : null);
}

function areaBlock(area, byParent, peopleIn, admin, after) {
  const children = (byParent.get(area.id) || []).map((a) => areaBlock(a, byParent, peopleIn, admin, after));
  const here = peopleIn.get(area.id) || [];
  return el('details', { class: 'area', open: true, dataset: { areaId: area.id, total: area.total } },
    el('summary', {},
      el('span', { class: 'area-name data' }, area.name),
      el('span', { class: 'count data' }, t('presence.count', { n: area.total })),
      admin && area.total > 0 ? button('presence.amnestyArea', amnesty({ areaId: area.id }, t('presence.confirmArea', { name: area.name, n: area.total }), after), { class: 'small' }) : null),
    here.length ? el('ul', { class: 'people' }, here.map((p) => personLine(p, admin, after))) : null,
    children);
}

export default {
  id: 'presence',
  nav: 'nav.presence',
  pollMs: 2000,
  async mount(root, ctx) {
    const admin = ctx.role === 'admin';
    const summary = el('p', { id: 'presence-summary', class: 'summary data' });
    const tree = el('div', { id: 'presence-tree' });
    const log = admin ? table('amnesties', ['presence.when', 'presence.who', 'presence.by', 'presence.note']) : null;
    root.append(...heading('presence.title', 'presence.help'), summary, tree);
    if (admin) root.append(el('h3', { i18n: 'presence.amnesties' }), log.table);
    let last = '';
    const handle = {
      async refresh() {
        const data = await get('/api/presence/areas');
        const text = JSON.stringify(data);
        if (text === last) return; // unchanged: keep the open/closed state of each area as the guard left it
        last = text;
        const byParent = new Map();
        for (const a of data.areas) {
          const key = a.parentId || '';
          if (!byParent.has(key)) byParent.set(key, []);
          byParent.get(key).push(a);
        }
        const peopleIn = new Map();
        for (const p of data.people) {
          const key = p.areaId || '';
          if (!peopleIn.has(key)) peopleIn.set(key, []);
          peopleIn.get(key).push(p);
        }
        summary.textContent = t('presence.summary', { n: data.people.length });
        const blocks = (byParent.get('') || []).map((a) => areaBlock(a, byParent, peopleIn, admin, () => handle.refresh()));
        const unplaced = peopleIn.get('') || [];
        if (unplaced.length) {
          blocks.push(el('details', { class: 'area', open: true, dataset: { areaId: '' } },
            el('summary', {}, el('span', { i18n: 'presence.noArea' }), el('span', { class: 'count data' }, t('presence.count', { n: unplaced.length }))),
            el('ul', { class: 'people' }, unplaced.map((p) => personLine(p, admin, () => handle.refresh())))));
        }
        tree.replaceChildren(...blocks);
        if (admin) {
          const rows = await get('/api/presence/amnesties?limit=20');
          log.tbody.replaceChildren(...rows.map((m) => row([time(m.at), m.userName || (m.areaName ? t('presence.everyoneIn', { area: m.areaName, n: m.people }) : ''), m.grantedBy, m.note])));
        }
      },
    };
    return handle;
  },
};
