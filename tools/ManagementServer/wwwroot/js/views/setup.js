// Setup: controllers (S11-S12; the device key is shown once), their doors (unlock time) and readers with the numbers
// a technician types at the console, and guest passes and one-time delivery codes.
import { get, post, put } from '../api.js';
import { el, field, row, select, table } from '../dom.js';
import { t } from '../i18n.js';
import { guarded, heading, notice } from '../ui.js';

const USAGES = [['both', 'usage.both'], ['entry', 'usage.entry'], ['exit', 'usage.exit']];

function options(items, label) { return items.map((x) => el('option', { value: x.id, class: 'data', text: label(x) })); }

export default {
  id: 'setup',
  nav: 'nav.setup',
  roles: ['admin'],
  async mount(root) {
    const devices = table('devices', ['setup.controller', 'setup.location', 'setup.usage', 'setup.area', 'setup.flash', 'setup.id']);
    const doors = table('doors', ['setup.door', 'setup.controller', 'setup.doorNumber', 'setup.unlockMs']);
    const readers = table('readers', ['setup.reader', 'setup.controller', 'setup.door', 'setup.usage', 'setup.readerNumber', 'setup.id']);
    const deviceName = el('input', { id: 'device-name', required: true, maxlength: 200 });
    const deviceLocation = el('input', { id: 'device-location', required: true, maxlength: 200 });
    const deviceUsage = select('device-usage', USAGES);
    const deviceArea = el('select', { id: 'device-area' });
    // The board's flash decides how large a cache the server may send it (docs/hardware.md); 4 MB is the common board.
    const deviceFlash = select('device-flash', [4, 8, 16].map((mb) => [String(mb), mb + ' MB', true]));
    const deviceForm = el('form', { id: 'device-form' }, field('setup.name', deviceName), field('setup.location', deviceLocation),
      field('setup.usage', deviceUsage), field('setup.area', deviceArea), field('setup.flash', deviceFlash), el('button', { type: 'submit', i18n: 'setup.register' }));
    const doorDevice = el('select', { id: 'door-device' });
    const doorName = el('input', { id: 'door-name', required: true, maxlength: 200 });
    const doorArea = el('select', { id: 'door-area' });
    const doorUnlock = el('input', { id: 'door-unlock', type: 'number', min: 500, max: 120000, step: 100 });
    const doorForm = el('form', { id: 'door-form' }, field('setup.controller', doorDevice), field('setup.name', doorName), field('setup.area', doorArea),
      field('setup.unlockMs', doorUnlock), el('button', { type: 'submit', i18n: 'setup.addDoor' }));
    const readerDevice = el('select', { id: 'reader-device' });
    const readerDoor = el('select', { id: 'reader-door' });
    const readerName = el('input', { id: 'reader-name', required: true, maxlength: 200 });
    const readerUsage = select('reader-usage', [['entry', 'usage.entry'], ['exit', 'usage.exit'], ['both', 'usage.both']]);
    const readerForm = el('form', { id: 'reader-form' }, field('setup.controller', readerDevice), field('setup.door', readerDoor), field('setup.name', readerName),
      field('setup.usage', readerUsage), el('button', { type: 'submit', i18n: 'setup.addReader' }));
    const guestName = el('input', { id: 'guest-name', required: true, maxlength: 200 });
    const guestInviter = el('select', { id: 'guest-inviter' });
    const guestReader = el('select', { id: 'guest-reader', class: 'reader-select' });
    const guestHours = el('input', { id: 'guest-hours', type: 'number', min: 1, max: 744, value: 8 });
    const guestForm = el('form', { id: 'guest-form' }, field('passes.guest', guestName), field('passes.inviter', guestInviter), field('setup.reader', guestReader),
      field('passes.hours', guestHours), el('button', { type: 'submit', i18n: 'passes.issueGuest' }));
    const deliveryLabel = el('input', { id: 'delivery-label', value: t('passes.parcel'), maxlength: 200 });
    const deliveryReader = el('select', { id: 'delivery-reader', class: 'reader-select' });
    const deliveryHours = el('input', { id: 'delivery-hours', type: 'number', min: 1, max: 744, value: 4 });
    const deliveryForm = el('form', { id: 'delivery-form' }, field('passes.label', deliveryLabel), field('setup.reader', deliveryReader),
      field('passes.hours', deliveryHours), el('button', { type: 'submit', i18n: 'passes.issueCode' }));
    const passResult = el('p', { id: 'pass-result', class: 'notice data' });
    root.append(...heading('setup.title', 'setup.help'), deviceForm, devices.table, el('h3', { i18n: 'setup.doors' }), doorForm, doors.table,
      el('h3', { i18n: 'setup.readers' }), el('p', { class: 'help', i18n: 'setup.numbersHelp' }), readerForm, readers.table,
      el('h2', { i18n: 'passes.title' }), guestForm, deliveryForm, passResult);

    let doorList = [];
    const fillReaderDoors = () => readerDoor.replaceChildren(el('option', { value: '', i18n: 'setup.noDoor' }),
      ...options(doorList.filter((d) => d.deviceId === readerDevice.value), (d) => d.name));
    readerDevice.addEventListener('change', fillReaderDoors);
    const refresh = async () => {
      const [ds, os, rs, areas, users] = await Promise.all([get('/api/devices'), get('/api/doors'), get('/api/readers'), get('/api/areas'), get('/api/users')]);
      doorList = os;
      const names = new Map(ds.map((d) => [d.id, d.name]));
      const areaNames = new Map(areas.map((a) => [a.id, a.name]));
      devices.tbody.replaceChildren(...ds.filter((d) => !d.revoked).map((d) => row([d.name, d.location, t('usage.' + d.usage), areaNames.get(d.areaId) || '', d.flashMb + ' MB', d.id])));
      doors.tbody.replaceChildren(...os.map((o) => {
        const unlock = el('input', { type: 'number', class: 'unlock-ms', min: 500, max: 120000, step: 100, value: o.unlockMs == null ? '' : o.unlockMs,
          'data-i18n-placeholder': 'setup.siteDefault', placeholder: t('setup.siteDefault') });
        unlock.addEventListener('change', guarded(async () => {
          await put('/api/doors/' + encodeURIComponent(o.id), { unlockMs: unlock.value === '' ? null : Number(unlock.value) });
          notice(t('policies.saved'));
        }));
        return row([o.name, names.get(o.deviceId) || o.deviceId, String(o.number), unlock], { dataset: { doorId: o.id } });
      }));
      readers.tbody.replaceChildren(...rs.map((r) => row([r.name, r.deviceName, r.doorName || '', t('usage.' + r.usage), String(r.number), r.id],
        { dataset: { readerId: r.id } })));
      const areaOptions = () => [el('option', { value: '', i18n: 'areas.top' }), ...options(areas, (a) => a.name)];
      for (const s of [deviceArea, doorArea]) { const keep = s.value; s.replaceChildren(...areaOptions()); s.value = keep; }
      for (const s of [doorDevice, readerDevice]) { const keep = s.value; s.replaceChildren(...options(ds.filter((d) => !d.revoked), (d) => d.name)); if (keep) s.value = keep; }
      fillReaderDoors();
      for (const s of [guestReader, deliveryReader]) { const keep = s.value; s.replaceChildren(...options(rs, (r) => r.deviceName + ' / ' + r.name)); if (keep) s.value = keep; }
      const keep = guestInviter.value;
      guestInviter.replaceChildren(...options(users.filter((u) => !u.revoked && (u.attribute === 'employee' || u.attribute === 'resident')), (u) => u.name));
      if (keep) guestInviter.value = keep;
    };
    deviceForm.addEventListener('submit', guarded(async () => {
      const r = await post('/api/devices', { name: deviceName.value, location: deviceLocation.value, usage: deviceUsage.value, areaId: deviceArea.value || undefined,
        flashMb: Number(deviceFlash.value) });
      notice(t('setup.registered', { id: r.id, key: r.key })
        + (r.broker ? ' ' + t('setup.brokerLogin', { user: r.broker.username, password: r.broker.password, client: r.broker.clientId }) : ''));
      deviceName.value = '';
      await refresh();
    }));
    doorForm.addEventListener('submit', guarded(async () => {
      const r = await post('/api/devices/' + encodeURIComponent(doorDevice.value) + '/doors', { name: doorName.value, areaId: doorArea.value || undefined,
        unlockMs: doorUnlock.value === '' ? undefined : Number(doorUnlock.value) });
      notice(t('setup.doorAdded', { n: r.number }));
      doorName.value = '';
      await refresh();
    }));
    readerForm.addEventListener('submit', guarded(async () => {
      const r = await post('/api/devices/' + encodeURIComponent(readerDevice.value) + '/readers', { name: readerName.value, usage: readerUsage.value, doorId: readerDoor.value || undefined });
      notice(t('setup.readerAdded', { n: r.number }));
      readerName.value = '';
      await refresh();
    }));
    guestForm.addEventListener('submit', guarded(async () => {
      const now = Date.now();
      const r = await post('/api/guest-passes', { name: guestName.value, inviterId: guestInviter.value, validFrom: now,
        validUntil: now + Number(guestHours.value) * 3600000, readerIds: [guestReader.value] });
      passResult.textContent = t('passes.guestIssued', { name: guestName.value, code: r.code });
      await refresh();
    }));
    deliveryForm.addEventListener('submit', guarded(async () => {
      const r = await post('/api/delivery-codes', { label: deliveryLabel.value, validUntil: Date.now() + Number(deliveryHours.value) * 3600000, readerIds: [deliveryReader.value] });
      passResult.textContent = t('passes.codeIssued', { code: r.code });
    }));
    return { refresh };
  },
};
