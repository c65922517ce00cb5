/**
 * Theme discovery (per language): what each conversation is about (its contact reason: the opening
 * message with the chatter learned from the window taken out, later messages counting less), as TF-IDF
 * over stemmed unigrams + bigrams, clustered by cluster.ts (the number of themes follows the data),
 * class-based keyphrases from the openings, content-derived ids (kept from a previous catalogue when
 * keyphrases overlap). The catalogue's `model` holds the chatter, truncated term centroids and idf so
 * that assignTheme reproduces discovery's assignments exactly (discovery's final pass uses the
 * serialised model itself).
 */
import { contactReason, learnChatter, type ContactReason } from './chatter';
import { clusterDocs } from './cluster';
import { docFeatures, docTerms, type DocFeatures } from './features';
import { matchPrevious, themeId } from './ids';
import { clusterKeyphrases, themeLabel, type PhraseStats } from './keyphrases';
import { type SparseVec } from './kmeans';
import { baseLanguage, detectLanguage } from './language';
import { assignFeatures, weigh, type LangModel, type Model } from './theme-model';

/**
 * A conversation as theme discovery sees it: the customer's messages in order (a subject, when there is
 * one, first; a single text is one message), in one language.
 */
export interface ThemeDoc { id: string; messages: string[]; lang: string }
export interface Theme { id: string; label: string; keyphrases: string[]; lang: string; size: number; exampleDocIds: string[] }
export interface ThemeCatalogue { version: 1; generatedAt: string; themes: Theme[]; model: unknown }
export const OTHER_THEME: { id: 'other'; label: 'other' } = Object.freeze({ id: 'other', label: 'other' }) as { id: 'other'; label: 'other' };

const CENTROID_TERMS = 60;
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
interface ReasonTerms { terms: string[]; weights: number[] }

function reasonTerms(opening: string[], reason: ContactReason, lang: string): ReasonTerms {
  const later = reason.followUps.flatMap((m) => docTerms(m, lang));
  return { terms: [...opening, ...later], weights: [...opening.map(() => 1), ...later.map(() => FOLLOW_UP_WEIGHT)] };
}

/** Deterministic subsample (every k-th doc) for fitting. */
function sample(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

interface Fitted { clusters: Array<{ terms: Array<[string, number]>; members: number[] }>; idf: Map<string, number>; defaultIdf: number }

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
  const { groups, termWeights } = clusterDocs(vecs, terms.length, {
    seeds,
    lsaDim: 64,
    seed: 7 + vecs.length,
  });
  // The learned term weights become part of the idf, so assignment sees the space the clusters were found in.
  terms.forEach((t, i) => idf.set(t, idf.get(t)! * termWeights[i]!));
  const clusters = groups.map((g) => {
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
    return { terms: top.map(([t, v]) => [terms[t]!, v / norm] as [string, number]), members: g.map((i) => live[i]!) };
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
}

export interface Discovered {
  catalogue: ThemeCatalogue;
  /** doc id -> theme id (OTHER_THEME.id when none fits) */
  assignments: Map<string, string>;
  /** doc id -> what the customer contacted support about, chatter removed */
  reasons: Map<string, ContactReason>;
}

export function discoverThemes(docs: ThemeDoc[], options: DiscoverOptions = {}): Discovered {
  const langs = docs.map(langOf);
  const byLang = new Map<string, number[]>();
  langs.forEach((l, i) => { const a = byLang.get(l) ?? []; a.push(i); byLang.set(l, a); });
  const chatter = new Map<string, string[]>();
  for (const [lang, idxs] of byLang) chatter.set(lang, options.chatter?.[lang] ?? learnChatter(idxs.map((i) => docs[i]!), lang));
  const reasons = docs.map((d, i) => contactReason(d.messages, new Set(chatter.get(langs[i]!))));
  const feats = reasons.map((r, i) => docFeatures(r.opening, langs[i]!));
  const terms = reasons.map((r, i) => reasonTerms(feats[i]!.terms, r, langs[i]!));
  const model: Model = { kind: 'tfidf-centroids', version: 1, langs: {} };
  const draft: Array<{ lang: string; keyphrases: string[]; ci: number }> = [];

  for (const [lang, idxs] of [...byLang].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const local = idxs.map((i) => feats[i]!);
    const prevModel = options.previous?.model as Model | undefined;
    const { clusters, idf, defaultIdf } = fitLanguage(idxs.map((i) => terms[i]!), prevModel?.kind === 'tfidf-centroids' ? prevModel.langs[lang] : undefined);
    // Phrase statistics (document frequencies and most frequent surface forms) of the openings, for keyphrases.
    const stats: PhraseStats = { df: new Map(), surface: new Map(), total: local.length };
    const surfCount = new Map<string, Map<string, number>>();
    const sets = local.map((f) => {
      const s = new Set(f.terms);
      for (const t of s) stats.df.set(t, (stats.df.get(t) ?? 0) + 1);
      for (const [t, surf] of f.surface) {
        const m = surfCount.get(t) ?? new Map<string, number>();
        m.set(surf, (m.get(surf) ?? 0) + 1);
        surfCount.set(t, m);
      }
      return s;
    });
    for (const [t, m] of surfCount) {
      let best = '';
      let bc = -1;
      for (const [s, c] of m) if (c > bc || (c === bc && s < best)) { best = s; bc = c; }
      stats.surface.set(t, best);
    }
  const lm: LangModel = { defaultIdf: round(defaultIdf), minSim: MIN_SIM, idf: {}, centroids: [], chatter: chatter.get(lang) };
    for (const c of clusters) {
      const keys = clusterKeyphrases(c.members.map((m) => sets[m]!), stats, 5);
      const keyphrases = keys.map((k) => stats.surface.get(k) ?? k);
      draft.push({ lang, keyphrases, ci: lm.centroids.length });
      for (const [t] of c.terms) lm.idf[t] = round(idf.get(t) ?? defaultIdf);
      lm.centroids.push({ id: '', terms: c.terms.map(([t, w]) => [t, round(w)]) });
    }
    model.langs[lang] = lm;
  }

  // Ids: content hash, or the previous id when keyphrases overlap.
  const matched = matchPrevious(draft, options.previous?.themes ?? []);
  // Ids carried over from the previous catalogue are reserved first so that a new hash can never take one.
  const used = new Set<string>(matched.values());
  const ids = draft.map((d, i) => {
    const kept = matched.get(i);
    let id = kept ?? themeId(d.lang, d.keyphrases);
    if (!kept) for (let n = 2; used.has(id) || id === OTHER_THEME.id; n++) id = `${themeId(d.lang, d.keyphrases)}-${n}`;
    used.add(id);
    model.langs[d.lang]!.centroids[d.ci]!.id = id;
    return id;
  });

  // Final assignment with exactly the serialised model (what assignTheme does).
  const frozen = JSON.parse(JSON.stringify(model)) as Model;
  const assignments = new Map<string, string>();
  const membersOf = new Map<string, Array<[string, number]>>();
  docs.forEach((d, i) => {
    const lm = frozen.langs[langs[i]!];
    const hit = lm ? assignFeatures(lm, terms[i]!.terms, terms[i]!.weights) : null;
    const id = hit ? lm!.centroids[hit.i]!.id : OTHER_THEME.id;
    assignments.set(d.id, id);
    if (hit) {
      const a = membersOf.get(id) ?? [];
      a.push([d.id, hit.sim]);
      membersOf.set(id, a);
    }
  });

  const themes: Theme[] = [];
  draft.forEach((d, i) => {
    const id = ids[i]!;
    const mem = membersOf.get(id);
    if (!mem?.length) return;
    mem.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    themes.push({ id, label: themeLabel(d.keyphrases), keyphrases: d.keyphrases, lang: d.lang, size: mem.length, exampleDocIds: mem.slice(0, 5).map((m) => m[0]) });
  });
  themes.sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
  // Centroids of themes that ended up empty stay in the model but can never win over... they can: drop them.
  const keep = new Set(themes.map((t) => t.id));
  for (const lm of Object.values(frozen.langs)) lm.centroids = lm.centroids.filter((c) => keep.has(c.id));
  const catalogue: ThemeCatalogue = { version: 1, generatedAt: options.generatedAt ?? new Date().toISOString(), themes, model: frozen };
  return { catalogue, assignments, reasons: new Map(docs.map((d, i) => [d.id, reasons[i]!])) };
}

/** The chatter a catalogue learned for a doc's language (empty without one). */
export function chatterUnder(doc: ThemeDoc, catalogue: ThemeCatalogue | undefined): Set<string> {
  const model = catalogue?.model as Model | undefined;
  return new Set(model?.kind === 'tfidf-centroids' ? model.langs[langOf(doc)]?.chatter : undefined);
}

/** What a doc is about under a catalogue: its contact reason with that language's learned chatter removed. */
export function reasonUnder(doc: ThemeDoc, catalogue: ThemeCatalogue | undefined): ContactReason {
  return contactReason(doc.messages, chatterUnder(doc, catalogue));
}

/** Theme of a single doc under a catalogue (same scoring as discovery's final pass); OTHER_THEME if none fits. */
export function assignTheme(doc: ThemeDoc, catalogue: ThemeCatalogue): { id: string; label: string } {
  const model = catalogue.model as Model | undefined;
  if (!model || model.kind !== 'tfidf-centroids') return { ...OTHER_THEME };
  const lang = langOf(doc);
  const lm = model.langs[lang];
  if (!lm) return { ...OTHER_THEME };
  const reason = contactReason(doc.messages, new Set(lm.chatter));
  if (!reason.opening) return { ...OTHER_THEME };
  const { terms, weights } = reasonTerms(docTerms(reason.opening, lang), reason, lang);
  const hit = assignFeatures(lm, terms, weights);
  if (!hit) return { ...OTHER_THEME };
  const id = lm.centroids[hit.i]!.id;
  const theme = catalogue.themes.find((t) => t.id === id);
  return theme ? { id, label: theme.label } : { ...OTHER_THEME };
}
