/**
 * Theme discovery (per language): TF-IDF over stemmed unigrams + bigrams, clustered by cluster.ts (the number
 * of themes follows the data), class-based keyphrases, content-derived ids (kept from a previous catalogue
 * when keyphrases overlap). The catalogue's `model` holds truncated term centroids + idf so that assignTheme
 * reproduces discovery's assignments exactly (discovery's final pass uses the serialised model itself).
 */
import { clusterDocs } from './cluster';
import { docFeatures, docTerms, type DocFeatures } from './features';
import { matchPrevious, themeId } from './ids';
import { clusterKeyphrases, themeLabel, type PhraseStats } from './keyphrases';
import { type SparseVec } from './kmeans';
import { baseLanguage, detectLanguage } from './language';
import { assignFeatures, weigh, type LangModel, type Model } from './theme-model';

export interface ThemeDoc { id: string; text: string; lang: string }
export interface Theme { id: string; label: string; keyphrases: string[]; lang: string; size: number; exampleDocIds: string[] }
export interface ThemeCatalogue { version: 1; generatedAt: string; themes: Theme[]; model: unknown }
export const OTHER_THEME: { id: 'other'; label: 'other' } = Object.freeze({ id: 'other', label: 'other' }) as { id: 'other'; label: 'other' };

const CENTROID_TERMS = 60;
const MIN_SIM = 0.08;
/** Documents per language used to fit clusters (the rest are assigned with the fitted model). */
const MAX_FIT_DOCS = 10_000;

function langOf(doc: ThemeDoc): string {
  const l = baseLanguage(doc.lang);
  return l !== 'und' ? l : detectLanguage(doc.text);
}

/** Deterministic subsample (every k-th doc) for fitting. */
function sample(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const step = n / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

interface Fitted { clusters: Array<{ terms: Array<[string, number]>; members: number[] }>; idf: Map<string, number>; defaultIdf: number }

/** Fit clusters on a language group's features (indices in the result refer to `feats`). */
function fitLanguage(feats: DocFeatures[], previous?: LangModel): Fitted {
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
    const w = weigh(feats[i]!.terms.filter((t) => vocab.has(t)), (t) => idf.get(t) ?? defaultIdf);
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

export function discoverThemes(docs: ThemeDoc[], options: { previous?: ThemeCatalogue; generatedAt?: string } = {}): { catalogue: ThemeCatalogue; assignments: Map<string, string> } {
  const langs = docs.map(langOf);
  const byLang = new Map<string, number[]>();
  langs.forEach((l, i) => { const a = byLang.get(l) ?? []; a.push(i); byLang.set(l, a); });
  const feats = docs.map((d, i) => docFeatures(d.text, langs[i]!));
  const model: Model = { kind: 'tfidf-centroids', version: 1, langs: {} };
  const draft: Array<{ lang: string; keyphrases: string[]; ci: number }> = [];

  for (const [lang, idxs] of [...byLang].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const local = idxs.map((i) => feats[i]!);
    const prevModel = options.previous?.model as Model | undefined;
    const { clusters, idf, defaultIdf } = fitLanguage(local, prevModel?.kind === 'tfidf-centroids' ? prevModel.langs[lang] : undefined);
    // Phrase statistics (document frequencies and most frequent surface forms) for keyphrases.
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
    const lm: LangModel = { defaultIdf: round(defaultIdf), minSim: MIN_SIM, idf: {}, centroids: [] };
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
    const hit = lm ? assignFeatures(lm, feats[i]!.terms) : null;
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
  return { catalogue, assignments };
}

/** Theme of a single doc under a catalogue (same scoring as discovery's final pass); OTHER_THEME if none fits. */
export function assignTheme(doc: ThemeDoc, catalogue: ThemeCatalogue): { id: string; label: string } {
  const model = catalogue.model as Model | undefined;
  if (!model || model.kind !== 'tfidf-centroids') return { ...OTHER_THEME };
  const lang = langOf(doc);
  const lm = model.langs[lang];
  if (!lm) return { ...OTHER_THEME };
  const hit = assignFeatures(lm, docTerms(doc.text, lang));
  if (!hit) return { ...OTHER_THEME };
  const id = lm.centroids[hit.i]!.id;
  const theme = catalogue.themes.find((t) => t.id === id);
  return theme ? { id, label: theme.label } : { ...OTHER_THEME };
}
