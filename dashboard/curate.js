// Theme curation in the theme drawer: rename, merge into…, move to area, hide (POST api/curation; docs/CURATION.md).
// The local server accepts edits from this page only (same origin, JSON); in AWS the API is IAM-authorised.

import { el } from './dom.js';

/** Sends one edit; resolves to the stored edit, rejects with the server's sentence. */
export async function postEdit(api, edit) {
  const res = await fetch(`${api}curation`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(edit) });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `the edit was refused (${res.status})`);
  return body;
}

/**
 * The controls for one theme.
 * @param {{ id: string, label: string, area?: { id: string, label: string } }} theme
 * @param {{ api: string, themes: Array<{ id: string, label: string }>, areas: Array<{ id: string, label: string }>, onDone: (edit: any) => void }} options
 */
export function curationControls(theme, { api, themes, areas, onDone }) {
  const status = el('p', { class: 'small muted', role: 'status', id: 'curate-status' });
  const run = async (edit, button) => {
    button.disabled = true;
    status.textContent = 'Saving…';
    try {
      const stored = await postEdit(api, edit);
      status.textContent = `Saved (${stored.editId}). Undo: voc theme undo ${stored.editId}`;
      onDone(stored);
    } catch (error) {
      status.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  };

  const label = el('input', { id: 'curate-label', type: 'text', value: theme.label, maxlength: 80, 'aria-label': 'New label' });
  const renameButton = el('button', { type: 'button', id: 'curate-rename', class: 'secondary', text: 'Rename', onclick: () => run({ kind: 'rename', theme: theme.id, label: label.value }, renameButton) });

  const others = themes.filter((t) => t.id !== theme.id && t.id !== 'other');
  const into = el('select', { id: 'curate-merge-into', 'aria-label': 'Theme to merge into' }, el('option', { value: '', text: 'Merge into…' }), ...others.map((t) => el('option', { value: t.id, text: t.label })));
  const mergeButton = el('button', {
    type: 'button',
    id: 'curate-merge',
    class: 'secondary',
    text: 'Merge',
    onclick: () => (into.value ? run({ kind: 'merge', themes: [theme.id], into: into.value }, mergeButton) : (status.textContent = 'Pick the theme to merge into.')),
  });

  const area = el('select', { id: 'curate-area', 'aria-label': 'Area to move to' }, el('option', { value: '', text: 'Move to area…' }), ...areas.filter((a) => a.id !== theme.area?.id).map((a) => el('option', { value: a.id, text: a.label })), el('option', { value: '+new', text: 'New area…' }));
  const newArea = el('input', { id: 'curate-new-area', type: 'text', placeholder: 'New area label', maxlength: 80, hidden: true, 'aria-label': 'New area label' });
  area.addEventListener('change', () => (newArea.hidden = area.value !== '+new'));
  const moveButton = el('button', {
    type: 'button',
    id: 'curate-move',
    class: 'secondary',
    text: 'Move',
    onclick: () => {
      if (!area.value) return void (status.textContent = 'Pick an area.');
      run(area.value === '+new' ? { kind: 'move', theme: theme.id, newArea: newArea.value } : { kind: 'move', theme: theme.id, area: area.value }, moveButton);
    },
  });

  const hideButton = el('button', { type: 'button', id: 'curate-hide', class: 'secondary', text: 'Hide', title: 'Its conversations count under «other»', onclick: () => run({ kind: 'hide', theme: theme.id }, hideButton) });

  return el(
    'details',
    { class: 'curate', id: 'curate' },
    el('summary', { text: 'Curate this theme' }),
    el('p', { class: 'small muted', text: 'Edits are stored with the data (who and when; voc theme history), show at once, and are applied every night. Splits: voc theme split.' }),
    el('div', { class: 'curate-row' }, label, renameButton),
    el('div', { class: 'curate-row' }, into, mergeButton),
    el('div', { class: 'curate-row' }, area, newArea, moveButton),
    el('div', { class: 'curate-row' }, hideButton),
    status,
  );
}
