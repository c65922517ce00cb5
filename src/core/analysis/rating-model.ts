/**
 * Sentiment learned from the help desk's own satisfaction ratings: per language, a multinomial logistic regression
 * over hashed word and character n-grams of the customer's text, with the lexicon engine's score and label as
 * features, fitted on rated conversations (CSAT 1–2 negative, 3 neutral, 4–5 positive). It is combined with the
 * lexicon engine, weighted by how much rated data the language has (rows / (rows + RATING_PRIOR_ROWS)), by one of two
 * rules that cross-validation chooses with the weight: a mixture of the two readings (the lexicon's label keeps its
 * say unless the model outweighs it), or a product of them (a confident model overrules the lexicon, a hesitant one
 * defers to it), the product only from an equal say (weight 0.5) on. A language with fewer than MIN_RATED_ROWS
 * ratings, or whose cross-validated combination does not beat the lexicon engine alone, falls back to the lexicon
 * engine. Trained at run time on the deployment's own data: nothing learned ships.
 * Pure: no I/O; the model is plain JSON (weights as base64).
 */
import { getLexicon } from './languages';
import { normalizeText } from './normalize';
import { analyzeSentiment, sentimentTokens, type Sentiment, type SentimentLabel } from './sentiment';

export const SENTIMENT_MODEL_FORMAT = 'voc-sentiment-model';
/** Bump when features or training change: a stored model of another version is not used. */
export const SENTIMENT_MODEL_VERSION = 1;
/** Fewer ratings than this in a language: the lexicon engine alone. */
export const MIN_RATED_ROWS = 30;
/** The combination weight is rows / (rows + this): half-way at this many rated conversations. */
export const RATING_PRIOR_ROWS = 150;

const CLASSES: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const HASH_BITS = 18;
const DIMS = 1 << HASH_BITS;
/** Lexicon features sit past the hashed n-grams. */
const LEX_FEATURES = 5;
const EPOCHS = 5;
const LEARNING_RATE = 0.1;
const FOLDS = 3;

/** mixture: weight · model + (1 − weight) · lexicon; product: model^weight · lexicon, as probabilities */
export type CombinationRule = 'mixture' | 'product';

export interface RatedText {
  text: string;
  lang: string;
  /** 1–5 */
  csat: number;
}

export interface LanguageModelSummary {
  language: string;
  /** rated conversations it was fitted on */
  trainedOn: number;
  perClass: Record<SentimentLabel, number>;
  /** combination weight of the learned model against the lexicon engine (0: lexicon engine alone) */
  weight: number;
  /** how the two readings combine: mixed by weight (absent: models stored before the product existed), or multiplied */
  rule?: CombinationRule;
  /** 3-fold cross-validated macro-F1 on the ratings: lexicon engine alone, learned model alone, the combination */
  cv: { lexicon: number; model: number; combined: number };
}

interface LanguageWeights {
  summary: LanguageModelSummary;
  /** non-zero weights: feature indices and per-class values (CLASSES order), base64 */
  index: string;
  values: string;
}

export interface SentimentModel {
  format: typeof SENTIMENT_MODEL_FORMAT;
  version: number;
  trainedAt: string;
  /** what the model was trained on (a signature the caller chooses), to tell whether it is current */
  inputs?: string;
  languages: Record<string, LanguageWeights>;
}

/** Decoded weights, cached per model object. */
/** Every row's three class weights side by side, zero where the model has none (a lookup is an array read). */
type Dense = Float32Array;
const ROWS = DIMS + LEX_FEATURES + 1;
const decoded = new WeakMap<LanguageWeights, Dense>();

export function ratingClass(csat: number): SentimentLabel {
  return csat <= 2 ? 'negative' : csat < 4 ? 'neutral' : 'positive';
}

/** FNV-1a over s[start, end), continuing from state h (0x811c9dc5 for a fresh hash). */
function fnv(h: number, s: string, start = 0, end = s.length): number {
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

function hash(s: string): number {
  return (fnv(0x811c9dc5, s) >>> 0) & (DIMS - 1);
}

/** The state after hashing "c:", so a character n-gram is hashed in place, without building its string. */
const CHAR_GRAM_STATE = fnv(0x811c9dc5, 'c:');

interface Example {
  /** hashed n-gram indices (each counted once) and their common value after L2 normalisation */
  idx: Uint32Array;
  val: number;
  lex: Sentiment;
}

/** Word unigrams and bigrams (the language's sentiment tokens), character n-grams, and the lexicon engine's reading. */
function features(text: string, lang: string): Example {
  const lex = analyzeSentiment(text, lang);
  const lexicon = getLexicon(lang);
  const keys = new Set<number>();
  let prev = '';
  for (const t of sentimentTokens(text, lexicon)) {
    if (t.boundary) {
      prev = '';
      continue;
    }
    keys.add(hash('w:' + t.w));
    if (prev) keys.add(hash('b:' + prev + ' ' + t.w));
    prev = t.w;
  }
  const norm = normalizeText(text, lang).replace(/\s+/g, ' ').trim();
  const [lo, hi] = lexicon.pack.unspaced ? [1, 3] : [3, 4];
  const padded = ` ${norm} `;
  for (let n = lo; n <= hi; n++) for (let i = 0; i + n <= padded.length; i++) keys.add((fnv(CHAR_GRAM_STATE, padded, i, i + n) >>> 0) & (DIMS - 1));
  const idx = Uint32Array.from(keys);
  return { idx, val: idx.length ? 1 / Math.sqrt(idx.length) : 0, lex };
}

function lexValues(lex: Sentiment): number[] {
  return [lex.score * 2, Math.abs(lex.score), lex.label === 'negative' ? 1 : 0, lex.label === 'neutral' ? 1 : 0, lex.label === 'positive' ? 1 : 0];
}

/** Per-class logits -> probabilities. */
function predictDense(w: Dense, ex: Example): number[] {
  const z = [0, 0, 0];
  // Rows the model lacks are zeros: adding them changes no sum, so this equals skipping them.
  for (const i of ex.idx) for (let c = 0; c < 3; c++) z[c]! += w[i * 3 + c]! * ex.val;
  const lv = lexValues(ex.lex);
  for (let k = 0; k < LEX_FEATURES; k++) for (let c = 0; c < 3; c++) z[c]! += w[(DIMS + k) * 3 + c]! * lv[k]!;
  for (let c = 0; c < 3; c++) z[c]! += w[(DIMS + LEX_FEATURES) * 3 + c]!;
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e[0]! + e[1]! + e[2]!;
  return e.map((x) => x / s);
}

/** Seeded shuffle order (training is deterministic). */
function order(n: number, seed: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Multinomial logistic regression, AdaGrad, classes weighted towards balance (the measure is macro-F1). */
function fit(examples: Example[], labels: number[]): Dense {
  const size = ROWS * 3;
  const w = new Float32Array(size);
  const g2 = new Float32Array(size);
  const counts = [0, 0, 0];
  for (const y of labels) counts[y]!++;
  const classWeight = counts.map((c) => (c ? Math.sqrt(examples.length / (3 * c)) : 0));
  const grad = [0, 0, 0];
  const z = [0, 0, 0];
  const step = (i: number, x: number): void => {
    const o = i * 3;
    for (let c = 0; c < 3; c++) {
      const gc = grad[c]! * x;
      g2[o + c]! += gc * gc;
      w[o + c]! -= (LEARNING_RATE * gc) / Math.sqrt(g2[o + c]! + 1e-8);
    }
  };
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const k of order(examples.length, epoch + 1)) {
      const ex = examples[k]!;
      const y = labels[k]!;
      const lv = lexValues(ex.lex);
      z[0] = z[1] = z[2] = 0;
      for (const i of ex.idx) for (let c = 0; c < 3; c++) z[c]! += w[i * 3 + c]! * ex.val;
      for (let f = 0; f < LEX_FEATURES; f++) for (let c = 0; c < 3; c++) z[c]! += w[(DIMS + f) * 3 + c]! * lv[f]!;
      for (let c = 0; c < 3; c++) z[c]! += w[(DIMS + LEX_FEATURES) * 3 + c]!;
      const m = Math.max(z[0]!, z[1]!, z[2]!);
      const e0 = Math.exp(z[0]! - m), e1 = Math.exp(z[1]! - m), e2 = Math.exp(z[2]! - m);
      const sum = e0 + e1 + e2;
      const p = [e0 / sum, e1 / sum, e2 / sum];
      for (let c = 0; c < 3; c++) grad[c] = (p[c]! - (c === y ? 1 : 0)) * classWeight[y]!;
      for (const i of ex.idx) step(i, ex.val);
      for (let f = 0; f < LEX_FEATURES; f++) if (lv[f]) step(DIMS + f, lv[f]!);
      step(DIMS + LEX_FEATURES, 1);
    }
  }
  return w;
}

function macroF1(gold: number[], guess: number[]): number {
  const present = [0, 1, 2].filter((c) => gold.includes(c));
  let f = 0;
  for (const c of present) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (guess[i] === c && g === c) tp++;
      else if (guess[i] === c) fp++;
      else if (g === c) fn++;
    });
    const p = tp / (tp + fp || 1);
    const r = tp / (tp + fn || 1);
    f += p + r ? (2 * p * r) / (p + r) : 0;
  }
  return present.length ? f / present.length : 0;
}

/** How sure the lexicon engine's label is taken to be, in the mixture: the rest is spread over the other two classes. */
const LEXICON_BELIEF = 0.7;
/** Combination weights tried by cross-validation (never above the language's data prior). */
const WEIGHT_GRID = [0.2, 0.35, 0.5, 0.65, 0.8, 0.95];
/** The product lets a confident model overrule the lexicon's label: only once the data give the model an equal say. */
const PRODUCT_MIN_WEIGHT = 0.5;

/** The lexicon engine's label as a distribution over the classes. */
const lexiconBelief = (c: number, lexClass: number): number => (c === lexClass ? LEXICON_BELIEF : (1 - LEXICON_BELIEF) / 2);

/** The combination of the learned probabilities and the lexicon engine's label, by weight and rule. */
function combine(p: number[], lex: Sentiment, weight: number, rule: CombinationRule = 'mixture'): Sentiment {
  const lexClass = CLASSES.indexOf(lex.label);
  const mixed = rule === 'product'
    ? p.map((pc, c) => weight * Math.log(pc + 1e-9) + Math.log(lexiconBelief(c, lexClass)))
    : p.map((pc, c) => weight * pc + (1 - weight) * lexiconBelief(c, lexClass));
  let best = 0;
  for (let c = 1; c < 3; c++) if (mixed[c]! > mixed[best]!) best = c;
  const score = weight * (p[2]! - p[0]!) + (1 - weight) * lex.score;
  return { label: CLASSES[best]!, score: Math.round(Math.max(-1, Math.min(1, score)) * 1000) / 1000 };
}

function argmax(p: number[]): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
}

function encode(w: Dense): { index: string; values: string } {
  const keys: number[] = [];
  for (let i = 0; i < ROWS; i++) if (w[i * 3] || w[i * 3 + 1] || w[i * 3 + 2]) keys.push(i);
  const values = new Float32Array(keys.length * 3);
  keys.forEach((k, i) => values.set(w.subarray(k * 3, k * 3 + 3), i * 3));
  return { index: Buffer.from(Uint32Array.from(keys).buffer).toString('base64'), values: Buffer.from(values.buffer).toString('base64') };
}

function decode(lw: LanguageWeights): Dense {
  let w = decoded.get(lw);
  if (w) return w;
  const ib = Buffer.from(lw.index, 'base64');
  const vb = Buffer.from(lw.values, 'base64');
  const index = new Uint32Array(ib.buffer.slice(ib.byteOffset, ib.byteOffset + ib.byteLength));
  const values = new Float32Array(vb.buffer.slice(vb.byteOffset, vb.byteOffset + vb.byteLength));
  w = new Float32Array(ROWS * 3);
  index.forEach((k, i) => w!.set(values.subarray(i * 3, i * 3 + 3), k * 3));
  decoded.set(lw, w);
  return w;
}

function trainLanguage(lang: string, rows: RatedText[]): LanguageWeights {
  const examples = rows.map((r) => features(r.text, lang));
  const labels = rows.map((r) => CLASSES.indexOf(ratingClass(r.csat)));
  const perClass = { negative: 0, neutral: 0, positive: 0 } as Record<SentimentLabel, number>;
  for (const y of labels) perClass[CLASSES[y]!]++;
  const prior = rows.length / (rows.length + RATING_PRIOR_ROWS);
  // Cross-validation: each fold scored by a model fitted on the others.
  const fold = order(rows.length, 7).map((_, i) => i % FOLDS);
  const shuffled = order(rows.length, 7);
  const foldOf = new Array<number>(rows.length);
  shuffled.forEach((row, i) => (foldOf[row] = fold[i]!));
  const cvProbs = new Array<number[]>(rows.length);
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.map((_, i) => i).filter((i) => foldOf[i] !== f);
    const w = fit(train.map((i) => examples[i]!), train.map((i) => labels[i]!));
    for (let i = 0; i < rows.length; i++) if (foldOf[i] === f) cvProbs[i] = predictDense(w, examples[i]!);
  }
  const lexicon = round3(macroF1(labels, examples.map((e) => CLASSES.indexOf(e.lex.label))));
  const model = round3(macroF1(labels, cvProbs.map(argmax)));
  // The weight: the best on held-out folds among those the amount of data allows (rows / (rows + prior rows)); the
  // lexicon engine alone unless one beats it.
  let weight = 0;
  let rule: CombinationRule = 'mixture';
  let combined = lexicon;
  for (const r of ['mixture', 'product'] as const) {
    for (const w of WEIGHT_GRID) {
      if (w > prior || rows.length < MIN_RATED_ROWS) break;
      if (r === 'product' && w < PRODUCT_MIN_WEIGHT) continue;
      const f1 = round3(macroF1(labels, cvProbs.map((p, i) => CLASSES.indexOf(combine(p, examples[i]!.lex, w, r).label))));
      if (f1 > combined) [weight, rule, combined] = [w, r, f1];
    }
  }
  const cv = { lexicon, model, combined };
  const summary: LanguageModelSummary = { language: lang, trainedOn: rows.length, perClass, weight, ...(weight ? { rule } : {}), cv };
  if (!weight) return { summary, index: '', values: '' };
  return { summary, ...encode(fit(examples, labels)) };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Fits one model per language present in `rows` (languages with too few ratings are recorded with weight 0). */
export function trainSentimentModel(rows: Iterable<RatedText>, options: { now?: Date; inputs?: string } = {}): SentimentModel {
  const byLang = new Map<string, RatedText[]>();
  for (const r of rows) {
    if (!r.text.trim() || !(r.csat >= 1 && r.csat <= 5)) continue;
    let list = byLang.get(r.lang);
    if (!list) byLang.set(r.lang, (list = []));
    list.push(r);
  }
  const languages: Record<string, LanguageWeights> = {};
  for (const [lang, list] of [...byLang].sort(([a], [b]) => a.localeCompare(b))) {
    languages[lang] = list.length >= MIN_RATED_ROWS ? trainLanguage(lang, list) : { summary: { language: lang, trainedOn: list.length, perClass: countClasses(list), weight: 0, cv: { lexicon: 0, model: 0, combined: 0 } }, index: '', values: '' };
  }
  return { format: SENTIMENT_MODEL_FORMAT, version: SENTIMENT_MODEL_VERSION, trainedAt: (options.now ?? new Date()).toISOString(), inputs: options.inputs, languages };
}

function countClasses(rows: RatedText[]): Record<SentimentLabel, number> {
  const out = { negative: 0, neutral: 0, positive: 0 } as Record<SentimentLabel, number>;
  for (const r of rows) out[ratingClass(r.csat)]++;
  return out;
}

/** Whether `value` is a model this version can use. */
export function isUsableModel(value: unknown): value is SentimentModel {
  const m = value as SentimentModel | undefined;
  return !!m && m.format === SENTIMENT_MODEL_FORMAT && m.version === SENTIMENT_MODEL_VERSION && typeof m.languages === 'object';
}

/** The per-language summaries, for `voc sentiment-model` and the run record. */
export function modelSummary(model: SentimentModel): LanguageModelSummary[] {
  return Object.values(model.languages).map((l) => l.summary);
}

/**
 * Sentiment of `text` by the combination, or the lexicon engine's reading (`lexicon`, computed when absent) where the
 * language has no usable model.
 */
export function applySentimentModel(model: SentimentModel | undefined, text: string, lang: string, lexicon?: Sentiment): Sentiment {
  const lw = model?.languages[lang];
  if (!lw || !lw.summary.weight || !text.trim()) return lexicon ?? analyzeSentiment(text, lang);
  const ex = features(text, lang);
  return combine(predictDense(decode(lw), ex), lexicon ?? ex.lex, lw.summary.weight, lw.summary.rule);
}
