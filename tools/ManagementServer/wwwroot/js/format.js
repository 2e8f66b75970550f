// Times in the site's time zone (not the browser's: a guard desk and the building agree), and the words for the
// server's vocabularies (reasons, methods, directions, attributes).
import { lang, t, tOr } from './i18n.js';

let zone = 'Asia/Tokyo';

export function setZone(z) { if (z) zone = z; }
export function siteZone() { return zone; }

function locale() { return lang() === 'ja' ? 'ja-JP' : 'en-GB'; }

function fmt(ms, options) {
  if (ms === null || ms === undefined || ms === 0) return '';
  return new Intl.DateTimeFormat(locale(), Object.assign({ timeZone: zone }, options)).format(new Date(ms));
}

export const time = (ms) => fmt(ms, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
export const clock = (ms) => fmt(ms, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
export const day = (ms) => fmt(ms, { year: 'numeric', month: '2-digit', day: '2-digit' });

/** The site's wall-clock parts of an instant. */
function parts(ms) {
  const p = {};
  for (const { type, value } of new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms))) p[type] = value;
  return p;
}

/** How far the site's clock is ahead of UTC at an instant (ms). */
function offset(ms) {
  const p = parts(ms);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}

/** Site wall time "YYYY-MM-DDTHH:MM" (what <input type=datetime-local> holds) → Unix ms. */
export function fromLocal(text) {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return null;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0));
  const first = guess - offset(guess);
  return guess - offset(first);
}

/** Unix ms → "YYYY-MM-DDTHH:MM" in site time. */
export function toLocal(ms) {
  if (!ms) return '';
  const p = parts(ms);
  return p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute;
}

/** Today's date in site time, "YYYY-MM-DD". */
export function today() { return toLocal(Date.now()).slice(0, 10); }

/** Minutes since the site's midnight of the day that contains `ms`. */
export function minuteOfDay(ms) { const p = parts(ms); return +p.hour * 60 + +p.minute + +p.second / 60; }

export const reason = (r) => tOr('reason.', r);
export const method = (m) => tOr('method.', m);
export const direction = (d) => tOr('direction.', d);
export const attribute = (a) => tOr('attribute.', a);
export const result = (granted) => t(granted ? 'result.granted' : 'result.denied');

/** "08:00" from minutes since midnight. */
export function hhmm(minutes) {
  const h = Math.floor(minutes / 60), m = minutes % 60;
  return String(h).padStart(2, '0') + ':' + String(m).padStart(2, '0');
}

/** Days of a window mask (bit n = weekday n, Sunday 0; 128 holidays) in words. */
export function days(mask) {
  if ((mask & 127) === 127) return t('days.every') + ((mask & 128) ? ' + ' + t('days.holidays') : '');
  if ((mask & 127) === 62) return t('days.weekdays') + ((mask & 128) ? ' + ' + t('days.holidays') : '');
  const names = [];
  for (let d = 0; d < 7; d++) if (mask & (1 << d)) names.push(t('day.' + d));
  if (mask & 128) names.push(t('days.holidays'));
  return names.join(' ');
}

export function seconds(s) {
  if (s === null || s === undefined) return '';
  if (s < 120) return t('duration.seconds', { n: s });
  if (s < 7200) return t('duration.minutes', { n: Math.round(s / 60) });
  if (s < 172800) return t('duration.hours', { n: Math.round(s / 3600) });
  return t('duration.days', { n: Math.round(s / 86400) });
}
