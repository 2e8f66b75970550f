// Messages under the header and the confirmation dialog every state-changing action at a door goes through.
import { el } from './dom.js';
import { t } from './i18n.js';

export function notice(text) {
  document.getElementById('app-notice').textContent = text;
  document.getElementById('app-error').textContent = '';
}

export function fail(e) {
  document.getElementById('app-error').textContent = e && e.message ? e.message : String(e);
  document.getElementById('app-notice').textContent = '';
}

/** Runs an action from a form or button, reporting its error instead of throwing. */
export function guarded(action) {
  return (ev) => {
    if (ev && ev.preventDefault) ev.preventDefault();
    Promise.resolve().then(action).catch(fail);
  };
}

/**
 * Asks before doing something that acts on a building (remote unlock, amnesty...). With `noteKey` the dialog also
 * takes a text (the reason, written to the record; required unless `noteRequired` is false); resolves to null when
 * cancelled, else to the note ('' without one).
 */
export function confirmAction(message, noteKey, noteRequired = true) {
  const dialog = document.getElementById('confirm');
  const note = document.getElementById('confirm-note');
  document.getElementById('confirm-message').textContent = message;
  document.getElementById('confirm-note-label').hidden = !noteKey;
  if (noteKey) document.getElementById('confirm-note-caption').dataset.i18n = noteKey;
  document.getElementById('confirm-note-caption').textContent = noteKey ? t(noteKey) : '';
  note.value = '';
  note.required = !!noteKey && noteRequired;
  return new Promise((resolve) => {
    const done = (ok) => {
      dialog.removeEventListener('close', onClose);
      resolve(ok ? note.value.trim() : null);
    };
    const onClose = () => done(dialog.returnValue === 'ok');
    dialog.addEventListener('close', onClose);
    dialog.showModal();
  });
}

/** A section heading with an optional line of help under it. */
export function heading(key, helpKey) {
  return helpKey ? [el('h2', { i18n: key }), el('p', { class: 'help', i18n: helpKey })] : [el('h2', { i18n: key })];
}
