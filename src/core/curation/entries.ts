/**
 * The product team's edits applied to catalogue entries (what readers show of a theme or an area): labels,
 * areas moved to, merged and hidden themes flagged. Used by discovery when it writes the entries every night and
 * by the readers on top of what is stored, so an edit shows at once and stays the same after the next night.
 */
import { resolveMerges, type CurationState } from './edits';

export interface CuratableTheme {
  themeId: string;
  label: string;
  area: { id: string; label: string };
  /** the label discovery gave it, when the product team renamed it */
  discoveredLabel?: string;
  /** the theme its conversations count under now */
  mergedInto?: string;
  /** hidden: its conversations count under «other» */
  hidden?: boolean;
  /** the edits that shaped it (ids, for `voc theme history`) */
  edits?: string[];
}

export interface CuratableArea {
  areaId: string;
  label: string;
  lang?: string;
  defined?: boolean;
  themeIds: string[];
}

type State = Pick<CurationState, 'labels' | 'areaLabels' | 'mergedInto' | 'hidden' | 'areaOf' | 'touched'>;

/** One theme entry as the edits leave it (a copy; the input is not changed). */
export function curateThemeEntry<T extends CuratableTheme>(entry: T, state: State): T {
  const out: T = { ...entry };
  const label = state.labels.get(entry.themeId);
  if (label !== undefined && label !== entry.label) {
    out.discoveredLabel = entry.discoveredLabel ?? entry.label;
    out.label = label;
  }
  const area = state.areaOf.get(entry.themeId) ?? entry.area;
  out.area = { id: area.id, label: state.areaLabels.get(area.id) ?? area.label };
  const into = resolveMerges(state.mergedInto, entry.themeId);
  if (into !== entry.themeId) out.mergedInto = into;
  else delete out.mergedInto;
  if (state.hidden.has(entry.themeId)) out.hidden = true;
  else delete out.hidden;
  const edits = state.touched.get(entry.themeId);
  if (edits?.length) out.edits = edits;
  else delete out.edits;
  return out;
}

/** Areas as the edits leave them: moved themes listed under their new area (created if new), renamed areas' labels. */
export function curateAreas<A extends CuratableArea>(areas: A[], themes: CuratableTheme[], state: State): CuratableArea[] {
  const areaOfTheme = new Map(themes.map((t) => [t.themeId, t.area.id]));
  const out: CuratableArea[] = areas.map((a) => ({
    ...a,
    label: state.areaLabels.get(a.areaId) ?? a.label,
    themeIds: a.themeIds.filter((id) => !state.areaOf.has(id) || state.areaOf.get(id)!.id === a.areaId),
  }));
  const byId = new Map(out.map((a) => [a.areaId, a]));
  for (const [themeId, area] of state.areaOf) {
    if (!areaOfTheme.has(themeId)) continue;
    let target = byId.get(area.id);
    if (!target) {
      target = { areaId: area.id, label: state.areaLabels.get(area.id) ?? area.label, lang: '*', themeIds: [] };
      byId.set(area.id, target);
      out.push(target);
    }
    if (!target.themeIds.includes(themeId)) target.themeIds.push(themeId);
  }
  return out;
}
