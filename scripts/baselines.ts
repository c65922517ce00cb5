/**
 * The JavaScript sentiment packages a team would reach for, as `npm run eval` compares them:
 * natural (AFINN / pattern lexicons for en, es, pt, fr, it, nl, de), vader-sentiment, sentiment
 * (AFINN-165), wink-nlp (English), and the two that claim many languages: multilang-sentiment and @nlpjs/sentiment.
 * Each returns undefined for a language it does not support.
 * Dev dependencies only: nothing here ships in the pipeline.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Label = 'negative' | 'neutral' | 'positive';
export interface BaselinePrediction {
  label: Label;
  score: number;
}
export type Baseline = (text: string, lang: string) => BaselinePrediction | undefined | Promise<BaselinePrediction | undefined>;

const bySign = (score: number, dead = 0): BaselinePrediction => ({ label: score > dead ? 'positive' : score < -dead ? 'negative' : 'neutral', score: Math.max(-1, Math.min(1, score)) });
const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

function naturalBaseline(): Baseline {
  const natural = require('natural') as { SentimentAnalyzer: new (lang: string, stemmer: unknown, vocabulary: string) => { getSentiment(tokens: string[]): number } };
  const setups: Record<string, [string, string]> = {
    en: ['English', 'afinn'], es: ['Spanish', 'afinn'], pt: ['Portuguese', 'afinn'],
    fr: ['French', 'pattern'], it: ['Italian', 'pattern'], nl: ['Dutch', 'pattern'], de: ['German', 'pattern'],
  };
  const analysers = new Map<string, { getSentiment(tokens: string[]): number }>();
  return (text, lang) => {
    const setup = setups[lang];
    if (!setup) return undefined;
    let a = analysers.get(lang);
    if (!a) analysers.set(lang, (a = new natural.SentimentAnalyzer(setup[0], null, setup[1])));
    const score = a.getSentiment(words(text));
    return bySign(Number.isFinite(score) ? score : 0);
  };
}

function vaderBaseline(): Baseline {
  const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
  // VADER's own convention: compound ≥ 0.05 positive, ≤ −0.05 negative.
  return (text, lang) => (lang === 'en' ? bySign(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound, 0.0499) : undefined);
}

function afinnBaseline(): Baseline {
  const Sentiment = require('sentiment') as new () => { analyze(t: string): { comparative: number } };
  const s = new Sentiment();
  return (text, lang) => (lang === 'en' ? bySign(s.analyze(text).comparative) : undefined);
}

function winkBaseline(): Baseline {
  const winkNLP = require('wink-nlp') as (model: unknown) => { readDoc(t: string): { out(its: unknown): number }; its: { sentiment: unknown } };
  const nlp = winkNLP(require('wink-eng-lite-web-model'));
  return (text, lang) => (lang === 'en' ? bySign(nlp.readDoc(text).out(nlp.its.sentiment)) : undefined);
}

/**
 * multilang-sentiment (AFINN-165 translated into 100+ languages): words split by Intl.Segmenter, which it needs for
 * languages written without spaces (its own splitter cuts on spaces only).
 */
function multilangBaseline(): Baseline {
  const analyse = require('multilang-sentiment') as (text: string, lang: string, opts?: { tokens?: string[] }) => { score: number };
  const segmenters = new Map<string, Intl.Segmenter>();
  return (text, lang) => {
    let seg = segmenters.get(lang);
    if (!seg) segmenters.set(lang, (seg = new Intl.Segmenter(lang, { granularity: 'word' })));
    const tokens = [...seg.segment(text.toLowerCase())].filter((x) => x.isWordLike).map((x) => x.segment);
    try {
      return bySign(analyse(text, lang, { tokens }).score / 5);
    } catch {
      return undefined; // no word list for this language
    }
  };
}

/** @nlpjs/sentiment (AFINN / SenticNet / pattern dictionaries per language, its own tokenizers and stemmers). */
function nlpjsBaseline(): Baseline {
  const LANGS: Record<string, string> = { en: 'LangEn', es: 'LangEs', fr: 'LangFr', de: 'LangDe', it: 'LangIt', nl: 'LangNl', pt: 'LangPt', ar: 'LangAr', fa: 'LangFa', zh: 'LangZh', ja: 'LangJa' };
  let analyser: Promise<{ process(i: { locale: string; text: string }): Promise<{ sentiment: { score: number; vote: string } }> }> | undefined;
  const load = () => (analyser ??= (async () => {
    const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap(): Promise<{ use(x: unknown): void }> };
    const { SentimentAnalyzer } = require('@nlpjs/sentiment') as { SentimentAnalyzer: new (o: unknown) => never };
    const container = await containerBootstrap();
    const all = require('@nlpjs/lang-all') as Record<string, unknown>;
    for (const name of Object.values(LANGS)) container.use(all[name]);
    return new SentimentAnalyzer({ container });
  })());
  return async (text, lang) => {
    if (!LANGS[lang]) return undefined;
    const { sentiment } = await (await load()).process({ locale: lang, text });
    if (!sentiment || sentiment.vote === undefined) return undefined;
    return { label: sentiment.vote as Label, score: Math.max(-1, Math.min(1, sentiment.score / 5)) };
  };
}

export const BASELINES: Record<string, () => Baseline> = {
  natural: naturalBaseline,
  'vader-sentiment': vaderBaseline,
  sentiment: afinnBaseline,
  'wink-nlp': winkBaseline,
  'multilang-sentiment': multilangBaseline,
  '@nlpjs/sentiment': nlpjsBaseline,
};

/**
 * The themes reference from the issue: TF-IDF (lower-cased words, English stop words removed,
 * L2-normalised) + k-means (k-means++ seeding, cosine, fixed seed) given the TRUE number of labels,
 * which our discovery is not given. Returns a cluster index per document.
 */
export function tfidfKmeans(texts: string[], k: number, seed = 42, iterations = 25): number[] {
  const stop = new Set((require('stopwords-iso') as Record<string, string[]>).en);
  const docs = texts.map((t) => (t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => w.length > 1 && !stop.has(w)));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = new Map([...df.keys()].map((w, i) => [w, i]));
  const idf = [...df.values()].map((n) => Math.log((1 + docs.length) / (1 + n)) + 1);
  const vectors = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const w of d) tf.set(vocab.get(w)!, (tf.get(vocab.get(w)!) ?? 0) + 1);
    const entries = [...tf].map(([i, c]) => [i, c * idf[i]!] as [number, number]);
    const norm = Math.hypot(...entries.map(([, v]) => v)) || 1;
    return entries.map(([i, v]) => [i, v / norm] as [number, number]);
  });
  let state = seed >>> 0;
  const random = () => ((state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
  const dim = vocab.size;
  const dot = (v: [number, number][], c: Float64Array) => v.reduce((s, [i, x]) => s + x * c[i]!, 0);
  const centroidOf = (v: [number, number][]) => {
    const c = new Float64Array(dim);
    for (const [i, x] of v) c[i] = x;
    return c;
  };
  // k-means++ seeding on cosine distance.
  const centroids: Float64Array[] = [centroidOf(vectors[Math.floor(random() * vectors.length)]!)];
  const best = vectors.map((v) => 1 - dot(v, centroids[0]!));
  while (centroids.length < k) {
    const total = best.reduce((a, b) => a + Math.max(0, b) ** 2, 0);
    let r = random() * total;
    let pick = 0;
    for (; pick < best.length - 1 && (r -= Math.max(0, best[pick]!) ** 2) > 0; pick++);
    const c = centroidOf(vectors[pick]!);
    centroids.push(c);
    vectors.forEach((v, i) => (best[i] = Math.min(best[i]!, 1 - dot(v, c))));
  }
  let assignment = new Array<number>(vectors.length).fill(0);
  for (let it = 0; it < iterations; it++) {
    assignment = vectors.map((v) => {
      let arg = 0, max = -Infinity;
      centroids.forEach((c, j) => {
        const s = dot(v, c);
        if (s > max) (max = s), (arg = j);
      });
      return arg;
    });
    for (let j = 0; j < k; j++) {
      const c = new Float64Array(dim);
      let n = 0;
      vectors.forEach((v, i) => {
        if (assignment[i] !== j) return;
        n++;
        for (const [d, x] of v) c[d]! += x;
      });
      let sq = 0;
      for (const x of c) sq += x * x;
      const norm = Math.sqrt(sq) || 1;
      if (n) centroids[j] = c.map((x) => x / norm);
    }
  }
  return assignment;
}
