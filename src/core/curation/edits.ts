/**
 * Theme curation: the edits a product manager makes to what discovery found (rename, merge, split, move to an
 * area, hide, undo), as stored records, and the state they add up to. Pure: no I/O. Edits are kept forever
 * (append-only history); an undo is an edit of its own that takes an earlier one out of the state.
 */
import * as z from 'zod';
import { fnv1a } from '../analysis/ids';

/** «other»: conversations no theme fits; hidden themes count there too. */
export const OTHER_ID = 'other';

const themeRef = z.string().min(1).max(200);
const label = z.string().trim().min(1, 'a label needs at least one character').max(80, 'a label has at most 80 characters');
const keyword = z.string().trim().min(2, 'a keyword needs at least 2 characters').max(60, 'a keyword has at most 60 characters');
const conversationId = z.string().min(1).max(300);

/** What a caller asks for (CLI, HTTP body): validated before anything is stored. */
export const CurationRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rename'), theme: themeRef, label }).strict(),
  z.object({ kind: z.literal('merge'), themes: z.array(themeRef).min(1, 'name at least one theme to merge').max(50), into: themeRef }).strict(),
  z
    .object({
      kind: z.literal('split'),
      theme: themeRef,
      /** conversations whose contact reason contains one of these (whole words, any case) move */
      keywords: z.array(keyword).max(20).optional(),
      /** conversations like these (by their words, learned from the window) move */
      examples: z.array(conversationId).max(20).optional(),
      /** an existing theme that receives them … */
      into: themeRef.optional(),
      /** … or a new theme with this label */
      label: label.optional(),
    })
    .strict()
    .refine((s) => (s.keywords?.length ?? 0) + (s.examples?.length ?? 0) > 0, { message: 'a split needs keywords or example conversations', path: ['keywords'] })
    .refine((s) => (s.into === undefined) !== (s.label === undefined), { message: 'a split goes into an existing theme (into) or a new one (label): give exactly one', path: ['into'] }),
  z
    .object({ kind: z.literal('move'), theme: themeRef, area: themeRef.optional(), newArea: label.optional() })
    .strict()
    .refine((m) => (m.area === undefined) !== (m.newArea === undefined), { message: 'move to an existing area (area) or a new one (newArea): give exactly one', path: ['area'] }),
  z.object({ kind: z.literal('hide'), theme: themeRef }).strict(),
  z.object({ kind: z.literal('undo'), edit: z.string().min(1).max(100) }).strict(),
]);
export type CurationRequest = z.infer<typeof CurationRequest>;

/** An edit as stored: the request (ids resolved), who made it and when. */
export type CurationEdit = (
  | { kind: 'rename'; theme: string; label: string; target: 'theme' | 'area'; previousLabel?: string }
  | { kind: 'merge'; themes: string[]; into: string }
  | { kind: 'split'; theme: string; keywords: string[]; examples: string[]; into: { id: string; label: string }; created: boolean }
  | { kind: 'move'; theme: string; area: { id: string; label: string }; created: boolean; previousArea?: { id: string; label: string } }
  | { kind: 'hide'; theme: string }
  | { kind: 'undo'; edit: string }
) & {
  editId: string;
  /** ISO time the edit was made */
  at: string;
  /** who made it, as the caller identified: an IAM principal ARN in AWS, --as / VOC_USER locally */
  by: string;
};

/** A split's new theme: `c-` and a hash of the edit, so it never collides with discovered (`t-`) or defined (`tax:`) ids. */
export function createdThemeId(editId: string): string {
  return `c-${fnv1a(`theme|${editId}`)}`;
}

/** A new area a theme is moved to. */
export function createdAreaId(editId: string): string {
  return `ca-${fnv1a(`area|${editId}`)}`;
}

/** `e-<yyyymmddhhmmss>-<4 hex>`: sortable by time, short enough to type. */
export function newEditId(at: Date, random: () => number = Math.random): string {
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `e-${stamp}-${Math.floor(random() * 0x10000).toString(16).padStart(4, '0')}`;
}

export interface CreatedTheme {
  id: string;
  label: string;
  /** the theme it was split from */
  from: string;
  editId: string;
}

/** What the active edits add up to. */
export interface CurationState {
  /** every edit, oldest first, each marked with the undo that took it back (if any) */
  history: Array<CurationEdit & { undoneBy?: string }>;
  /** the newest edit's id: changes whenever anything is edited (caches key on it) */
  head?: string;
  labels: Map<string, string>;
  areaLabels: Map<string, string>;
  /** theme -> the theme it was merged into (one step; resolve() follows chains) */
  mergedInto: Map<string, string>;
  hidden: Map<string, string>;
  /** theme -> the area it was moved to */
  areaOf: Map<string, { id: string; label: string }>;
  /** active splits, oldest first */
  splits: Array<Extract<CurationEdit, { kind: 'split' }>>;
  /** themes splits created */
  created: Map<string, CreatedTheme>;
  /** themes and areas an active edit names, with the edits naming them (for "why does this look like this") */
  touched: Map<string, string[]>;
}

export function emptyState(): CurationState {
  return { history: [], labels: new Map(), areaLabels: new Map(), mergedInto: new Map(), hidden: new Map(), areaOf: new Map(), splits: [], created: new Map(), touched: new Map() };
}

/** Folds stored edits (any order; sorted by time, then id) into the state they add up to. */
export function foldEdits(edits: CurationEdit[]): CurationState {
  const sorted = [...edits].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.editId < b.editId ? -1 : a.editId > b.editId ? 1 : 0));
  const undoneBy = new Map<string, string>();
  // Undos first, newest first: an undo that was itself undone does not count.
  for (const e of [...sorted].reverse()) if (e.kind === 'undo' && !undoneBy.has(e.editId)) undoneBy.set(e.edit, e.editId);
  const state = emptyState();
  state.history = sorted.map((e) => (undoneBy.has(e.editId) ? { ...e, undoneBy: undoneBy.get(e.editId) } : e));
  state.head = sorted[sorted.length - 1]?.editId;
  const touch = (id: string, edit: string) => state.touched.set(id, [...(state.touched.get(id) ?? []), edit]);
  for (const e of sorted) {
    if (e.kind === 'undo' || undoneBy.has(e.editId)) continue;
    switch (e.kind) {
      case 'rename':
        (e.target === 'area' ? state.areaLabels : state.labels).set(e.theme, e.label);
        touch(e.theme, e.editId);
        break;
      case 'merge':
        for (const id of e.themes) {
          state.mergedInto.set(id, e.into);
          touch(id, e.editId);
        }
        touch(e.into, e.editId);
        break;
      case 'split':
        state.splits.push(e);
        if (e.created) state.created.set(e.into.id, { id: e.into.id, label: e.into.label, from: e.theme, editId: e.editId });
        touch(e.theme, e.editId);
        touch(e.into.id, e.editId);
        break;
      case 'move':
        state.areaOf.set(e.theme, e.area);
        touch(e.theme, e.editId);
        touch(e.area.id, e.editId);
        break;
      case 'hide':
        state.hidden.set(e.theme, e.editId);
        touch(e.theme, e.editId);
        break;
    }
  }
  return state;
}

/**
 * Where a theme's conversations count now: a hidden theme's in «other», a merged one's in the theme it was
 * merged into (following chains), anything else in itself.
 */
export function resolveTheme(state: Pick<CurationState, 'mergedInto' | 'hidden'>, id: string): string {
  const seen = new Set<string>();
  let current = id;
  for (;;) {
    if (state.hidden.has(current)) return OTHER_ID;
    const next = state.mergedInto.get(current);
    if (next === undefined || seen.has(next)) return current;
    seen.add(current);
    current = next;
  }
}

/** Merges only (hidden themes stay themselves): what a split's source means at analysis. */
export function resolveMerges(mergedInto: Map<string, string> | Record<string, string>, id: string): string {
  const get = (k: string) => (mergedInto instanceof Map ? mergedInto.get(k) : mergedInto[k]);
  const seen = new Set<string>();
  let current = id;
  for (let next = get(current); next !== undefined && !seen.has(next); next = get(current)) {
    seen.add(current);
    current = next;
  }
  return current;
}

/** A sentence for each edit, for history listings. */
export function describeEdit(e: CurationEdit): string {
  switch (e.kind) {
    case 'rename':
      return `renamed ${e.target === 'area' ? 'area ' : ''}${e.theme}${e.previousLabel ? ` from «${e.previousLabel}»` : ''} to «${e.label}»`;
    case 'merge':
      return `merged ${e.themes.join(', ')} into ${e.into}`;
    case 'split': {
      const how = [e.keywords.length ? `keywords ${e.keywords.map((k) => `"${k}"`).join(', ')}` : '', e.examples.length ? `${e.examples.length} example conversation(s)` : ''].filter(Boolean).join(' and ');
      return `split ${e.theme} by ${how} into ${e.created ? 'new theme ' : ''}«${e.into.label}» (${e.into.id})`;
    }
    case 'move':
      return `moved ${e.theme} to ${e.created ? 'new area ' : 'area '}«${e.area.label}» (${e.area.id})`;
    case 'hide':
      return `hid ${e.theme} (its conversations count under «other»)`;
    case 'undo':
      return `undid ${e.edit}`;
  }
}
