/**
 * Areas: the level a product manager reads first ("Delivery" → track my package, delivery date, delivery
 * options …). Themes of one language whose members mean nearly the same in the word vectors learned on the
 * window (the meaning vectors cluster.ts merges synonyms with, at a looser threshold) form one area; an area
 * is named by the one word its members use most and other conversations least ("delivery"), and areas that
 * come out with the same name are one area. Ids are kept from the previous catalogue when most of an area's
 * themes were in one area there.
 */
import { fnv1a } from './ids';
import { mergeClose } from './cluster';
import type { SparseVec } from './kmeans';
import { asLabel, asWritten, phrasesOf, rankPhrases, type LabelMember, type PhraseCounts, type RankedPhrase } from './labels';

/** Themes whose meaning vectors are at least this similar (average linkage) share an area. */
const AREA_SIM = 0.6;
/** Members read to name an area. */
const NAME_SAMPLE = 600;
/** An area keeps a previous area's id when at least this share of their themes is the same (Jaccard). */
const KEEP_ID_OVERLAP = 0.5;

export interface ThemeArea {
  id: string;
  label: string;
  /** the language it was discovered in; "*" for an area the taxonomy defines */
  lang: string;
  themeIds: string[];
  defined?: boolean;
}

export interface AreaCandidate {
  id: string;
  label: string;
  lang: string;
  size: number;
  /** unit meaning vector (absent when the language had too few conversations for word vectors) */
  meaning?: Float32Array;
  members: LabelMember[];
}

function spread<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  return Array.from({ length: limit }, (_, i) => items[Math.floor((i * items.length) / limit)]!);
}


/**
 * Groups of themes (indices into `themes`) that mean nearly the same; where a language had too few
 * conversations for word vectors, themes whose members mostly use the same word ("paquete").
 */
function group(themes: AreaCandidate[], lang: string): number[][] {
  const withMeaning = themes.flatMap((t, i) => (t.meaning ? [i] : []));
  // Without meaning vectors: themes that share a main word are linked (union-find over the words).
  const parent = themes.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const firstWith = new Map<string, number>();
  themes.forEach((t, i) => {
    if (t.meaning) return;
    for (const w of mainWords(t, lang)) {
      const j = firstWith.get(w);
      if (j === undefined) firstWith.set(w, i);
      else parent[root(i)] = root(j);
    }
  });
  const linked = new Map<number, number[]>();
  themes.forEach((t, i) => {
    if (!t.meaning) linked.set(root(i), [...(linked.get(root(i)) ?? []), i]);
  });
  const singles = [...linked.values()];
  if (withMeaning.length < 2) return [...withMeaning.map((i) => [i]), ...singles];
  const dim = themes[withMeaning[0]!]!.meaning!.length;
  const full = new Int32Array(dim).map((_, i) => i);
  const vecs: SparseVec[] = withMeaning.map((i) => ({ idx: full, val: themes[i]!.meaning! }));
  const merged = mergeClose(vecs, withMeaning.map((_, j) => [j]), AREA_SIM);
  return [...merged.map((g) => g.map((j) => withMeaning[j]!)), ...singles];
}

/** An area's name must be a word at least this share of its members use: what they share, not what a few say. */
const NAME_MIN_SHARE = 0.3;

/** The word an area's members share and other conversations use less ("delivery"), or undefined. */
function nameOf(themes: AreaCandidate[], lang: string, counts: PhraseCounts | undefined): RankedPhrase | undefined {
  const members = spread(themes.flatMap((t) => t.members), NAME_SAMPLE);
  const ranked = rankPhrases(members, lang, counts ?? { total: members.length, df: new Map() });
  const words = ranked.filter((p) => p.words === 1);
  // The word most of them use (ties: the more characteristic one) …
  const best = [...words.filter((w) => w.share >= NAME_MIN_SHARE)].sort((a, b) => b.share - a.share || b.score - a.score)[0] ?? words[0];
  // … or the two words it nearly always comes in ("top up", not "top").
  const pair = best && ranked.find((p) => p.words === 2 && p.key.split(' ').includes(best.key) && p.share >= best.share * PAIR_SHARE);
  const name = pair ?? best;
  return name && { ...name, surface: asWritten(name.surface, members) };
}

/** A two-word phrase names an area instead of its word when it holds this share of the word's uses. */
const PAIR_SHARE = 0.8;

/** The words (stemmed keys) at least half of a theme's members use. */
function mainWords(theme: AreaCandidate, lang: string): Set<string> {
  const uses = new Map<string, number>();
  for (const m of theme.members) for (const p of phrasesOf(m.text, lang)) if (p.words === 1) uses.set(p.key, (uses.get(p.key) ?? 0) + 1);
  return new Set([...uses].filter(([, n]) => n >= theme.members.length / 2).map(([w]) => w));
}

export function discoverAreas(themes: AreaCandidate[], counts: Map<string, PhraseCounts>, previous: ThemeArea[]): ThemeArea[] {
  const byLang = new Map<string, AreaCandidate[]>();
  for (const t of themes) byLang.set(t.lang, [...(byLang.get(t.lang) ?? []), t]);
  const drafts: Array<{ lang: string; label: string; themeIds: string[]; size: number }> = [];
  for (const [lang, list] of [...byLang].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const named = new Map<string, { name?: string; themeIds: string[]; size: number }>();
    const add = (key: string, name: string | undefined, members: AreaCandidate[]) => {
      const entry = named.get(key) ?? { name, themeIds: [], size: 0 };
      entry.themeIds.push(...members.map((m) => m.id));
      entry.size += members.reduce((n, m) => n + m.size, 0);
      named.set(key, entry);
    };
    for (const g of group(list, lang)) {
      const members = g.map((i) => list[i]!);
      const name = nameOf(members, lang, counts.get(lang));
      // Without a word enough customers share, the area holds its themes apart under the first one's name.
      add(name ? name.key : `\u0000${members[0]!.id}`, name?.surface, members);
    }
    // A theme alone whose members mostly say an area's name joins it ("invoice with my company name" → Invoice).
    const byId = new Map(list.map((t) => [t.id, t]));
    for (const [key, e] of [...named]) {
      if (e.themeIds.length !== 1) continue;
      const theme = byId.get(e.themeIds[0]!)!;
      const home = [...mainWords(theme, lang)].map((w) => [w, named.get(w)] as const).filter(([w, a]) => w !== key && a && a.themeIds.length > 1).sort((x, y) => y[1]!.size - x[1]!.size)[0];
      if (!home) continue;
      named.delete(key);
      add(home[0], home[1]!.name, [theme]);
    }
    const labelOf = new Map(list.map((t) => [t.id, t.label]));
    // An area of one theme is read under that theme's name (a word alone would say less).
    for (const [key, e] of named) drafts.push({ lang, label: key.startsWith('\u0000') || e.themeIds.length === 1 || !e.name ? labelOf.get(e.themeIds[0]!)! : asLabel(e.name), themeIds: e.themeIds, size: e.size });
  }
  drafts.sort((a, b) => b.size - a.size || (a.themeIds[0]! < b.themeIds[0]! ? -1 : 1));
  const used = new Set<string>();
  return drafts.map((d) => {
    const kept = previous
      .filter((p) => p.lang === d.lang && !p.defined && !used.has(p.id))
      .map((p) => ({ id: p.id, overlap: jaccard(p.themeIds, d.themeIds) }))
      .filter((p) => p.overlap >= KEEP_ID_OVERLAP)
      .sort((a, b) => b.overlap - a.overlap || (a.id < b.id ? -1 : 1))[0]?.id;
    const hash = `a-${fnv1a(`${d.lang}|${d.label.toLowerCase()}`).slice(0, 8)}`;
    let id = kept ?? hash;
    for (let n = 2; !kept && used.has(id); n++) id = `${hash}-${n}`;
    used.add(id);
    return { id, label: d.label, lang: d.lang, themeIds: d.themeIds.sort() };
  });
}

function jaccard(a: string[], b: string[]): number {
  const A = new Set(a);
  let inter = 0;
  for (const x of b) if (A.has(x)) inter++;
  const union = A.size + b.length - inter;
  return union ? inter / union : 0;
}

export interface DefinedAreaProfile {
  area: { id: string; label: string };
  themeIds: string[];
  /** concept shares of the area's conversations (and keywords) */
  concepts: Array<[string, number]>;
}

/**
 * Taxonomy areas take precedence: a discovered theme about the same concepts as a taxonomy area (say,
 * "track my package" and the area Delivery) joins that area; discovered areas keep the themes no
 * taxonomy area claims (and vanish when none is left). Defined areas come first in the result.
 */
export function placeInTaxonomyAreas(
  areas: ThemeArea[],
  themeConcepts: Map<string, Array<[string, number]>>,
  defined: DefinedAreaProfile[],
  relation: (a: Array<[string, number]>, b: Array<[string, number]>) => number,
  minRelation: number,
): { areas: ThemeArea[]; areaOf: Map<string, { id: string; label: string }> } {
  const claimed = new Map<string, DefinedAreaProfile>();
  for (const a of areas) {
    for (const id of a.themeIds) {
      const concepts = themeConcepts.get(id) ?? [];
      let best: { d: DefinedAreaProfile; w: number } | undefined;
      for (const d of defined) {
        const w = relation(concepts, d.concepts);
        if (w >= minRelation && (!best || w > best.w)) best = { d, w };
      }
      if (best) claimed.set(id, best.d);
    }
  }
  const out: ThemeArea[] = defined.map((d) => ({
    id: d.area.id,
    label: d.area.label,
    lang: '*',
    defined: true,
    themeIds: [...d.themeIds, ...[...claimed].filter(([, c]) => c === d).map(([id]) => id)].sort(),
  }));
  for (const a of areas) {
    const kept = a.themeIds.filter((id) => !claimed.has(id));
    if (kept.length) out.push({ ...a, themeIds: kept });
  }
  const areaOf = new Map(out.flatMap((a) => a.themeIds.map((id) => [id, { id: a.id, label: a.label }] as const)));
  return { areas: out, areaOf };
}
