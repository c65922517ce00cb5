/**
 * Splits, as discovery compiles them into the catalogue and analysis applies them to each conversation.
 *
 * A split moves some of a theme's conversations to another theme (new or existing), chosen by keywords
 * (whole words or phrases in what the customer contacted support about, matched as taxonomy keywords are) or by
 * example conversations. Examples are turned into a model learned from the window itself: the source theme's
 * conversations in the examples' language are split in two by k-means seeded with the examples (kept on their
 * side) against the rest, so "like these" means what the window's words say, not a fixed list. The two centroids
 * are stored with the split, so the same decision is made for any conversation, on any day, by any process.
 */
import { createHash } from 'node:crypto';
import type { ContactReason } from '../analysis/chatter';
import { reasonFeatures } from '../analysis/themes';
import { weigh } from '../analysis/theme-model';
import { compileTaxonomy, type TaxonomyMatcher } from '../taxonomy';
import { OTHER_ID as s_OTHER, resolveMerges, resolveTheme, type CurationState } from './edits';

type Terms = Array<[string, number]>;

/** What a split learned from its examples in one language. */
export interface SplitModel {
  idf: Record<string, number>;
  defaultIdf: number;
  /** centroid of the conversations that move (the examples and those like them) */
  split: Terms;
  /** centroid of the source theme's other conversations */
  rest: Terms;
  /** conversations each side had in the window it was learned on */
  sizes: { split: number; rest: number };
}

export interface CompiledSplit {
  edit: string;
  source: string;
  target: { id: string; label: string };
  keywords: string[];
  /** per language, learned from the examples on the window (kept from night to night once learned) */
  byLang?: Record<string, SplitModel>;
  /** example conversations not found in any window yet (the split then uses its keywords only) */
  pendingExamples?: string[];
}

/** The curation analysis applies: carried in the catalogue, so the analyze Lambda needs nothing else. */
export interface CatalogueCuration {
  /** changes exactly when what analysis does with curation changes (stored in each day's analysis manifest) */
  fingerprint: string;
  /** theme -> the theme it was merged into (one step; chains followed) */
  merges: Record<string, string>;
  /** themes hidden: their conversations count under «other» */
  hidden?: string[];
  /** the label a conversation's final theme shows, where curation decides it (renamed, merge targets, split targets) */
  labels?: Record<string, string>;
  splits: CompiledSplit[];
}

export const NO_CURATION_FINGERPRINT = 'none';

const CENTROID_TERMS = 60;
const KMEANS_ROUNDS = 10;

export function curationFingerprint(c: Omit<CatalogueCuration, 'fingerprint'>): string {
  if (!c.splits.length && !Object.keys(c.merges).length && !c.hidden?.length && !Object.keys(c.labels ?? {}).length) return NO_CURATION_FINGERPRINT;
  return createHash('sha256').update(JSON.stringify({ merges: c.merges, hidden: c.hidden ?? [], labels: c.labels ?? {}, splits: c.splits })).digest('hex').slice(0, 16);
}

/** One conversation as the window gives it to compileCuration. */
export interface WindowConversation {
  id: string;
  lang: string;
  reason: ContactReason;
  /** its theme before curation (taxonomy, discovery, concept fallback or «other») */
  theme: string;
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [t, w] of small) {
    const v = large.get(t);
    if (v !== undefined) s += w * v;
  }
  return s;
}

function centroid(vectors: Array<Map<string, number>>): Map<string, number> {
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
  const top = [...sum].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, CENTROID_TERMS);
  const norm = Math.sqrt(top.reduce((n, [, w]) => n + w * w, 0)) || 1;
  return new Map(top.map(([t, w]) => [t, w / norm]));
}

const round = (x: number) => Math.round(x * 10000) / 10000;
const asTerms = (m: Map<string, number>): Terms => [...m].map(([t, w]) => [t, round(w)]);

/** Two-means over the source's conversations in one language, the examples held on the split side. */
function learnSplit(examples: WindowConversation[], members: WindowConversation[], languageDocs: WindowConversation[], lang: string): SplitModel {
  const feats = new Map(languageDocs.map((d) => [d.id, reasonFeatures(d.reason, lang)]));
  const df = new Map<string, number>();
  for (const f of feats.values()) for (const t of new Set(f.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = feats.size;
  const idfOf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vec = (d: WindowConversation) => {
    const f = feats.get(d.id) ?? reasonFeatures(d.reason, lang);
    return weigh(f.terms, idfOf, f.weights);
  };
  const exampleIds = new Set(examples.map((e) => e.id));
  const pinned = examples.map(vec);
  const others = members.filter((m) => !exampleIds.has(m.id)).map((m) => ({ id: m.id, v: vec(m) }));
  let split = centroid(pinned);
  let rest = centroid(others.map((o) => o.v));
  let side = others.map(() => false);
  for (let pass = 0; pass < KMEANS_ROUNDS; pass++) {
    const next = others.map((o) => rest.size === 0 || dot(o.v, split) > dot(o.v, rest));
    const changed = next.some((s, i) => s !== side[i]);
    side = next;
    split = centroid([...pinned, ...others.filter((_, i) => side[i]).map((o) => o.v)]);
    const restVecs = others.filter((_, i) => !side[i]).map((o) => o.v);
    rest = restVecs.length ? centroid(restVecs) : new Map();
    if (!changed && pass > 0) break;
  }
  const terms = new Set([...split.keys(), ...rest.keys()]);
  return {
    idf: Object.fromEntries([...terms].sort().map((t) => [t, round(idfOf(t))])),
    defaultIdf: round(Math.log((n + 1) / 1) + 1),
    split: asTerms(split),
    rest: asTerms(rest),
    sizes: { split: pinned.length + side.filter(Boolean).length, rest: side.filter((s) => !s).length },
  };
}

/**
 * The curation analysis applies, compiled by discovery over its window: each active split with its keywords and,
 * where its examples are in the window, the model learned from them (else the one learned on an earlier night).
 * Splits apply in the order they were made, each to the conversations the earlier ones left with its source.
 */
export function compileCuration(
  state: Pick<CurationState, 'splits' | 'mergedInto'> & Partial<Pick<CurationState, 'hidden' | 'labels'>>,
  window: WindowConversation[],
  previous?: CatalogueCuration,
  labelOf: (id: string) => string | undefined = () => undefined,
): CatalogueCuration {
  const merges = Object.fromEntries([...state.mergedInto].sort(([a], [b]) => (a < b ? -1 : 1)));
  const hidden = [...(state.hidden?.keys() ?? [])].sort();
  // Labels rows carry: renamed themes', and the themes merges and splits send conversations to.
  const labels: Record<string, string> = {};
  const labelFor = (id: string) => state.labels?.get(id) ?? labelOf(id);
  for (const id of new Set([...(state.labels?.keys() ?? []), ...Object.values(merges), ...state.splits.map((s) => s.into.id)])) {
    // A split's new theme is labelled by its split (unless renamed since); an existing theme keeps its own label.
    const created = state.splits.find((s) => s.into.id === id && s.created)?.into.label;
    const label = id === s_OTHER ? undefined : (state.labels?.get(id) ?? created ?? labelFor(id) ?? state.splits.find((s) => s.into.id === id)?.into.label);
    if (label) labels[id] = label;
  }
  const current = new Map(window.map((d) => [d.id, resolveMerges(merges, d.theme)]));
  const byId = new Map(window.map((d) => [d.id, d]));
  const splits: CompiledSplit[] = [];
  for (const s of state.splits) {
    const source = resolveMerges(merges, s.theme);
    const compiled: CompiledSplit = { edit: s.editId, source: s.theme, target: s.into, keywords: s.keywords };
    const found = s.examples.map((id) => byId.get(id)).filter((d): d is WindowConversation => d !== undefined);
    const byLang: Record<string, SplitModel> = { ...(previous?.splits.find((p) => p.edit === s.editId)?.byLang ?? {}) };
    for (const lang of [...new Set(found.map((d) => d.lang))].sort()) {
      const languageDocs = window.filter((d) => d.lang === lang);
      const members = languageDocs.filter((d) => current.get(d.id) === source);
      byLang[lang] = learnSplit(found.filter((d) => d.lang === lang), members, languageDocs, lang);
    }
    if (Object.keys(byLang).length) compiled.byLang = byLang;
    const missing = s.examples.filter((id) => !byId.has(id));
    if (s.examples.length && !Object.keys(byLang).length) compiled.pendingExamples = missing;
    splits.push(compiled);
    // Later splits see the conversations this one moved under its target.
    const matcher = keywordMatcher(compiled);
    for (const d of window) {
      if (current.get(d.id) !== source) continue;
      if (splitMatches(compiled, matcher, { lang: d.lang, reason: d.reason })) current.set(d.id, resolveMerges(merges, compiled.target.id));
    }
  }
  const sortedLabels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
  const compiled = { merges, ...(hidden.length ? { hidden } : {}), ...(Object.keys(sortedLabels).length ? { labels: sortedLabels } : {}), splits };
  return { fingerprint: curationFingerprint(compiled), ...compiled };
}

const matchers = new WeakMap<CompiledSplit, TaxonomyMatcher | null>();
function keywordMatcher(split: CompiledSplit): TaxonomyMatcher | null {
  let m = matchers.get(split);
  if (m === undefined) {
    m = split.keywords.length ? compileTaxonomy({ version: 1, areas: [], themes: [{ id: 'split', label: split.target.label, keywords: split.keywords, examples: [] }] }) : null;
    matchers.set(split, m);
  }
  return m;
}

const centroidMaps = new WeakMap<SplitModel, { split: Map<string, number>; rest: Map<string, number> }>();
function maps(model: SplitModel) {
  let m = centroidMaps.get(model);
  if (!m) centroidMaps.set(model, (m = { split: new Map(model.split), rest: new Map(model.rest) }));
  return m;
}

function splitMatches(split: CompiledSplit, matcher: TaxonomyMatcher | null, doc: { lang: string; reason: ContactReason }): boolean {
  const text = [doc.reason.opening, ...doc.reason.followUps].join('\n');
  if (matcher && text && matcher.match(text, doc.lang)) return true;
  const model = split.byLang?.[doc.lang];
  if (!model || !doc.reason.opening) return false;
  const f = reasonFeatures(doc.reason, doc.lang);
  const v = weigh(f.terms, (t) => model.idf[t] ?? model.defaultIdf, f.weights);
  const { split: s, rest } = maps(model);
  const toSplit = dot(v, s);
  return toSplit > 0 && toSplit > dot(v, rest);
}

/**
 * A conversation's theme after curation: its theme as discovery assigned it, moved by the splits whose source it
 * now belongs to (after merges). Returns the theme given when no split applies.
 */
export function applySplits(
  theme: { id: string; label: string },
  doc: { lang: string; reason: ContactReason } | (() => { lang: string; reason: ContactReason }),
  curation: CatalogueCuration | undefined,
): { id: string; label: string } {
  if (!curation?.splits.length) return theme;
  let out = theme;
  let effective = resolveMerges(curation.merges, theme.id);
  let read: { lang: string; reason: ContactReason } | undefined = typeof doc === 'function' ? undefined : doc;
  for (const split of curation.splits) {
    if (resolveMerges(curation.merges, split.source) !== effective) continue;
    read ??= (doc as () => { lang: string; reason: ContactReason })();
    if (!splitMatches(split, keywordMatcher(split), read)) continue;
    out = { ...split.target };
    effective = resolveMerges(curation.merges, split.target.id);
  }
  return out;
}

/** Every theme a split moves conversations from or to (a merged theme's parts included): which days a change touches. */
export function themesSplitsTouch(curation: CatalogueCuration | undefined): Set<string> {
  const out = new Set<string>();
  if (!curation) return out;
  const sources = new Set(curation.splits.flatMap((s) => [resolveMerges(curation.merges, s.source), s.target.id]));
  for (const id of sources) out.add(id);
  for (const [from] of Object.entries(curation.merges)) if (sources.has(resolveMerges(curation.merges, from))) out.add(from);
  return out;
}

const hiddenSets = new WeakMap<CatalogueCuration, { mergedInto: Map<string, string>; hidden: Map<string, string> }>();
function resolver(curation: CatalogueCuration) {
  let r = hiddenSets.get(curation);
  if (!r) hiddenSets.set(curation, (r = { mergedInto: new Map(Object.entries(curation.merges)), hidden: new Map((curation.hidden ?? []).map((id) => [id, id])) }));
  return r;
}

/**
 * A conversation's theme after all of the product team's edits: splits (which read the conversation's contact
 * reason, asked for only when a split could apply), then merges (followed to the theme that receives them) and
 * hides (to «other»), with the label curation gives. Returns `theme` itself when nothing applies.
 */
export function curateTheme(
  theme: { id: string; label: string },
  doc: { lang: string; reason: ContactReason } | (() => { lang: string; reason: ContactReason }),
  curation: CatalogueCuration | undefined,
): { id: string; label: string } {
  if (!curation || curation.fingerprint === NO_CURATION_FINGERPRINT) return theme;
  const split = applySplits(theme, doc, curation);
  const id = resolveTheme(resolver(curation), split.id);
  if (id === s_OTHER) return { id: s_OTHER, label: 'other' };
  const label = curation.labels?.[id] ?? (id === split.id ? split.label : id);
  return id === theme.id && label === theme.label ? theme : { id, label };
}
