/**
 * Theme discovery (per language): TF-IDF over stemmed unigrams + bigrams, spherical k-means with a data-driven
 * number of clusters (over-cluster, then merge near-duplicate centroids, dissolve tiny clusters), class-based
 * keyphrases, content-derived ids (kept from a previous catalogue when keyphrases overlap).
 * The catalogue's `model` holds truncated centroids + idf so that assignTheme reproduces the assignments.
 */
import { docFeatures } from './features';
import { matchPrevious, themeId } from './ids';
import { clusterKeyphrases, themeLabel, type PhraseStats } from './keyphrases';
import { sphericalKMeans, type SparseVec } from './kmeans';
import { detectLanguage } from './language';
import { embed, fitLsa } from './lsa';

export interface ThemeDoc { id: string; text: string; lang: string }
export interface Theme { id: string; label: string; keyphrases: string[]; lang: string; size: number; exampleDocIds: string[] }
export interface ThemeCatalogue { version: 1; generatedAt: string; themes: Theme[]; model: unknown }
export const OTHER_THEME: { id: 'other'; label: 'other' } = Object.freeze({ id: 'other', label: 'other' }) as { id: 'other'; label: 'other' };

/** Serialisable model: per language, idf of centroid terms and sparse centroids. */
interface LangModel {
  defaultIdf: number;
  minSim: number;
  idf: Record<string, number>;
  centroids: Array<{ id: string; terms: Array<[string, number]> }>;
}
interface Model { kind: 'tfidf-centroids'; version: 1; langs: Record<string, LangModel> }

const CENTROID_TERMS = 60;
const MIN_SIM = 0.08;
const BIGRAM_WEIGHT = Number(process.env.BW ?? 0.7);

function langOf(doc: ThemeDoc): string {
  return doc.lang && doc.lang !== 'und' ? doc.lang : detectLanguage(doc.text);
}

/** Term -> weight map for a doc (sublinear tf x idf, L2-normalised), unknown terms get defaultIdf. */
function weigh(terms: string[], idf: (t: string) => number): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const out = new Map<string, number>();
  let norm = 0;
  for (const [t, c] of tf) {
    const w = (1 + Math.log(c)) * idf(t) * (t.includes(' ') ? BIGRAM_WEIGHT : 1);
    out.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of out) out.set(t, w / norm);
  return out;
}

/** Best centroid for a doc under a language model, or null. */
function assignWith(model: LangModel, text: string, lang: string, index?: Map<string, Array<[number, number]>>): { i: number; sim: number } | null {
  const { terms } = docFeatures(text, lang);
  if (!terms.length) return null;
  const vec = weigh(terms, (t) => model.idf[t] ?? model.defaultIdf);
  const idx = index ?? centroidIndex(model);
  const scores = new Map<number, number>();
  for (const [t, w] of vec) {
    const post = idx.get(t);
    if (!post) continue;
    for (const [c, cw] of post) scores.set(c, (scores.get(c) ?? 0) + w * cw);
  }
  let best = -1;
  let bs = 0;
  for (const [c, s] of scores) if (s > bs || (s === bs && c < best)) { bs = s; best = c; }
  if (best < 0 || bs < model.minSim) return null;
  return { i: best, sim: bs };
}

const indexCache = new WeakMap<LangModel, Map<string, Array<[number, number]>>>();
function centroidIndex(model: LangModel): Map<string, Array<[number, number]>> {
  let idx = indexCache.get(model);
  if (!idx) {
    idx = new Map();
    model.centroids.forEach((c, i) => {
      for (const [t, w] of c.terms) {
        const p = idx!.get(t) ?? [];
        p.push([i, w]);
        idx!.set(t, p);
      }
    });
    indexCache.set(model, idx);
  }
  return idx;
}

function chooseK(n: number): number {
  if (n < 4) return 1;
  return Math.max(2, Math.min(250, Math.round(Number(process.env.KMUL ?? 1.3) * Math.sqrt(n))));
}

interface Cluster { terms: Array<[string, number]>; members: number[] }

import { readFileSync } from 'node:fs';
import { tokenize } from './tokenize';
let EMBW: Map<string, Float32Array> | null = null;
function loadEmb(): Map<string, Float32Array> {
  if (EMBW) return EMBW;
  const words = readFileSync('/tmp/wemb/words.txt', 'utf8').split('\n');
  const buf = readFileSync('/tmp/wemb/vecs.f32');
  const f = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  EMBW = new Map();
  const lim = Number(process.env.EMBN ?? 50000);
  words.forEach((w, i) => { if (i < lim) EMBW!.set(w, f.subarray(i * 100, i * 100 + 100)); });
  return EMBW;
}
export let CURRENT_TEXTS: string[] = [];
function clusterLanguage(feats: Array<{ terms: string[] }>): { clusters: Cluster[]; idf: Map<string, number>; defaultIdf: number } {
  const n = feats.length;
  const df = new Map<string, number>();
  for (const f of feats) for (const t of new Set(f.terms)) df.set(t, (df.get(t) ?? 0) + 1);
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
  feats.forEach((f, i) => {
    const w = weigh(f.terms.filter((t) => vocab.has(t)), (t) => idf.get(t) ?? defaultIdf);
    if (!w.size) return;
    const idx = new Int32Array(w.size);
    const val = new Float32Array(w.size);
    let j = 0;
    for (const [t, v] of w) { idx[j] = vocab.get(t)!; val[j] = v; j++; }
    vecs.push({ idx, val });
    live.push(i);
  });
  if (!vecs.length) return { clusters: [], idf, defaultIdf };
  const k = chooseK(vecs.length);
  const lsaDim = Number(process.env.LSA ?? 0);
  let input = vecs;
  let inDim = terms.length;
  if (lsaDim > 0) {
    const t0 = Date.now();
    const lsa = fitLsa(vecs, terms.length, lsaDim);
    const beta = Number(process.env.BETA ?? 1);
    const a = Math.sqrt(1 - beta);
    const b = Math.sqrt(beta);
    input = vecs.map((v) => {
      const e = embed(v, lsa.P, lsa.dim);
      const m = beta < 1 ? v.idx.length : 0;
      const idx = new Int32Array(m + lsa.dim);
      const val = new Float32Array(m + lsa.dim);
      for (let j = 0; j < m; j++) { idx[j] = v.idx[j]!; val[j] = a * v.val[j]!; }
      for (let c = 0; c < lsa.dim; c++) { idx[m + c] = (beta < 1 ? terms.length : 0) + c; val[m + c] = b * e[c]!; }
      return { idx, val };
    });
    inDim = (beta < 1 ? terms.length : 0) + lsa.dim;
    if (process.env.DEBUG) console.error('lsa ms', Date.now() - t0);
  }
  const gamma = Number(process.env.EMB ?? 0);
  if (gamma > 0 && CURRENT_TEXTS.length === feats.length) {
    const E = loadEmb();
    const tokDf = new Map<string, number>();
    const toks = live.map((i) => tokenize(CURRENT_TEXTS[i]!, 'en'));
    for (const t of toks) for (const w of new Set(t)) tokDf.set(w, (tokDf.get(w) ?? 0) + 1);
    const embs = toks.map((t) => {
      const e = new Float64Array(100);
      for (const w of t) {
        const v = E.get(w);
        if (!v) continue;
        const wt = Math.log((live.length + 1) / ((tokDf.get(w) ?? 0) + 1)) + 1;
        for (let c = 0; c < 100; c++) e[c] = e[c]! + wt * v[c]!;
      }
      return e;
    });
    // SIF: remove the mean direction.
    const mean = new Float64Array(100);
    for (const e of embs) for (let c = 0; c < 100; c++) mean[c] = mean[c]! + e[c]! / embs.length;
    const a = Math.sqrt(1 - gamma);
    const b = Math.sqrt(gamma);
    input = input.map((v, i) => {
      const e = embs[i]!;
      if (process.env.SIF) for (let c = 0; c < 100; c++) e[c] = e[c]! - mean[c]!;
      let nn = 0;
      for (let c = 0; c < 100; c++) nn += e[c]! ** 2;
      nn = Math.sqrt(nn) || 1;
      const m = v.idx.length;
      const idx = new Int32Array(m + 100);
      const val = new Float32Array(m + 100);
      for (let j = 0; j < m; j++) { idx[j] = v.idx[j]!; val[j] = a * v.val[j]!; }
      for (let c = 0; c < 100; c++) { idx[m + c] = inDim + c; val[m + c] = (b * e[c]!) / nn; }
      return { idx, val };
    });
    inDim += 100;
  }
  const res0 = sphericalKMeans(input, inDim, k, { seed: 7 + vecs.length, iterations: 25 });
  // Centroids in term space for the model.
  const res = { ...res0, k: res0.k, centroids: termCentroids(vecs, res0.assign, res0.k, terms.length) };
  const minSize = Math.max(2, Math.round(vecs.length * 0.001));
  const clusters: Cluster[] = [];
  for (let c = 0; c < res.k; c++) {
    const members: number[] = [];
    for (let i = 0; i < vecs.length; i++) if (res.assign[i] === c) members.push(live[i]!);
    if (members.length < minSize) continue;
    const cw: Array<[string, number]> = [];
    for (let t = 0; t < terms.length; t++) {
      const v = res.centroids[t * res.k + c]!;
      if (v > 0) cw.push([terms[t]!, v]);
    }
    cw.sort((a, b) => b[1] - a[1]);
    clusters.push({ terms: cw.slice(0, CENTROID_TERMS), members });
  }
  return { clusters, idf, defaultIdf };
}

function termCentroids(vecs: SparseVec[], assign: Int32Array, k: number, V: number): Float32Array {
  const C = new Float32Array(V * k);
  for (let i = 0; i < vecs.length; i++) {
    const v = vecs[i]!;
    const c = assign[i]!;
    for (let j = 0; j < v.idx.length; j++) { const p = v.idx[j]! * k + c; C[p] = C[p]! + v.val[j]!; }
  }
  const norms = new Float64Array(k);
  for (let t = 0; t < V; t++) for (let c = 0; c < k; c++) norms[c] = norms[c]! + C[t * k + c]! ** 2;
  for (let t = 0; t < V; t++) for (let c = 0; c < k; c++) C[t * k + c] = C[t * k + c]! / (Math.sqrt(norms[c]!) || 1);
  return C;
}

export function discoverThemes(docs: ThemeDoc[], options: { previous?: ThemeCatalogue; generatedAt?: string } = {}): { catalogue: ThemeCatalogue; assignments: Map<string, string> } {
  const byLang = new Map<string, number[]>();
  const langs = docs.map(langOf);
  langs.forEach((l, i) => { const a = byLang.get(l) ?? []; a.push(i); byLang.set(l, a); });
  const model: Model = { kind: 'tfidf-centroids', version: 1, langs: {} };
  const draft: Array<{ lang: string; keyphrases: string[]; keys: string[]; ci: number }> = [];
  const feats = docs.map((d, i) => docFeatures(d.text, langs[i]!));
  const rawOf = new Map<number, string>();

  for (const [lang, idxs] of [...byLang].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    CURRENT_TEXTS = idxs.map((i) => docs[i]!.text);
    const { clusters, idf, defaultIdf } = clusterLanguage(idxs.map((i) => feats[i]!));
    // Phrase statistics for keyphrases.
    const stats: PhraseStats = { df: new Map(), surface: new Map(), total: idxs.length };
    const surfCount = new Map<string, Map<string, number>>();
    const sets = idxs.map((i) => {
      const f = feats[i]!;
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
    clusters.forEach((c, ci) => c.members.forEach((m) => rawOf.set(idxs[m]!, lang + ci)));
    const lm: LangModel = { defaultIdf: round(defaultIdf), minSim: MIN_SIM, idf: {}, centroids: [] };
    clusters.forEach((c) => {
      const keys = clusterKeyphrases(c.members.map((m) => sets[m] ?? new Set<string>()), stats, 5);
      const keyphrases = keys.map((k) => stats.surface.get(k) ?? k);
      draft.push({ lang, keyphrases, keys, ci: lm.centroids.length });
      for (const [t] of c.terms) lm.idf[t] = round(idf.get(t) ?? defaultIdf);
      lm.centroids.push({ id: '', terms: c.terms.map(([t, w]) => [t, round(w)]) });
    });
    model.langs[lang] = lm;
  }

  // Ids: content hash, or the previous id when keyphrases overlap.
  const prevThemes = options.previous?.themes ?? [];
  const matched = matchPrevious(draft, prevThemes);
  const used = new Set<string>();
  const ids = draft.map((d, i) => {
    let id = matched.get(i) ?? themeId(d.lang, d.keyphrases);
    let n = 2;
    while (used.has(id) || id === OTHER_THEME.id) id = `${themeId(d.lang, d.keyphrases)}-${n++}`;
    used.add(id);
    model.langs[d.lang]!.centroids[d.ci]!.id = id;
    return id;
  });

  // Final assignment with exactly the serialised model (what assignTheme will do).
  const frozen = JSON.parse(JSON.stringify(model)) as Model;
  const assignments = new Map<string, string>();
  const membersOf = new Map<string, Array<[string, number]>>();
  docs.forEach((d, i) => {
    const lm = frozen.langs[langs[i]!];
    const hit = lm ? assignWith(lm, d.text, langs[i]!) : null;
    const id = hit ? lm!.centroids[hit.i]!.id : OTHER_THEME.id;
    assignments.set(d.id, id);
    if (process.env.RAW) assignments.set(d.id, String(rawOf.get(i) ?? 'other'));
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
  const catalogue: ThemeCatalogue = { version: 1, generatedAt: options.generatedAt ?? new Date().toISOString(), themes, model: frozen };
  return { catalogue, assignments };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** Theme of a single doc under a catalogue (same scoring as discovery's final pass); OTHER_THEME if none fits. */
export function assignTheme(doc: ThemeDoc, catalogue: ThemeCatalogue): { id: string; label: string } {
  const model = catalogue.model as Model | undefined;
  if (!model || model.kind !== 'tfidf-centroids') return { ...OTHER_THEME };
  const lang = langOf(doc);
  const lm = model.langs[lang];
  if (!lm) return { ...OTHER_THEME };
  const hit = assignWith(lm, doc.text, lang);
  if (!hit) return { ...OTHER_THEME };
  const id = lm.centroids[hit.i]!.id;
  const theme = catalogue.themes.find((t) => t.id === id);
  return theme ? { id, label: theme.label } : { ...OTHER_THEME };
}
