/**
 * Theme discovery (per language): what each conversation is about (its contact reason: the opening
 * message with the chatter learned from the window taken out, later messages counting less), as TF-IDF
 * over stemmed unigrams + bigrams, clustered by cluster.ts (the number of themes follows the data),
 * class-based keyphrases from the openings, content-derived ids (kept from a previous catalogue when
 * keyphrases overlap). The catalogue's `model` holds the chatter, truncated term centroids and idf so
 * that assignTheme reproduces discovery's assignments exactly (discovery's final pass uses the
 * serialised model itself).
 */
import type { CatalogueCuration } from '../curation/splits';
import { discoverAreas, type ThemeArea } from './areas';
import { clauseKey, contactReason, learnChatter, reasonText, type ContactReason } from './chatter';
import { clusterDocs } from './cluster';
import { CONCEPT_LABELS, conceptProfile, conceptsOf } from './concepts';
import { docTerms } from './features';
import { matchPrevious, themeId } from './ids';
import { sharedWords } from './shared-words';
import { asLabel, asWritten, countPhrases, distinctPhrases, phrasesOf, rankPhrases, type LabelMember, type PhraseCounts, type RankedPhrase } from './labels';
import { type SparseVec } from './kmeans';
import { baseLanguage, detectLanguage } from './language';
import { assignFeatures, weigh, type ConceptFallback, type LangModel, type Model } from './theme-model';

/**
 * A conversation as theme discovery sees it: the customer's messages in order (a subject, when there is
 * one, first; a single text is one message), in one language.
 */
export interface ThemeDoc {
  id: string;
  messages: string[];
  lang: string;
  /** pseudonymous customer id: a phrase must come from several customers to be shown (labels.ts) */
  customer?: string;
}
export interface Theme {
  id: string;
  label: string;
  keyphrases: string[];
  lang: string;
  size: number;
  /** representative conversations: nearest the theme's centre, each saying it in other words */
  exampleDocIds: string[];
  area?: { id: string; label: string };
  /** support concepts its conversations mention (concepts.ts), with the share that mention each, strongest first */
  concepts?: Array<[string, number]>;
  /** for a theme not in English: what it is about in English, where the concept dictionary knows it ("refunds") */
  gloss?: string;
}
export type { ThemeArea } from './areas';
export interface ThemeCatalogue {
  version: 1;
  generatedAt: string;
  themes: Theme[];
  areas?: ThemeArea[];
  /** conversations no theme fits, with a few examples */
  other?: { size: number; exampleDocIds: string[] };
  model: unknown;
  /** the days it was discovered on: days outside keep the themes they were given (only curation is applied to them again) */
  window?: { from: string; to: string };
  /** set when discovery read a sample of a busy window (core/window-sample.ts): conversations read and kept */
  sampled?: { seen: number; kept: number };
  /** the product team's splits (and the merges their sources need), compiled on the window: applied after assignment */
  curation?: CatalogueCuration;
  /** themes the product team's edits name that discovery no longer found (their last keyphrases): their ids can come back */
  remembered?: Array<{ id: string; lang: string; keyphrases: string[] }>;
}
export const OTHER_THEME: { id: 'other'; label: 'other' } = Object.freeze({ id: 'other', label: 'other' }) as { id: 'other'; label: 'other' };

const CENTROID_TERMS = 60;
/** A language needs this many conversations in the window for themes of its own. */
const MIN_LANGUAGE_DOCS = 20;
/** What a later customer message counts for, against the opening: it refines the theme, it does not decide it. */
const FOLLOW_UP_WEIGHT = 0.5;
const MIN_SIM = 0.08;
/** Documents per language used to fit clusters (the rest are assigned with the fitted model). */
const MAX_FIT_DOCS = 10_000;

function langOf(doc: ThemeDoc): string {
  const l = baseLanguage(doc.lang);
  return l !== 'und' ? l : detectLanguage(doc.messages.join('\n'));
}

/** Clustering terms of a contact reason: the opening's features, then the follow-ups' at a lower weight. */
export interface ReasonTerms { terms: string[]; weights: number[] }

function reasonTerms(opening: string[], reason: ContactReason, lang: string): ReasonTerms {
  const later = reason.followUps.flatMap((m) => docTerms(m, lang));
  return { terms: [...opening, ...later], weights: [...opening.map(() => 1), ...later.map(() => FOLLOW_UP_WEIGHT)] };
}

/** The clustering features of a contact reason (the opening's terms, follow-ups' at a lower weight), as discovery uses them. */
export function reasonFeatures(reason: ContactReason, lang: string): ReasonTerms {
  return reasonTerms(docTerms(reason.opening, lang), reason, lang);
}

/** The language a doc is themed in (its own, or detected from its text). */
export function themeLanguage(doc: ThemeDoc): string {
  return langOf(doc);
}

/** Deterministic subsample (every k-th doc) for fitting. */
function sample(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

interface Fitted { clusters: Array<{ terms: Array<[string, number]>; members: number[]; meaning?: Float32Array }>; idf: Map<string, number>; defaultIdf: number }

/** Fit clusters on a language group's features (indices in the result refer to `feats`). */
function fitLanguage(feats: ReasonTerms[], previous?: LangModel): Fitted {
  const fitIdx = sample(feats.length, MAX_FIT_DOCS);
  const n = fitIdx.length;
  const df = new Map<string, number>();
  for (const i of fitIdx) for (const t of new Set(feats[i]!.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const minDf = n >= 50 ? 2 : 1;
  const vocab = new Map<string, number>();
  const idf = new Map<string, number>();
  for (const [t, c] of df) {
    if (c < minDf) continue;
    vocab.set(t, vocab.size);
    idf.set(t, Math.log((n + 1) / (c + 1)) + 1);
  }
  const defaultIdf = Math.log((n + 1) / 2) + 1;
  const terms = [...vocab.keys()];
  const vecs: SparseVec[] = [];
  const live: number[] = [];
  for (const i of fitIdx) {
    const f = feats[i]!;
    const known = f.terms.flatMap((t, j) => (vocab.has(t) ? [j] : []));
    const w = weigh(known.map((j) => f.terms[j]!), (t) => idf.get(t) ?? defaultIdf, known.map((j) => f.weights[j]!));
    if (!w.size) continue;
    const idx = new Int32Array(w.size);
    const val = new Float32Array(w.size);
    let j = 0;
    for (const [t, v] of w) { idx[j] = vocab.get(t)!; val[j] = v; j++; }
    vecs.push({ idx, val });
    live.push(i);
  }
  // Previous themes (same language) seed the clustering so that they persist when the data still supports them.
  const seeds: SparseVec[] = (previous?.centroids ?? []).map((c) => {
    const pairs = c.terms.filter(([t]) => vocab.has(t));
    let norm = 0;
    for (const [, w] of pairs) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    return { idx: Int32Array.from(pairs.map(([t]) => vocab.get(t)!)), val: Float32Array.from(pairs.map(([, w]) => w / norm)) };
  });
  const { groups, termWeights, meanings } = clusterDocs(vecs, terms.length, {
    seeds,
    lsaDim: 64,
    seed: 7 + vecs.length,
  });
  // The learned term weights become part of the idf, so assignment sees the space the clusters were found in.
  terms.forEach((t, i) => idf.set(t, idf.get(t)! * termWeights[i]!));
  const clusters = groups.map((g, gi) => {
    const sum = new Map<number, number>();
    for (const i of g) {
      const v = vecs[i]!;
      let norm = 0;
      for (let j = 0; j < v.idx.length; j++) norm += (v.val[j]! * termWeights[v.idx[j]!]!) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < v.idx.length; j++) {
        const t = v.idx[j]!;
        sum.set(t, (sum.get(t) ?? 0) + (v.val[j]! * termWeights[t]!) / norm);
      }
    }
    const top = [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CENTROID_TERMS);
    const norm = Math.sqrt(top.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { terms: top.map(([t, v]) => [terms[t]!, v / norm] as [string, number]), members: g.map((i) => live[i]!), meaning: meanings?.[gi] };
  });
  return { clusters, idf, defaultIdf };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export interface DiscoverOptions {
  previous?: ThemeCatalogue;
  generatedAt?: string;
  /** Chatter clause keys per language, when the caller learned them over a wider set (else learned on `docs`). */
  chatter?: Record<string, string[]>;
  /** Words enough customers used, per language, when the caller counted them over a wider set (else over `docs`). */
  words?: Record<string, string[]>;
  /** Ids the product team's edits name (docs/CURATION.md): kept on smaller keyphrase overlap. */
  pinned?: ReadonlySet<string>;
  /** Curated themes the previous catalogue no longer has (their last keyphrases): their ids can come back. */
  remembered?: Array<{ id: string; lang: string; keyphrases: string[] }>;
}

export interface Discovered {
  catalogue: ThemeCatalogue;
  /** doc id -> theme id (OTHER_THEME.id when none fits) */
  assignments: Map<string, string>;
  /** doc id -> what the customer contacted support about, chatter removed */
  reasons: Map<string, ContactReason>;
}

/** A theme's members read for its label: at most this many, spread over the theme. */
const LABEL_SAMPLE = 400;
/** A multi-word phrase is the label unless a single word scores more than this many times higher. */
const SINGLE_WORD_ADVANTAGE = 2.5;
const EXAMPLES = 5;
const UNNAMED = 'Unnamed theme (too few customers share its words)';
/** Members per theme read for its concept profile (shares are estimates; a window can be large). */
const CONCEPT_SAMPLE = 300;

/** For each concept, the largest theme mainly about it: per language, and in any language. */
function conceptFallback(themes: Theme[]): ConceptFallback {
  const out: ConceptFallback = { byLang: {}, any: {} };
  // themes are sorted largest first: the first theme to claim a concept keeps it
  for (const t of themes) {
    const top = t.concepts?.[0]?.[0];
    if (!top) continue;
    const own = (out.byLang[t.lang] ??= {});
    own[top] ??= { id: t.id, label: t.label };
    out.any[top] ??= { id: t.id, label: t.label };
  }
  return out;
}

/** The fallback theme for a text by the concepts it mentions, or undefined. */
function byConcept(fallback: ConceptFallback, lang: string, text: string): { id: string; label: string } | undefined {
  const concepts = conceptsOf(text, lang);
  for (const level of [fallback.byLang[lang], fallback.defined, fallback.any]) {
    for (const c of concepts) if (level?.[c]) return level[c];
  }
  return undefined;
}

/** The label phrase: the best multi-word phrase not taken yet, unless one word says much more. */
function chooseLabel(ranked: RankedPhrase[], taken: Set<string>, lang: string): string | undefined {
  const free = ranked.filter((p) => !taken.has(`${lang}\u0000${p.surface.toLowerCase()}`));
  if (!free.length) return undefined;
  const multi = free.find((p) => p.words > 1);
  return multi && multi.score * SINGLE_WORD_ADVANTAGE >= free[0]!.score ? multi.surface : free[0]!.surface;
}

/**
 * Up to EXAMPLES conversations that show a theme (nearest its centre first), each from another customer
 * and saying it in other words: the same sentence five times explains nothing.
 */
function examples(idxs: number[], hits: Array<{ sim: number } | null>, reasons: ContactReason[], docs: ThemeDoc[]): string[] {
  const order = [...idxs].sort((a, b) => (hits[b]?.sim ?? 0) - (hits[a]?.sim ?? 0) || (docs[a]!.id < docs[b]!.id ? -1 : 1));
  const said = new Set<string>();
  const customers = new Set<string>();
  const out: string[] = [];
  for (const i of order) {
    if (out.length >= EXAMPLES) break;
    const text = clauseKey(reasons[i]!.opening);
    const customer = docs[i]!.customer ?? docs[i]!.id;
    if (!text || said.has(text) || customers.has(customer)) continue;
    said.add(text);
    customers.add(customer);
    out.push(docs[i]!.id);
  }
  return out;
}

/** At most `limit` items spread evenly over `items`. */
function spread<T>(items: T[], limit: number): T[] {
  if (items.length <= limit) return items;
  return Array.from({ length: limit }, (_, i) => items[Math.floor((i * items.length) / limit)]!);
}

/** Everything discovery knows about its documents while it works, by document index. */
interface Corpus {
  docs: ThemeDoc[];
  langs: string[];
  byLang: Map<string, number[]>;
  reasons: ContactReason[];
  terms: ReasonTerms[];
}

/** A discovered theme before its id is known: its language, centroid index, members and names. */
interface Named {
  lang: string;
  ci: number;
  idxs: number[];
  keyphrases: string[];
  label: string;
  /** what its id is hashed from: its keyphrases, or its centroid's terms when it has no name */
  hashed: string[];
}

const memberOf = (c: Corpus, i: number): LabelMember => ({ text: c.reasons[i]!.opening, customer: c.docs[i]!.customer ?? c.docs[i]!.id });

/** Per language, the fitted centroids (ids still empty) and their meaning vectors, for areas. */
function fitModels(c: Corpus, chatter: Map<string, string[]>, words: (lang: string) => string[], previous: Model | undefined): { model: Model; meanings: Map<string, Array<Float32Array | undefined>> } {
  const model: Model = { kind: 'tfidf-centroids', version: 1, langs: {} };
  const meanings = new Map<string, Array<Float32Array | undefined>>();
  for (const [lang, idxs] of [...c.byLang].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Too few conversations to tell themes apart: they reach other languages' themes by concept (below).
    const { clusters, idf, defaultIdf } =
      idxs.length >= MIN_LANGUAGE_DOCS ? fitLanguage(idxs.map((i) => c.terms[i]!), previous?.kind === 'tfidf-centroids' ? previous.langs[lang] : undefined) : { clusters: [], idf: new Map<string, number>(), defaultIdf: 1 };
    const lm: LangModel = { defaultIdf: round(defaultIdf), minSim: MIN_SIM, idf: {}, centroids: [], chatter: chatter.get(lang), words: words(lang) };
    for (const cl of clusters) {
      for (const [t] of cl.terms) lm.idf[t] = round(idf.get(t) ?? defaultIdf);
      lm.centroids.push({ id: '', terms: cl.terms.map(([t, w]) => [t, round(w)]) });
    }
    meanings.set(lang, clusters.map((cl) => cl.meaning));
    model.langs[lang] = lm;
  }
  return { model, meanings };
}

/**
 * Labels and keyphrases in the customers' words, from each theme's members; larger themes choose first, and a
 * label already taken goes to the next phrase. Also the phrase counts of each language, for areas.
 */
function nameThemes(c: Corpus, members: Map<string, number[]>, model: Model): { named: Named[]; phraseCounts: Map<string, PhraseCounts> } {
  const draft: Array<{ lang: string; ci: number; idxs: number[]; ranked: RankedPhrase[] }> = [];
  const phraseCounts = new Map<string, PhraseCounts>();
  for (const [lang, idxs] of c.byLang) {
    const groups = [...members].filter(([k]) => k.startsWith(`${lang}\u0000`));
    const sampled = groups.map(([k, m]) => ({ ci: Number(k.split('\u0000')[1]), idxs: m, sample: spread(m, LABEL_SAMPLE).map((i) => memberOf(c, i)) }));
    const counts = countPhrases(idxs.map((i) => c.reasons[i]!.opening), lang, new Set(sampled.flatMap((g) => g.sample.flatMap((m) => phrasesOf(m.text, lang).map((p) => p.key)))));
    phraseCounts.set(lang, counts);
    for (const g of sampled) draft.push({ lang, ci: g.ci, idxs: g.idxs, ranked: rankPhrases(g.sample, lang, counts) });
  }
  draft.sort((a, b) => b.idxs.length - a.idxs.length || (a.lang < b.lang ? -1 : 1) || a.ci - b.ci);
  const taken = new Set<string>();
  const named = draft.map((d) => {
    const sample = spread(d.idxs, LABEL_SAMPLE).map((i) => memberOf(c, i));
    const keyphrases = distinctPhrases(d.ranked, 5).map((p) => asWritten(p.surface, sample));
    const label = chooseLabel(d.ranked, taken, d.lang);
    if (label) taken.add(`${d.lang}\u0000${label.toLowerCase()}`);
    // A theme whose words too few customers share is not named by them (labels.ts); its id comes from its centroid.
    const hashed = label ? keyphrases : model.langs[d.lang]!.centroids[d.ci]!.terms.slice(0, 3).map(([t]) => t);
    return { lang: d.lang, ci: d.ci, idxs: d.idxs, keyphrases, label: label ? asLabel(asWritten(label, sample)) : UNNAMED, hashed };
  });
  return { named, phraseCounts };
}

/** Ids: the previous catalogue's where keyphrases overlap (reserved first, so a new hash never takes one), else a content hash. */
function giveIds(named: Named[], previous: Array<{ id: string; lang: string; keyphrases: string[] }>, model: Model, pinned?: ReadonlySet<string>): Map<string, string> {
  const matched = matchPrevious(named, previous, undefined, pinned);
  const used = new Set<string>(matched.values());
  const idOf = new Map<string, string>();
  named.forEach((d, i) => {
    const kept = matched.get(i);
    let id = kept ?? themeId(d.lang, d.hashed);
    if (!kept) for (let n = 2; used.has(id) || id === OTHER_THEME.id; n++) id = `${themeId(d.lang, d.hashed)}-${n}`;
    used.add(id);
    model.langs[d.lang]!.centroids[d.ci]!.id = id;
    idOf.set(`${d.lang}\u0000${d.ci}`, id);
  });
  return idOf;
}

export function discoverThemes(docs: ThemeDoc[], options: DiscoverOptions = {}): Discovered {
  const langs = docs.map(langOf);
  const byLang = new Map<string, number[]>();
  langs.forEach((l, i) => { const a = byLang.get(l) ?? []; a.push(i); byLang.set(l, a); });
  const chatter = new Map<string, string[]>();
  for (const [lang, idxs] of byLang) chatter.set(lang, options.chatter?.[lang] ?? learnChatter(idxs.map((i) => docs[i]!), lang));
  const reasons = docs.map((d, i) => contactReason(d.messages, new Set(chatter.get(langs[i]!))));
  const c: Corpus = { docs, langs, byLang, reasons, terms: reasons.map((r, i) => reasonTerms(docTerms(r.opening, langs[i]!), r, langs[i]!)) };
  const words = (lang: string) => options.words?.[lang] ?? sharedWords(byLang.get(lang)!.map((i) => docs[i]!), lang);
  const { model, meanings } = fitModels(c, chatter, words, options.previous?.model as Model | undefined);

  // Final assignment with exactly the serialised model (what assignTheme does); ids are filled in below.
  const frozen = JSON.parse(JSON.stringify(model)) as Model;
  const hits = docs.map((_, i) => {
    const lm = frozen.langs[langs[i]!];
    return lm && reasons[i]!.opening ? assignFeatures(lm, c.terms[i]!.terms, c.terms[i]!.weights) : null;
  });
  const members = new Map<string, number[]>();
  hits.forEach((h, i) => {
    if (!h) return;
    const k = `${langs[i]}\u0000${h.i}`;
    const list = members.get(k);
    if (list) list.push(i);
    else members.set(k, [i]);
  });
  const { named, phraseCounts } = nameThemes(c, members, frozen);
  const previousThemes = options.previous?.themes ?? [];
  const known = new Set(previousThemes.map((t) => t.id));
  const idOf = giveIds(named, [...previousThemes, ...(options.remembered ?? []).filter((t) => !known.has(t.id))], frozen, options.pinned);
  const themes: Theme[] = named.map((d) => ({ id: idOf.get(`${d.lang}\u0000${d.ci}`)!, label: d.label, keyphrases: d.keyphrases, lang: d.lang, size: d.idxs.length, exampleDocIds: examples(d.idxs, hits, reasons, docs) }));
  themes.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
  // Centroids no document is nearest to never become themes: drop them from the model.
  const keep = new Set(themes.map((t) => t.id));
  for (const lm of Object.values(frozen.langs)) lm.centroids = lm.centroids.filter((cn) => keep.has(cn.id));

  const assignments = new Map<string, string>();
  docs.forEach((d, i) => {
    const h = hits[i];
    assignments.set(d.id, (h && idOf.get(`${langs[i]}\u0000${h.i}`)) || OTHER_THEME.id);
  });
  const areas = discoverAreas(
    named.map((d) => ({ id: idOf.get(`${d.lang}\u0000${d.ci}`)!, label: d.label, lang: d.lang, size: d.idxs.length, meaning: meanings.get(d.lang)?.[d.ci], members: spread(d.idxs, LABEL_SAMPLE).map((i) => memberOf(c, i)) })),
    phraseCounts,
    options.previous?.areas ?? [],
  );
  const areaOf = new Map(areas.flatMap((a) => a.themeIds.map((id) => [id, { id: a.id, label: a.label }] as const)));
  for (const t of themes) t.area = areaOf.get(t.id);

  // Concepts of each theme, then the concept fallback for conversations no centroid fits.
  const aboutText = (i: number) => reasonText(reasons[i]!);
  const themeById = new Map(themes.map((t) => [t.id, t]));
  for (const d of named) {
    const t = themeById.get(idOf.get(`${d.lang}\u0000${d.ci}`)!)!;
    t.concepts = conceptProfile(t, spread(d.idxs, CONCEPT_SAMPLE).map((i) => ({ text: aboutText(i), lang: d.lang }))).concepts;
    // The label stays in the customers' language; the reader gets the concept in English beside it.
    if (t.lang !== 'en' && t.concepts[0]) t.gloss = CONCEPT_LABELS.get(t.concepts[0][0]);
  }
  frozen.byConcept = conceptFallback(themes);
  const other: number[] = [];
  docs.forEach((d, i) => {
    if (hits[i]) return;
    const theme = reasons[i]!.opening ? byConcept(frozen.byConcept!, langs[i]!, aboutText(i)) : undefined;
    if (!theme) return void other.push(i);
    assignments.set(d.id, theme.id);
    themeById.get(theme.id)!.size++;
  });
  const catalogue: ThemeCatalogue = {
    version: 1,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    themes,
    areas,
    other: { size: other.length, exampleDocIds: examples(other, hits, reasons, docs) },
    model: frozen,
  };
  return { catalogue, assignments, reasons: new Map(docs.map((d, i) => [d.id, reasons[i]!])) };
}

/** Sets built once per catalogue language: analysis asks for them for every conversation. */
const chatterSets = new WeakMap<LangModel, Set<string>>();
const wordSets = new WeakMap<LangModel, Set<string>>();
const EMPTY: ReadonlySet<string> = new Set();

function langModelOf(doc: ThemeDoc, catalogue: ThemeCatalogue | undefined): LangModel | undefined {
  const model = catalogue?.model as Model | undefined;
  return model?.kind === 'tfidf-centroids' ? model.langs[langOf(doc)] : undefined;
}

function cachedSet(cache: WeakMap<LangModel, Set<string>>, lm: LangModel | undefined, list: (lm: LangModel) => string[] | undefined): ReadonlySet<string> {
  if (!lm) return EMPTY;
  let set = cache.get(lm);
  if (!set) cache.set(lm, (set = new Set(list(lm))));
  return set;
}

/** The chatter a catalogue learned for a doc's language (empty without one). */
export function chatterUnder(doc: ThemeDoc, catalogue: ThemeCatalogue | undefined): ReadonlySet<string> {
  return cachedSet(chatterSets, langModelOf(doc, catalogue), (lm) => lm.chatter);
}

/** The words enough customers used in a doc's language: the only ones its quotes may show (empty without a catalogue). */
export function sharedWordsUnder(doc: ThemeDoc, catalogue: ThemeCatalogue | undefined): ReadonlySet<string> {
  return cachedSet(wordSets, langModelOf(doc, catalogue), (lm) => lm.words);
}

/** What a doc is about under a catalogue: its contact reason with that language's learned chatter removed. */
export function reasonUnder(doc: ThemeDoc, catalogue: ThemeCatalogue | undefined): ContactReason {
  return contactReason(doc.messages, chatterUnder(doc, catalogue));
}

const themesById = new WeakMap<ThemeCatalogue, Map<string, Theme>>();

/** Theme of a single doc under a catalogue (same scoring as discovery's final pass); OTHER_THEME if none fits. */
export function assignTheme(doc: ThemeDoc, catalogue: ThemeCatalogue, reason?: ContactReason): { id: string; label: string } {
  const model = catalogue.model as Model | undefined;
  if (!model || model.kind !== 'tfidf-centroids') return { ...OTHER_THEME };
  const lang = langOf(doc);
  const lm = model.langs[lang];
  // The caller may have read the contact reason already (with this catalogue's chatter).
  reason ??= contactReason(doc.messages, cachedSet(chatterSets, lm, (m) => m.chatter));
  if (!reason.opening) return { ...OTHER_THEME };
  const { terms, weights } = reasonTerms(docTerms(reason.opening, lang), reason, lang);
  const hit = lm ? assignFeatures(lm, terms, weights) : null;
  if (hit) {
    const id = lm!.centroids[hit.i]!.id;
    let byId = themesById.get(catalogue);
    if (!byId) themesById.set(catalogue, (byId = new Map(catalogue.themes.map((t) => [t.id, t]))));
    const theme = byId.get(id);
    return theme ? { id, label: theme.label } : { ...OTHER_THEME };
  }
  const fallback = model.byConcept && byConcept(model.byConcept, lang, reasonText(reason));
  return fallback ? { ...fallback } : { ...OTHER_THEME };
}
