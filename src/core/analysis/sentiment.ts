/**
 * Rule-based sentiment for support talk: lexicon look-up (words and phrases) with negation (scope ends at
 * punctuation, "but" or the next opinion word; post-verbal negation), intensifiers and downtoners, contrast ("but"
 * weighting the later clause), negated actions without opinion words ("can't log in"), questions, exclamation,
 * capitals, elongation and emoji/emoticons. Everything that differs between languages comes from the language's pack
 * (languages/): the scorer runs the same passes for every language.
 */
import { emojiScore } from './emoji';
import { baseLanguage, detectLanguage } from './language';
import { getLexicon, packFor, rulesFor, type LanguageRules, type Lexicon, type Tok } from './languages';
import { normalizeText } from './normalize';
import { capsWords, hashtags, isRequestQuestion, latinTokens } from './sentiment-tokens';
import { hashtagValence, isNegator, lookup, NEGATION_SCALAR } from './word-valence';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export interface Sentiment {
  label: SentimentLabel;
  score: number;
  /**
   * Praise and complaint both stated ("great food, but it came cold"): each side's strength in [0, 1]. Set only for
   * mixed messages; the label stays three-way for the contract.
   */
  mixed?: { positive: number; negative: number };
  /** The language has no lexicon (no pack): the label is neutral for the contract, but nothing was read. */
  unscored?: true;
}

const CAPS_BOOST = 1.3;
const ELONGATION_BOOST = 1.3;
const RESOLVED_SCALAR = 0.75;
const IRREALIS_SCALAR = 0;
/** Opinions that cancel exactly lean, barely, towards the last one (the conclusion) rather than reading as no opinion. */
const TIE_BREAK = 0.05;

const BARE_NEGATION = -1;
const EXCESS = -1;
/**
 * "still no refund", "todavía no", "toujours pas", "immer noch nicht": something the customer is still waiting for
 * (the words are each pack's `stillWords`). Support's most common complaint, and stronger than any praise around it
 * ("Excellent service as always, still no refund" is sarcasm).
 */
const STILL_COMPLAINT = -3;
const QUESTION = /[?？؟]/;
const LONG_TEXT = 30;
const LONG_EXP = 0.7;
const QUESTION_DAMP = 0.5;
/** A question asking for information or action ("can you…?", "do you have…?") is damped further: a request, not a verdict. */
const REQUEST_DAMP = 0.6;
const ALPHA = 15;
const NEG_T = -0.25;
/** Raw strength each side needs for a message to be mixed: about one clear opinion word (AFINN scale) on each. */
const MIXED_MIN = 1.5;

/** What the passes find, in token order: each opinion's valence and position, and the tokens already used. */
interface Scoring {
  toks: Tok[];
  lex: Lexicon;
  rules: LanguageRules;
  vals: number[];
  pos: number[];
  /** per opinion: it states the writer's verdict (keeps its weight before a contrast) */
  verdict: boolean[];
  /** token index of the last contrast word ("but"), or -1 */
  contrastAt: number;
  /** negators that already negated an opinion word */
  usedNeg: Set<number>;
  /** tokens that are part of an opinion word or phrase */
  opinionAt: Set<number>;
  /** tokens inside a neutral-or-good phrase ("no problem"): not bare negations */
  inPhrase: Set<number>;
}

/** Raw valence sum of the text (before squashing), exported for tests and tuning. */
export function valence(text: string, lang: string): number {
  return scoreParts(text, lang).sum;
}

/** Raw valence sum before squashing into [-1, 1], and each polarity's own raw strength: the passes in order. */
function scoreParts(text: string, lang: string): { sum: number; positive: number; negative: number } {
  const lex = getLexicon(lang);
  const s = opinionPass(text, sentimentTokens(text, lex), lex);
  bareNegationPass(s);
  stillPass(s);
  const clauses = clausePass(s);
  return { sum: messagePass(text, s, clauses.sum), positive: clauses.positive, negative: clauses.negative };
}

/** Pass 1: the language's tokens (its pack's tokenizer, or words and punctuation). */
export function sentimentTokens(text: string, lex: Lexicon): Tok[] {
  const norm = normalizeText(text, lex.lang);
  return lex.pack.tokens ? lex.pack.tokens(norm, lex) : latinTokens(norm);
}

/** The longest lexicon phrase starting at token i that crosses no boundary: its valence and length in tokens. */
function matchPhrase(toks: Tok[], i: number, lex: Lexicon): { val: number | undefined; len: number } {
  const t = toks[i]!;
  const sep = lex.pack.unspaced ? '' : ' ';
  const maxL = lex.pack.unspaced ? lex.maxPhrase : (lex.phraseStarts.get(t.w) ?? 1);
  for (let L = Math.min(maxL, toks.length - i); L > 1; L--) {
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
    if (v !== undefined) return { val: v, len: L };
  }
  return { val: undefined, len: 1 };
}

/**
 * Pass 2: every opinion word or phrase, with what modifies it: intensifiers and downtoners, negation before (within
 * the clause) or after it, wishes, a resolver closing a complaint. Marks the contrast word and the tokens it used.
 */
function opinionPass(text: string, toks: Tok[], lex: Lexicon): Scoring {
  const rules = rulesFor(lex.lang);
  const s: Scoring = { toks, lex, rules, vals: [], pos: [], verdict: [], contrastAt: -1, usedNeg: new Set(), opinionAt: new Set(), inPhrase: new Set() };
  const caps = capsWords(text);
  const tags = text.includes('#') ? hashtags(text) : null;
  const n = toks.length;
  /** token index of a one-word opinion -> its index in vals */
  const valAt = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.boundary) continue;
    if (lex.contrast.has(t.w) && i > 0) {
      s.contrastAt = i;
      continue;
    }
    let { val, len } = matchPhrase(toks, i, lex);
    if (val === undefined) val = lookup(lex, t.w) ?? (t.alt ? lookup(lex, t.alt) : undefined);
    if (val !== undefined && i > 0 && rules.unitHomographs.has(t.w) && /^\p{N}+$/u.test(toks[i - 1]!.w)) val = undefined;
    if (val === undefined && tags?.has(t.w)) val = hashtagValence(lex, t.w);
    // A negator inside a phrase that reads as neutral or good ("no problem", "never mind", "not bad") is consumed
    // by it, not a bare negation as well.
    if (len > 1 && val !== undefined && val >= 0) for (let k = 0; k < len; k++) s.inPhrase.add(i + k);
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
    if (elongated) v *= ELONGATION_BOOST;
    if (caps?.has(t.w)) v *= CAPS_BOOST;
    v = modifyOpinion(s, i, len, v, valAt);
    if (len === 1) valAt.set(i, s.vals.length);
    if (rules.verdict) s.verdict[s.vals.length] = rules.verdict.test(len === 1 ? t.w : toks.slice(i, i + len).map((x) => x.w).join(' '));
    s.vals.push(v);
    s.pos.push(i);
    for (let k = 0; k < len; k++) s.opinionAt.add(i + k);
    i += len - 1;
  }
  return s;
}

/** The opinion at tokens [i, i + len) with valence v, after the negators, intensifiers, wishes and resolvers around it. */
function modifyOpinion(s: Scoring, i: number, len: number, v: number, valAt: Map<number, number>): number {
  const { toks, lex, rules } = s;
  const n = toks.length;
  // Intensifiers / downtoners and negation in the words before (within the clause).
  let negated = false;
  let privative = false;
  let phraseHasNegator = false;
  let irrealis = false;
  for (let k = 0; k < len && len > 1; k++) phraseHasNegator ||= isNegator(lex, toks[i + k]!.w) || lex.postNegators.has(toks[i + k]!.w);
  for (let k = i - 1, seen = 0; k >= 0 && seen < rules.negationScope; k--) {
    const p = toks[k]!;
    // Scope ends at punctuation, a contrast word, or an earlier opinion word ("not good, and awful").
    // A negator that is also scored ("nunca", "não", "nobody") still opens the scope; once it negates
    // something it is an operator, not an opinion of its own ("nunca tive problema").
    const neg = isNegator(lex, p.w);
    if (p.boundary || lex.contrast.has(p.w) || (s.opinionAt.has(k) && !neg)) break;
    seen++;
    const b = lex.intensifiers.get(p.w);
    if (b !== undefined && seen <= 2) v *= 1 + b;
    if (v > 0 && lex.irrealis.has(p.w)) irrealis = true;
    if (neg) {
      negated = true;
      if (seen === 1 && rules.privative?.words.has(p.w)) privative = true;
      s.usedNeg.add(k);
      const at = valAt.get(k);
      if (at !== undefined) s.vals[at] = 0;
    }
  }
  // Post-position negation (Persian copula) and intensifier (Arabic "جدا").
  const next = toks[i + len];
  if (next && !next.boundary) {
    if (lex.postNegators.has(next.w)) { negated = true; s.usedNeg.add(i + len); }
    else if (rules.postIntensifiers) {
      const b = lex.intensifiers.get(next.w);
      if (b !== undefined) v *= 1 + b;
    }
    const next2 = toks[i + len + 1];
    // Persian "خوب هم نبود": one word may stand between, unless the two form a phrase of their own ("عالی بود حرف نداره").
    if (rules.postNegationGap && next2 && !next2.boundary && lex.postNegators.has(next2.w) && !lex.postNegators.has(next.w) && !lex.entries.has(next.w + ' ' + next2.w)) { negated = true; s.usedNeg.add(i + len + 1); }
  }
  if (negated && !phraseHasNegator) v *= v < 0 ? rules.negatedComplaint : privative ? rules.privative!.scalar : NEGATION_SCALAR;
  // "would be nice if you answered", "hope it's quick": praise that is only wished for says nothing good.
  else if (irrealis) v *= IRREALIS_SCALAR;
  // "strike ended", "issue fixed": a complaint closed by a resolver word is good news.
  if (v < 0 && !negated && lex.resolvers.size) {
    for (let k = i + len, seen = 0; k < n && seen < rules.resolverReach; k++, seen++) {
      const q = toks[k]!;
      if (q.boundary || lex.contrast.has(q.w) || isNegator(lex, q.w)) break;
      if (lex.resolvers.has(q.w)) {
        v = -v * RESOLVED_SCALAR;
        break;
      }
    }
  }
  return v;
}

/** Pass 3: a negated action with no opinion word ("can't log in", "never came") still reads as a complaint; so does "too X". */
function bareNegationPass(s: Scoring): void {
  const { toks, lex, rules } = s;
  const n = toks.length;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.boundary || s.usedNeg.has(i) || s.inPhrase.has(i)) continue;
    if (lex.postNegators.has(t.w)) {
      s.vals.push(BARE_NEGATION);
      s.pos.push(i);
      continue;
    }
    if (rules.excess && t.w === rules.excess.word && !s.opinionAt.has(i)) {
      const x = toks[i + 1];
      const closer = toks[i + 2];
      if (x && !x.boundary && !s.opinionAt.has(i + 1) && (!closer || closer.boundary || rules.excess.closers.has(closer.w))) {
        s.vals.push(EXCESS);
        s.pos.push(i);
      }
      continue;
    }
    if (!isNegator(lex, t.w)) continue;
    const nx = toks[i + 1];
    if ((!nx || nx.boundary) && !rules.clauseFinalNegation) continue;
    s.vals.push(BARE_NEGATION);
    s.pos.push(i);
  }
}

/** Pass 4: a still-word with a negator right after it ("still no", "noch nicht", "ainda não"), within the clause. */
function stillPass(s: Scoring): void {
  const still = s.lex.pack.stillWords;
  if (!still) return;
  const { toks, lex } = s;
  const n = toks.length;
  for (let i = 0; i < n; i++) {
    if (toks[i]!.boundary || !still.includes(toks[i]!.w)) continue;
    for (let k = i + 1; k < Math.min(n, i + 4); k++) {
      const q = toks[k]!;
      if (q.boundary) break;
      if (isNegator(lex, q.w)) {
        s.vals.push(STILL_COMPLAINT);
        s.pos.push(i);
        break;
      }
    }
  }
}

/**
 * Pass 5: the opinions summed, clauses weighted around the contrast word; an exact tie leans towards the last opinion.
 * Also each polarity's own total, for the mixed flag.
 */
function clausePass(s: Scoring): { sum: number; positive: number; negative: number } {
  const { vals, pos, rules } = s;
  let sum = 0;
  let positive = 0;
  let negative = 0;
  for (let k = 0; k < vals.length; k++) {
    let v = vals[k]!;
    if (s.contrastAt >= 0) {
      const [before, after] = rules.contrast;
      v *= pos[k]! < s.contrastAt ? (s.verdict[k] ? 1 : before) : after;
    }
    sum += v;
    if (v > 0) positive += v;
    else negative -= v;
  }
  if (sum === 0 && vals.length) sum = lastOpinionSign(vals, pos) * TIE_BREAK;
  return { sum, positive, negative };
}

/** Pass 6: what the message as a whole adds: questions and requests, length, a written score, emoji, exclamation. */
function messagePass(text: string, s: Scoring, sum: number): number {
  const { toks, lex, rules } = s;
  let words = 0;
  for (const t of toks) if (!t.boundary) words++;
  if (QUESTION.test(text) && words <= rules.rhetoricalQuestionWords) sum *= QUESTION_DAMP;
  if (isRequestQuestion(text, lex.pack)) sum *= REQUEST_DAMP;
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

const squash = (x: number): number => x / Math.sqrt(x * x + ALPHA);

/**
 * Sentiment label and score in [-1, 1]. `lang` is detected when absent. A language identified as one without a
 * pack (Japanese, Russian, …) is `unscored`; undetermined text ("und": too short, emoji) is read with the English pack.
 */
export function analyzeSentiment(text: string, lang?: string): Sentiment {
  const l = lang ? baseLanguage(lang) : detectLanguage(text);
  if (l !== 'und' && !packFor(l)) return { label: 'neutral', score: 0, unscored: true };
  const { sum, positive, negative } = scoreParts(text, l);
  const score = squash(sum);
  const rounded = Math.round(score * 1000) / 1000;
  const label: SentimentLabel = score >= rulesFor(l).positiveThreshold ? 'positive' : score <= NEG_T ? 'negative' : 'neutral';
  if (positive < MIXED_MIN || negative < MIXED_MIN) return { label, score: rounded };
  return { label, score: rounded, mixed: { positive: Math.round(squash(positive) * 1000) / 1000, negative: Math.round(squash(negative) * 1000) / 1000 } };
}
