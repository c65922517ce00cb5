/**
 * Rule-based sentiment for support talk: lexicon look-up (words and phrases) with negation (scope ends at
 * punctuation, "but" or the next opinion word; Persian post-verbal negation), intensifiers and downtoners,
 * contrast ("but" weighting the later clause), negated actions without opinion words ("can't log in"),
 * questions, exclamation, capitals, elongation and emoji/emoticons.
 */
import { arabicTokens } from './arabic-tokens';
import { emojiScore } from './emoji';
import { baseLanguage, detectLanguage } from './language';
import { getLexicon } from './lexicons/index';
import { normalizeText } from './normalize';
import { capsWords, hashtags, isRequestQuestion, latinTokens, zhTokens } from './sentiment-tokens';
import { hashtagValence, isNegator, lookup, NEGATION_SCALAR } from './word-valence';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export interface Sentiment {
  label: SentimentLabel;
  score: number;
}

const CAPS_BOOST = 1.3;
const RESOLVED_SCALAR = 0.75;
const IRREALIS_SCALAR = 0;
/** Opinions that cancel exactly lean, barely, towards the last one (the conclusion) rather than reading as no opinion. */
const TIE_BREAK = 0.05;

const BARE_NEGATION = -1;
const EXCESS = -1;
/**
 * "still no refund", "todavía no", "toujours pas", "immer noch nicht": something the customer is
 * still waiting for. Support's most common complaint, and stronger than any praise around it
 * ("Excellent service as always, still no refund" is sarcasm).
 */
const STILL_COMPLAINT = -3;
const STILL_WORDS: Record<string, string[]> = {
  en: ['still', 'yet'], es: ['todavía', 'todavia', 'aún', 'aun', 'sigue', 'sigo'], fr: ['toujours', 'encore'], de: ['noch', 'immer'],
  pt: ['ainda', 'continua', 'continuo'], it: ['ancora'], nl: ['nog', 'steeds'],
};
const QUESTION = /[?？؟]/;
const LONG_TEXT = 30;
const LONG_EXP = 0.7;
const QUESTION_DAMP = 0.5;
/** A question asking for information or action ("can you…?", "do you have…?") is damped further: a request, not a verdict. */
const REQUEST_DAMP = 0.6;
const ALPHA = 15;
const NEG_T = -0.25;

/** How a language's grammar and register adjust the rules: defaults, then per-language overrides (each measured). */
interface LanguageRules {
  /** words a negator reaches forward */
  negationScope: number;
  /** words after a complaint where a resolver ("fixed", "beendet") turns it into good news */
  resolverReach: number;
  /** multiplier for a negated complaint word (a negated opinion otherwise gets NEGATION_SCALAR) */
  negatedComplaint: number;
  /** "A but B": weights of the clauses before and after the contrast word */
  contrast: [before: number, after: number];
  /** score from which a message is positive */
  positiveThreshold: number;
  /** weight of emoji/emoticons in a message where no word carries an opinion */
  loneEmojiWeight: number;
  /** past this many words, a question mark is rhetorical: the message is not damped as a question */
  rhetoricalQuestionWords: number;
  /** opinion words that are units of measure right after a number */
  unitHomographs: ReadonlySet<string>;
  /**
   * the writer's verdict (recommending, coming back): a phrase with one of these words keeps its full weight before a
   * "but" ("انصحكم فيه بس الاسعار مبالغ فيها" still recommends)
   */
  verdict?: RegExp;
  /**
   * negators that, right before an opinion word, make its antonym rather than deny it (Arabic "غير نظيف" = dirty,
   * like "un-"), and the multiplier they give: stronger than a clause negation ("ليس عمليا")
   */
  privative?: { words: ReadonlySet<string>; scalar: number };
  /** written right to left, where a score may be typed scale first: "10/8" is eight out of ten */
  scaleFirstScores?: boolean;
}

const DEFAULT_RULES: LanguageRules = {
  negationScope: 3,
  resolverReach: 3,
  negatedComplaint: NEGATION_SCALAR,
  contrast: [0.75, 1.25],
  positiveThreshold: 0.25,
  loneEmojiWeight: 1,
  rhetoricalQuestionWords: Infinity,
  unitHomographs: new Set(),
};

const LANGUAGE_RULES: Record<string, Partial<LanguageRules>> = {
  // A negated complaint word ("no chance in hell", "not late", "不慢") removes the complaint but is not praise; the
  // lexicalised positives ("not bad", "no problem", "没问题") are phrase entries.
  en: { negatedComplaint: 0 },
  // Chinese tokens are often single characters ("没有|传|说|中|好"): the look-back spans more of them.
  zh: { negationScope: 4, negatedComplaint: 0 },
  // Arabic negation sits right before what it negates ("لا يستحق", "مو حلو"); a reach of three crossed into the
  // next clause. Reviews ask rhetorical questions on the way ("وين النظافة؟"): in a long text a question mark is one
  // sentence among many.
  // A recommendation or a promise to come back is the verdict, on either side of "لكن" / "بس" (with و / ف glued on).
  ar: {
    scaleFirstScores: true,
    negationScope: 2,
    rhetoricalQuestionWords: 20,
    verdict: /(?:^|\s)[وف]?(?:انصح|ننصح|اوصي|نوصي|ارشح|نرشح|اكرر|نكرر|بكرر|بنكرر|ساكرر|ارجع|نرجع|اعود|نعود|ساعود|يستاهل|تستاهل|يستحق|تستحق)/u,
    // "غير" before an adjective is its antonym ("غير عملي" = impractical, "غير مقبول" = unacceptable).
    privative: { words: new Set(['غير', 'وغير', 'فغير', 'بغير']), scalar: -1.25 },
  },
  // German and Dutch put the participle last ("die Streiks der Lokführer werden beendet"): resolvers are looked for
  // further. German's base lexicon is CLiPS Pattern, in which many everyday adjectives ("groß", "feiert") carry a
  // mild positive polarity: one incidental adjective must not make a message positive. German social posts wink
  // (";)", ":D") at jokes and news alike: a smiley alone marks the tone, not praise.
  de: { resolverReach: 6, positiveThreshold: 0.3, loneEmojiWeight: 0.5 },
  nl: { resolverReach: 6 },
  // Persian reviews open with the verdict and add reservations with "ولی"/"اما" ("خوب بود ولی یکم سرد بود"): the later
  // clause counts only a little more. "۲۰۰ گرمی" is 200 grams, not warm.
  fa: { contrast: [0.9, 1.1], unitHomographs: new Set(['گرم', 'گرمی']), scaleFirstScores: true },
};

const rulesCache = new Map<string, LanguageRules>();
function rulesFor(lang: string): LanguageRules {
  let r = rulesCache.get(lang);
  if (!r) rulesCache.set(lang, (r = { ...DEFAULT_RULES, ...LANGUAGE_RULES[lang] }));
  return r;
}

/** Raw valence sum of the text (before squashing), exported for tests and tuning. */
export function valence(text: string, lang: string): number {
  return scoreParts(text, lang);
}

/** Raw valence sum before squashing into [-1, 1]. */
function scoreParts(text: string, lang: string): number {
  const lex = getLexicon(lang);
  const norm = normalizeText(text, lang);
  const toks = lex.lang === 'zh' ? zhTokens(norm, lex) : lex.lang === 'ar' ? arabicTokens(latinTokens(norm), lex) : latinTokens(norm);
  const sep = lex.lang === 'zh' ? '' : ' ';
  const caps = capsWords(text);
  const tags = text.includes('#') ? hashtags(text) : null;
  const vals: number[] = [];
  const pos: number[] = [];
  let contrastAt = -1;
  const n = toks.length;
  const usedNeg = new Set<number>();
  const opinionAt = new Set<number>();
  const inPhrase = new Set<number>();
  const rules = rulesFor(lex.lang);
  const scope = rules.negationScope;
  /** token index of a one-word opinion -> its index in vals */
  const valAt = new Map<number, number>();
  const verdict: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.boundary) continue;
    if (lex.contrast.has(t.w) && i > 0) {
      contrastAt = i;
      continue;
    }
    // Longest phrase first, not crossing boundaries.
    let val: number | undefined;
    let len = 1;
    const maxL = lex.lang === 'zh' ? lex.maxPhrase : (lex.phraseStarts.get(t.w) ?? 1);
    for (let L = Math.min(maxL, n - i); L > 1; L--) {
      let key = '';
      let ok = true;
      for (let k = 0; k < L; k++) {
        const tk = toks[i + k]!;
        if (tk.boundary) {
          ok = false;
          break;
        }
        key += (k ? sep : '') + tk.w;
      }
      if (!ok) continue;
      const v = lex.entries.get(key);
      if (v !== undefined) {
        val = v;
        len = L;
        break;
      }
    }
    if (val === undefined) val = lookup(lex, t.w) ?? (t.alt ? lookup(lex, t.alt) : undefined);
    if (val !== undefined && i > 0 && rules.unitHomographs.has(t.w) && /^\p{N}+$/u.test(toks[i - 1]!.w)) val = undefined;
    if (val === undefined && tags?.has(t.w)) val = hashtagValence(lex, t.w);
    // A negator inside a phrase that reads as neutral or good ("no problem", "never mind", "not bad") is consumed
    // by it, not a bare negation as well.
    if (len > 1 && val !== undefined && val >= 0) for (let k = 0; k < len; k++) inPhrase.add(i + k);
    if (val === undefined || val === 0) {
      i += len - 1;
      continue;
    }
    // "super helpful", "فوق العاده بد": an intensifier right before an opinion word only intensifies it.
    if (lex.intensifiers.has(t.w)) {
      const after = toks[i + len];
      if (after && !after.boundary && lookup(lex, after.w)) continue;
    }
    let v = val;
    let elongated = false;
    for (let k = 0; k < len; k++) elongated ||= toks[i + k]!.elongated;
    if (elongated) v *= 1.3;
    if (caps?.has(t.w)) v *= CAPS_BOOST;
    // Intensifiers / downtoners and negation in the three words before (within the clause).
    let negated = false;
    let privative = false;
    let phraseHasNegator = false;
    let irrealis = false;
    for (let k = 0; k < len && len > 1; k++) phraseHasNegator ||= isNegator(lex, toks[i + k]!.w) || lex.postNegators.has(toks[i + k]!.w);
    for (let k = i - 1, seen = 0; k >= 0 && seen < scope; k--) {
      const p = toks[k]!;
      // Scope ends at punctuation, a contrast word, or an earlier opinion word ("not good, and awful").
      // A negator that is also scored ("nunca", "não", "nobody") still opens the scope; once it negates
      // something it is an operator, not an opinion of its own ("nunca tive problema").
      const neg = isNegator(lex, p.w);
      if (p.boundary || lex.contrast.has(p.w) || (opinionAt.has(k) && !neg)) break;
      seen++;
      const b = lex.intensifiers.get(p.w);
      if (b !== undefined && seen <= 2) v *= 1 + b;
      if (v > 0 && lex.irrealis.has(p.w)) irrealis = true;
      if (neg) {
        negated = true;
        if (seen === 1 && rules.privative?.words.has(p.w)) privative = true;
        usedNeg.add(k);
        const at = valAt.get(k);
        if (at !== undefined) vals[at] = 0;
      }
    }
    // Post-position negation (Persian copula) and intensifier (Arabic "جدا").
    const next = toks[i + len];
    if (next && !next.boundary) {
      if (lex.postNegators.has(next.w)) { negated = true; usedNeg.add(i + len); }
      else if (lex.lang === 'ar') {
        const b = lex.intensifiers.get(next.w);
        if (b !== undefined) v *= 1 + b;
      }
      const next2 = toks[i + len + 1];
      // Persian "خوب هم نبود": one word may stand between, unless the two form a phrase of their own ("عالی بود حرف نداره").
      if (lex.lang === 'fa' && next2 && !next2.boundary && lex.postNegators.has(next2.w) && !lex.postNegators.has(next.w) && !lex.entries.has(next.w + ' ' + next2.w)) { negated = true; usedNeg.add(i + len + 1); }
    }
    if (negated && !phraseHasNegator) v *= v < 0 ? rules.negatedComplaint : privative ? rules.privative!.scalar : NEGATION_SCALAR;
    // "would be nice if you answered", "hope it's quick": praise that is only wished for says nothing good.
    else if (irrealis) v *= IRREALIS_SCALAR;
    // "strike ended", "issue fixed": a complaint closed by a resolver word is good news.
    if (v < 0 && !negated && lex.resolvers.size) {
      const reach = rules.resolverReach;
      for (let k = i + len, seen = 0; k < n && seen < reach; k++, seen++) {
        const q = toks[k]!;
        if (q.boundary || lex.contrast.has(q.w) || isNegator(lex, q.w)) break;
        if (lex.resolvers.has(q.w)) {
          v = -v * RESOLVED_SCALAR;
          break;
        }
      }
    }
    if (len === 1) valAt.set(i, vals.length);
    if (rules.verdict) verdict[vals.length] = rules.verdict.test(len === 1 ? t.w : toks.slice(i, i + len).map((x) => x.w).join(' '));
    vals.push(v);
    pos.push(i);
    for (let k = 0; k < len; k++) opinionAt.add(i + k);
    i += len - 1;
  }
  // A negated action with no opinion word ("can't log in", "never came") still reads as a complaint.
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.boundary || usedNeg.has(i) || inPhrase.has(i)) continue;
    if (lex.postNegators.has(t.w)) {
      vals.push(BARE_NEGATION);
      pos.push(i);
      continue;
    }
    // Chinese "太X(了)" (too X) closing a clause, X no opinion word of its own ("太辣了", "汤太咸"), is a complaint.
    if (lex.lang === 'zh' && t.w === '太' && !opinionAt.has(i)) {
      const x = toks[i + 1];
      const le = toks[i + 2];
      if (x && !x.boundary && !opinionAt.has(i + 1) && (!le || le.boundary || le.w === '了' || le.w === '啦')) {
        vals.push(EXCESS);
        pos.push(i);
      }
      continue;
    }
    if (!isNegator(lex, t.w)) continue;
    const nx = toks[i + 1];
    // Chinese "X都没有" (not even X) ends on the negator.
    if ((!nx || nx.boundary) && lex.lang !== 'zh') continue;
    vals.push(BARE_NEGATION);
    pos.push(i);
  }
  const still = STILL_WORDS[lex.lang];
  if (still) {
    for (let i = 0; i < n; i++) {
      if (toks[i]!.boundary || !still.includes(toks[i]!.w)) continue;
      // A negator right after ("still no", "noch nicht", "ainda não"), within the clause.
      for (let k = i + 1; k < Math.min(n, i + 4); k++) {
        const q = toks[k]!;
        if (q.boundary) break;
        if (isNegator(lex, q.w)) {
          vals.push(STILL_COMPLAINT);
          pos.push(i);
          break;
        }
      }
    }
  }
  let sum = 0;
  for (let k = 0; k < vals.length; k++) {
    let v = vals[k]!;
    if (contrastAt >= 0) {
      const [before, after] = rules.contrast;
      v *= pos[k]! < contrastAt ? (verdict[k] ? 1 : before) : after;
    }
    sum += v;
  }
  if (sum === 0 && vals.length) sum = lastOpinionSign(vals, pos) * TIE_BREAK;
  let words = 0;
  for (const t of toks) if (!t.boundary) words++;
  if (QUESTION.test(text) && words <= rules.rhetoricalQuestionWords) sum *= QUESTION_DAMP;
  if (isRequestQuestion(text, lex.lang)) sum *= REQUEST_DAMP;
  // Long texts accumulate incidental opinion words: scale down towards a per-LONG_TEXT-words rate.
  if (words > LONG_TEXT) sum *= Math.pow(LONG_TEXT / words, LONG_EXP);
  sum += writtenRating(text, lex.lang);
  const emoji = emojiScore(text.includes('&') ? text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : text);
  sum += sum === 0 ? emoji * rules.loneEmojiWeight : emoji;
  const bangs = Math.min(4, (text.match(/[!！]/g) ?? []).length);
  if (sum !== 0 && bangs) sum += Math.sign(sum) * bangs * 0.3;
  return sum;
}

/**
 * Number, "/" or "-" or "out of" ("8 من 10", "10 على 10", Persian "۸ از ۱۰"), number. Digits are ASCII by now
 * (ratingDigits). The look-arounds keep dates and date ranges out ("12/10/2026", "2014/10", "4/30-5/5").
 */
const RATING = /(?<![\d.,/-])(\d{1,3}(?:[.,]\d{1,3})?)\s*(\/|-|من|على|علي|از)\s*(\d{1,3}(?:[.,]\d{1,3})?)(?![\d/-]|[.,]\d)/gu;
const SCALES = new Set([5, 10, 100]);
const RATING_WORDS = /\b(?:rate|rated|rating|score|stars?|gave|give|note|nota|punt|bewertung|voto|cijfer|sterne|estrellas|étoiles|estrelas|stelle|sterren)|تقييم|تقيم|درج[ةه]|نجوم|نجم[ةه]|نجمات|علام[ةه]|[اأ]عطي|نعطي|امتیاز|نمره|ستاره/iu;
/** "on 10/10", "depuis le 5/5", "vom 10/10", "بتاريخ 5/10", "في 3/10": a date, not a score. */
const DATE_BEFORE = /(?:\b(?:on|from|since|by|until|till|before|after|el|del|desde|le|du|depuis|am|vom|seit|bis|il|dal|em|op|sinds|tot)|(?:^|[^\p{L}])(?:يوم|بتاريخ|تاريخ|منذ|في|من|حتى|الى|إلى|لغاية|قبل|بعد|روز|تاریخ|از|تا))\s*$/iu;
/** Valence of a written score. */
const RATING_VALENCE = 2.5;

/** Arabic-Indic and Persian digits (and the Arabic decimal separator) as ASCII, for the pattern above. */
function ratingDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, '.');
}

/**
 * A score the writer gave ("10/10", "0/10 would not recommend", "rated it 2/5", "8 من 10", "١٠/١٠"), for every
 * language. "3/10" is also a date, so a slash score that is neither perfect nor zero counts only next to a rating
 * word ("rated", "stars", "Bewertung", "تقييمي"), and none counts right after a date preposition ("on 10/10",
 * "بتاريخ 5/10"); "X من Y" (X out of Y) is a score by its form. In Arabic and Persian the scale may come first
 * ("10/8"). Several scores (one per aspect: "الطعم 7/10، الخدمة 9/10") are read by their mean.
 */
export function writtenRating(text: string, lang?: string): number {
  if (!/[\d\u0660-\u0669\u06F0-\u06F9]/u.test(text)) return 0;
  const t = ratingDigits(text);
  let total = 0;
  let count = 0;
  let ratingWord: boolean | undefined;
  for (const m of t.matchAll(RATING)) {
    const a = Number(m[1]!.replace(',', '.'));
    const b = Number(m[3]!.replace(',', '.'));
    const symbol = m[2] === '/' || m[2] === '-';
    let given: number;
    let scale: number;
    if (SCALES.has(b) && a <= b) [given, scale] = [a, b];
    else if (symbol && lang !== undefined && rulesFor(lang).scaleFirstScores && SCALES.has(a) && b <= a) [given, scale] = [b, a];
    else continue;
    if (symbol) {
      // Persian writes the decimal point as a slash: "۱/۵ ساعت" is an hour and a half.
      if (m[2] === '/' && /[\u06F0-\u06F9]/u.test(text.slice(m.index, m.index + m[0].length))) continue;
      if (DATE_BEFORE.test(t.slice(0, m.index))) continue;
      // "9-10" is more often a range than a score: a dash always needs the rating word.
      if ((m[2] === '-' || (given !== scale && given !== 0)) && !(ratingWord ??= RATING_WORDS.test(t))) continue;
    }
    total += given / scale;
    count++;
  }
  if (!count) return 0;
  const share = total / count;
  return share >= 0.7 ? RATING_VALENCE : share <= 0.4 ? -RATING_VALENCE : 0;
}

/** Sign of the opinion nearest the end: "快递很好，菜不好吃" ends on its verdict. */
function lastOpinionSign(vals: number[], pos: number[]): number {
  let last = 0;
  for (let k = 1; k < vals.length; k++) if (pos[k]! >= pos[last]! && vals[k] !== 0) last = k;
  return Math.sign(vals[last]!);
}

/** Sentiment label and score in [-1, 1]. `lang` is detected when absent. */
export function analyzeSentiment(text: string, lang?: string): Sentiment {
  const l = lang ? baseLanguage(lang) : detectLanguage(text);
  const sum = scoreParts(text, l);
  const score = sum / Math.sqrt(sum * sum + ALPHA);
  const rounded = Math.round(score * 1000) / 1000;
  const label: SentimentLabel = score >= rulesFor(l).positiveThreshold ? 'positive' : score <= NEG_T ? 'negative' : 'neutral';
  return { label, score: rounded };
}
