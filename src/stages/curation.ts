/**
 * CURATION: the product team's edits to the themes (docs/CURATION.md), stored with the data as one table item
 * each (append-only; an undo is an edit of its own). Recording an edit checks what it names against the
 * catalogue entries and says what to do when something is wrong; discovery applies the edits every night.
 */
import { CurationRequest, createdAreaId, createdThemeId, describeEdit, foldEdits, newEditId, OTHER_ID, type CurationEdit, type CurationState } from '../core/curation/edits';
import { CURATION_PARTITION, keys } from '../core/aggregation/keys';
import type { KeyValueTable, TableItem } from '../ports';

/** A request the caller got wrong: what was wrong and what to do (the CLI prints it, the API answers 400). */
export class CurationError extends Error {}

export async function loadEdits(table: KeyValueTable): Promise<CurationEdit[]> {
  const edits: CurationEdit[] = [];
  for await (const item of table.query({ partition: CURATION_PARTITION, beginsWith: 'EDIT#' })) edits.push(item.edit as CurationEdit);
  return edits;
}

export async function loadCurationState(table: KeyValueTable): Promise<CurationState> {
  return foldEdits(await loadEdits(table));
}

export interface RecordOptions {
  /** who makes the edit, as the caller identifies them (--by, $USER, the IAM principal) */
  by: string;
  now?: () => Date;
  random?: () => number;
}

/**
 * Validates a request against the catalogue entries and the edits so far, stores it, and returns the stored edit.
 * Throws CurationError with a sentence that says what to do when the request cannot apply.
 */
export async function recordEdit(table: KeyValueTable, input: unknown, options: RecordOptions): Promise<CurationEdit> {
  const parsed = CurationRequest.safeParse(input);
  if (!parsed.success) throw new CurationError(parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  const request = parsed.data;
  const by = options.by.trim();
  if (!by) throw new CurationError('say who makes the edit (--by NAME, or set USER / VOC_USER)');
  const at = (options.now?.() ?? new Date()).toISOString();
  const editId = newEditId(new Date(at), options.random);
  const state = await loadCurationState(table);
  const theme = (id: string) => themeEntry(table, state, id);
  const stamp = { editId, at, by };
  let edit: CurationEdit;
  switch (request.kind) {
    case 'rename': {
      const t = await table.get(keys.themeMeta(request.theme));
      const created = state.created.get(request.theme);
      if (t || created) {
        edit = { kind: 'rename', theme: request.theme, label: request.label, target: 'theme', previousLabel: state.labels.get(request.theme) ?? (t?.label as string | undefined) ?? created?.label, ...stamp };
      } else {
        const a = await table.get(keys.areaMeta(request.theme));
        if (!a && !isCreatedArea(state, request.theme)) throw notFound(request.theme, 'theme or area');
        edit = { kind: 'rename', theme: request.theme, label: request.label, target: 'area', previousLabel: state.areaLabels.get(request.theme) ?? (a?.label as string | undefined), ...stamp };
      }
      break;
    }
    case 'merge': {
      await theme(request.into);
      if (request.into === OTHER_ID) throw new CurationError('merge into a theme, not «other»: to send a theme to «other», hide it (voc theme hide ID)');
      const themes = [...new Set(request.themes)];
      for (const id of themes) {
        if (id === request.into) throw new CurationError(`${id} cannot be merged into itself: name the themes to merge and, with --into, the one that receives them`);
        await theme(id);
      }
      edit = { kind: 'merge', themes, into: request.into, ...stamp };
      break;
    }
    case 'split': {
      await theme(request.theme);
      if (request.into !== undefined) await theme(request.into);
      const into = request.into !== undefined ? { id: request.into, label: await labelOf(table, state, request.into) } : { id: createdThemeId(editId), label: request.label! };
      edit = { kind: 'split', theme: request.theme, keywords: request.keywords ?? [], examples: request.examples ?? [], into, created: request.into === undefined, ...stamp };
      break;
    }
    case 'move': {
      await theme(request.theme);
      const current = await table.get(keys.themeMeta(request.theme));
      const previousArea = state.areaOf.get(request.theme) ?? (current?.area as { id: string; label: string } | undefined);
      let area: { id: string; label: string };
      if (request.area !== undefined) {
        const a = await table.get(keys.areaMeta(request.area));
        if (!a && !isCreatedArea(state, request.area)) throw notFound(request.area, 'area');
        area = { id: request.area, label: state.areaLabels.get(request.area) ?? (a?.label as string | undefined) ?? createdAreaLabel(state, request.area) ?? request.area };
      } else area = { id: createdAreaId(editId), label: request.newArea! };
      edit = { kind: 'move', theme: request.theme, area, created: request.area === undefined, ...(previousArea ? { previousArea } : {}), ...stamp };
      break;
    }
    case 'hide':
      await theme(request.theme);
      if (request.theme === OTHER_ID) throw new CurationError('«other» cannot be hidden: it is where hidden themes go');
      edit = { kind: 'hide', theme: request.theme, ...stamp };
      break;
    case 'undo': {
      const target = state.history.find((e) => e.editId === request.edit);
      if (!target) throw new CurationError(`no edit ${request.edit}: \`voc theme history\` lists the edits and their ids`);
      if (target.undoneBy) throw new CurationError(`${request.edit} was already undone by ${target.undoneBy}; to bring it back, undo ${target.undoneBy}`);
      edit = { kind: 'undo', edit: request.edit, ...stamp };
      break;
    }
  }
  await table.putMany([{ ...keys.curationEdit(editId), type: 'curation-edit', edit } as TableItem]);
  return edit;
}

function notFound(id: string, what: string): CurationError {
  return new CurationError(`no ${what} "${id}": use an id as \`voc themes --flat\` (themes) or \`voc themes\` (areas) shows it, e.g. t-1a2b3c4d`);
}

function isCreatedArea(state: CurationState, id: string): boolean {
  return [...state.areaOf.values()].some((a) => a.id === id);
}

function createdAreaLabel(state: CurationState, id: string): string | undefined {
  return [...state.areaOf.values()].find((a) => a.id === id)?.label;
}

/** A theme an edit may name: one in the catalogue entries, or one a split created. */
async function themeEntry(table: KeyValueTable, state: CurationState, id: string): Promise<void> {
  if (state.created.has(id)) return;
  if (!(await table.get(keys.themeMeta(id)))) throw notFound(id, 'theme');
}

async function labelOf(table: KeyValueTable, state: CurationState, id: string): Promise<string> {
  return state.labels.get(id) ?? state.created.get(id)?.label ?? ((await table.get(keys.themeMeta(id)))?.label as string | undefined) ?? id;
}

/** The edits, oldest first, each with a sentence saying what it did. */
export async function curationHistory(table: KeyValueTable): Promise<Array<CurationEdit & { undoneBy?: string; description: string }>> {
  const state = await loadCurationState(table);
  return state.history.map((e) => ({ ...e, description: describeEdit(e) }));
}
