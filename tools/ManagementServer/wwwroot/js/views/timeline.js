// A day drawn as SVG: one lane per door (for a person) or per person (at a door), the hours across, a mark per passage
// (▲ entry, ▼ exit, ● other; green granted, red refused) with its details as a tooltip, and the spans a person was
// inside (from an entry to the next exit in the same lane) as a bar. Hand-written: no chart library.
import { svg } from '../dom.js';
import { t } from '../i18n.js';
import { clock, direction, method, minuteOfDay, reason, result } from '../format.js';

const LANE = 28, LEFT = 170, RIGHT = 16, TOP = 26, HOURS = 24;

function mark(x, y, r) {
  const shape = r.direction === 'entry' ? 'M' + x + ',' + (y - 7) + ' l6,11 h-12 z'
    : r.direction === 'exit' ? 'M' + x + ',' + (y + 7) + ' l6,-11 h-12 z' : null;
  const tip = svg('title', { class: 'data' }, [clock(r.occurredAt), r.userName, r.doorName || r.readerName, method(r.method), direction(r.direction), result(r.granted),
    r.granted ? '' : reason(r.reason)].filter(Boolean).join(' · '));
  const cls = 'mark ' + (r.granted ? 'granted' : 'denied');
  return shape ? svg('path', { d: shape, class: cls, dataset: { logId: r.id } }, tip) : svg('circle', { cx: x, cy: y, r: 5, class: cls, dataset: { logId: r.id } }, tip);
}

/** @param rows passages of the day, oldest first; @param laneOf row → lane label (door or person name) */
export function drawTimeline(rows, laneOf, width) {
  const lanes = [];
  for (const r of rows) { const l = laneOf(r); if (!lanes.includes(l)) lanes.push(l); }
  const w = Math.max(480, width || 900), h = TOP + Math.max(1, lanes.length) * LANE + 8;
  const x = (ms) => LEFT + (minuteOfDay(ms) / (HOURS * 60)) * (w - LEFT - RIGHT);
  const chart = svg('svg', { id: 'timeline-chart', viewBox: '0 0 ' + w + ' ' + h, width: '100%', role: 'img', 'aria-label': t('history.timeline') });
  for (let hour = 0; hour <= HOURS; hour += 3) {
    const gx = LEFT + (hour / HOURS) * (w - LEFT - RIGHT);
    chart.appendChild(svg('line', { x1: gx, x2: gx, y1: TOP - 6, y2: h - 4, class: 'grid' }));
    chart.appendChild(svg('text', { x: gx, y: TOP - 10, class: 'axis', 'text-anchor': 'middle' }, String(hour).padStart(2, '0') + ':00'));
  }
  lanes.forEach((lane, i) => {
    const y = TOP + i * LANE + LANE / 2;
    chart.appendChild(svg('line', { x1: LEFT, x2: w - RIGHT, y1: y, y2: y, class: 'lane' }));
    chart.appendChild(svg('text', { x: LEFT - 8, y: y + 4, class: 'lane-label data', 'text-anchor': 'end' }, lane.length > 24 ? lane.slice(0, 23) + '…' : lane));
    // Inside: from a granted entry to the next granted exit of the same lane (or the end of the data).
    let since = null;
    for (const r of rows.filter((q) => laneOf(q) === lane && q.granted)) {
      if (r.direction === 'entry' && since === null) since = r.occurredAt;
      else if (r.direction === 'exit' && since !== null) {
        chart.appendChild(svg('rect', { x: x(since), y: y - 3, width: Math.max(1, x(r.occurredAt) - x(since)), height: 6, class: 'inside' }));
        since = null;
      }
    }
  });
  for (const r of rows) chart.appendChild(mark(x(r.occurredAt), TOP + lanes.indexOf(laneOf(r)) * LANE + LANE / 2, r));
  if (rows.length === 0) chart.appendChild(svg('text', { x: w / 2, y: TOP + LANE / 2 + 4, 'text-anchor': 'middle', class: 'axis' }, t('history.nothing')));
  return chart;
}
