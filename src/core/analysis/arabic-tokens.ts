/**
 * Arabic token pass before sentiment scoring: settles what a token is before the engine looks it up.
 *  - "ما" is a negator, but also a relative ("اهم ما يميزه" = what sets it apart) and an exclamative
 *    ("ما اجمل" = how beautiful); "ولا اروع" (none finer) is praise, not negation.
 *  - Egyptian/Levantine circumfix negation "ما...ش" ("ماعجبنيش") becomes "ما" + the word; "نوعا ما" (somewhat)
 *    is one downtoner, a clause-final "بس" is "only", and "ولا" before a plain noun is dialect "or".
 *  - Spelling variants: hamza seats (سيئ / سيء / سي) and stacked clitics ("وبالتوفيق", "وجودتها")
 *    fall back to the lexicon's own form when the token has no entry of its own.
 *  - A few constructions become marker tokens scored in ar.ts: "X افضل منه" (X beats it), a denied aspect
 *    ("ما فيه نظافة", "النظافة لا توجد"), regret ("ياليتني ما جربته"). Written scores ("8 من 10") are read by
 *    writtenRating() in sentiment.ts, as for every language.
 *  - Negation glued to a verb ("لايوجد") is split; fillers ("ما فيه شي مميز") do not use up its reach; "الا ان" is
 *    "but"; praise in a "كان ..." clause is dropped when the text goes on to say what it is like now.
 */
import type { Lexicon } from './lexicons/index';
import type { Tok } from './sentiment-tokens';
import { normalizeText } from './normalize';
import { lookup } from './word-valence';

/** Word lists are written in ordinary spelling and normalised like the text (ى -> ي, ة -> ه). */
const normSet = (words: string): Set<string> => new Set(normalizeText(words, 'ar').split(/\s+/).filter(Boolean));

/** Intensifier token (see ar.ts) standing for the exclamative "ما" / "ولا" before an elative. */
export const AR_EXCLAMATIVE = 'ماالتعجب';
/** A لا / ما that does not negate here (relative "ما", "ما زال", dialect "ولا" = or): scored as nothing. */
const AR_NOT_NEGATING = 'ماالموصوله';

/** Words after which "ما" introduces a relative clause, not a negation ("كل ما", "اهم ما", "من ما"). */
const RELATIVE_BEFORE = normSet(
  'كل وكل اهم ابرز اكثر كثر اقل اول اخر زي وزي ومثل قد بقدر طالما من عن في على الى بعد قبل حسب مثل حتى بكل هذا هذه ذلك وهذا اجمل احلى افضل احسن اروع الذ اطيب اسوء اسوا اغرب',
);
const MA = new Set(['ما', 'وما']);
/** "بس" meaning "only": scored as nothing. */
const AR_ONLY = 'بسفقط';

/** Hamza seats folded to their bare letter: how people type them on phones. */
function foldHamza(w: string): string {
  return w.replace(/ئ/g, 'ي').replace(/ؤ/g, 'و').replace(/ء/g, '');
}

const folded = new WeakMap<Lexicon, Map<string, string>>();
/** folded spelling -> the lexicon's own single-word key */
function foldedIndex(lex: Lexicon): Map<string, string> {
  let m = folded.get(lex);
  if (!m) {
    m = new Map();
    for (const k of lex.entries.keys()) {
      if (k.includes(' ')) continue;
      const f = foldHamza(k);
      if (f !== k && !lex.entries.has(f) && !m.has(f)) m.set(f, k);
      // "سيء" is also typed without the final hamza: "سي" is too short to trust, longer words are not.
      if (f.length >= 4 && /[يو]$/.test(f) && /[ءئؤ]$/.test(k)) {
        const bare = f.slice(0, -1);
        if (bare.length >= 4 && !lex.entries.has(bare) && !m.has(bare)) m.set(bare, k);
      }
    }
    folded.set(lex, m);
  }
  return m;
}

/** Conjunction و, and the article with its prepositions (بال كال لل فال): a bare ف / ب / ل / ك is too often part of the stem ("فروع"). */
const PREFIX = /^(?:و?(?:بال|كال|لل|فال|ال)|و)/u;
/** Object / possessive pronouns, plural endings, and the accusative alef ("لذيذا", "جيدا"). */
const SUFFIXES = ['كم', 'نا', 'ني', 'ك', 'هم', 'ها', 'ه', 'ي', 'ين', 'ون', 'ات', 'ا'];

/** The lexicon key a token stands for when it has no entry of its own (hamza spelling, stacked clitics). */
function variantKey(lex: Lexicon, w: string): string | undefined {
  const idx = foldedIndex(lex);
  const f = foldHamza(w);
  const direct = lex.entries.has(f) ? f : idx.get(f);
  if (direct) return direct;
  const p = PREFIX.exec(f)?.[0] ?? '';
  const core = f.slice(p.length);
  if (core.length < 3) return undefined;
  const cands = [core];
  // The plural verb ending "وا" is often typed without its silent alef: "جربو", "احذرو", "لا تروحو".
  if (core.endsWith('و') && core.length >= 4) cands.push(core + 'ا');
  for (const s of SUFFIXES) if (core.endsWith(s) && core.length - s.length >= 3) cands.push(core.slice(0, -s.length));
  for (const c of cands) {
    if (c === w) continue;
    if (lex.entries.has(c)) return c;
    const viaFold = idx.get(c);
    if (viaFold) return viaFold;
  }
  return undefined;
}

/**
 * Elatives ("افعل") that carry an opinion. Listed, not matched by pattern: first-person verbs share the shape
 * ("انصح" = I advise, "ولا انصح" = nor do I advise), and must stay negatable.
 */
const ELATIVES = normSet(
  'اجمل احلى الذ اطعم اروع اطيب احسن افضل انظف اسرع ارخص اسوء اسوا اخيس اوسخ اقذر اردا اردي ابشع اتعس اغلى',
);
function isElative(w: string | undefined): boolean {
  return w !== undefined && ELATIVES.has(w);
}

const word = (w: string): Tok => ({ w, boundary: false, elongated: false });

/** Function words that suffix stripping would misread ("الذي" -> "الذ" + "ي" = tastiest): kept out of look-up. */
const FUNCTION_WORDS = normSet('الذي والذي فالذي');

/** "الا ان" / "غير ان" (except that): the formal "however", read as لكن. Alone, الا is mostly "except" / "only". */
const HOWEVER_FIRST = normSet('الا والا غير');
const HOWEVER_SECOND = normSet('ان انه انها انهم');

/** "نوعا ما", "الى حد ما", "لحد ما" (somewhat) as one downtoner token (ar.ts): its "ما" is no negator. */
export const AR_SOMEWHAT = 'نوعاما';
const SOMEWHAT_START = normSet('نوعا حد لحد');
/** Length of a "somewhat" idiom starting at i, or 0. */
function somewhatLength(toks: Tok[], i: number): number {
  const w = toks[i]!.w;
  if (SOMEWHAT_START.has(w) && toks[i + 1]?.w === 'ما') return 2;
  if ((w === 'الي' || w === 'والي') && toks[i + 1]?.w === 'حد' && toks[i + 2]?.w === 'ما') return 3;
  return 0;
}

export function arabicTokens(toks: Tok[], lex: Lexicon): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.boundary) {
      out.push(t);
      continue;
    }
    // MSA "الا ان" / "غير ان" (except that = however) is the formal "but".
    if (HOWEVER_FIRST.has(t.w) && HOWEVER_SECOND.has(toks[i + 1]?.w ?? '')) {
      out.push(word('لكن'));
      i++;
      continue;
    }
    const somewhat = somewhatLength(toks, i);
    if (somewhat) {
      out.push(word(AR_SOMEWHAT));
      i += somewhat - 1;
      continue;
    }
    const words = resolveWord(lex, t.w, t.alt);
    if (words.length === 1 && words[0] === t.w) out.push(t);
    else if (words.length === 1) out.push({ ...t, w: words[0]! });
    else for (const w of words) out.push(word(w));
  }
  dropFillers(out, lex);
  markBareNone(out, lex);
  spacedCircumfix(out, lex);
  frontPostposedDenial(out);
  disambiguateMa(out, lex);
  markNothingBeats(out, lex);
  markNothingLike(out, lex);
  markAdviseAgainst(out, lex);
  markComparisons(out, lex);
  markMissingAspects(out, lex);
  markPastPraise(out, lex);
  markRegret(out, lex);
  markExceptives(out, lex);
  ungluephraseHeads(out, lex);
  unglueObjectPronouns(out, lex);
  markPrevented(out, lex);
  markExpectations(out, lex);
  markCantDoJustice(out);
  return out;
}

/** Token for "توقعته افضل" (I expected it to be better): ar.ts scores it as a mild complaint, like "اقل من المتوقع". */
export const AR_BELOW_EXPECTATION = 'دونالتوقع';
/** "I / we expected (it)", "I was expecting", in MSA and dialect spelling. */
const EXPECTED = normSet(
  'توقعت توقعته توقعتها توقعتهم توقعنا توقعناه توقعناها اتوقعت اتوقعته متوقع متوقعه متوقعته متوقعتها متوقعين',
);
/** What may stand between the verb and the elative: "توقعت انه يكون افضل", "توقعته بيكون اسرع". */
const EXPECT_FILLERS = normSet('ان انه انها انهم يكون تكون يكونون بيكون بتكون راح رح حيكون هيكون كان كانت اشي شي شيء منه منها');
const EXPECT_REACH = 3;

/**
 * "توقعته افضل" / "توقعت انه يكون اسرع" / "كنت متوقعته احسن": the elative after "I expected" is what the thing was
 * not, so the praise word is the complaint. "اكثر من المتوقع" (more than expected) has the verb after the elative and
 * stays praise.
 */
function markExpectations(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    // "كنت اتوقع" (I was expecting) too; a bare "اتوقع" is "I think".
    if (!w || !(EXPECTED.has(w) || (w === 'اتوقع' && WAS.has(wordAt(toks, i - 1) ?? '')))) continue;
    for (let k = i + 1, left = EXPECT_REACH; k < toks.length && left > 0; k++, left--) {
      const x = wordAt(toks, k);
      if (!x) break;
      if (EXPECT_FILLERS.has(x)) continue;
      if ((isElative(x) || x === 'اكثر') && (lookup(lex, x) ?? 1) > 0) toks[k] = word(AR_BELOW_EXPECTATION);
      break;
    }
  }
}

/** "I / we (will not) do (it) justice": forms of وفى. */
const FULFIL = normSet('اوفي اوفيه اوفيها اوفيهم افي افيه افيها افيهم نوفي نوفيه نوفيها يوفي يوفيه يوفيها توفي توفيه توفيها');
const RIGHT = normSet('حقه حقها حقهم حقك حقكم');
/** Token for "لن اوفيه حقه" (words can't do it justice): ar.ts scores it as praise. */
export const AR_BEYOND_WORDS = 'لااوفيهحقه';

/**
 * "لن اوفيه حقه", "ما راح اوفي المطعم حقه", "مهما قلت ما اوفيها حقها": whatever the negator and whatever stands between
 * the verb and "حقه", not doing something justice is the highest praise, not a negation.
 */
function markCantDoJustice(toks: Tok[]): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !FULFIL.has(w)) continue;
    let right = -1;
    for (let k = i + 1; k <= i + 3; k++) {
      const x = wordAt(toks, k);
      if (!x) break;
      if (RIGHT.has(x)) {
        right = k;
        break;
      }
    }
    if (right < 0) continue;
    // The negator before the verb ("لن", "ما", "ما راح", "ماراح") is used up by the praise.
    for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
      const x = wordAt(toks, k);
      if (!x) break;
      if (x === 'راح' || x === 'رح') continue;
      if (x === 'لن' || x === 'ما' || x === 'ماراح' || x === 'مارح' || x === 'لا' || x === 'ولن' || x === 'وما') toks[k] = word(AR_NOT_NEGATING);
      break;
    }
    toks[i] = word(AR_BEYOND_WORDS);
    for (let k = i + 1; k <= right; k++) toks[k] = { ...toks[k]!, w: '_' + toks[k]!.w };
  }
}

/**
 * "Protects from", "against", "resistant to", "prevents", "removes", "treats", "reduces": the complaint word after
 * one ("تحمي من الكسر", "ضد الخدش", "يزيل البقع", "يمنع التساقط") is what the product keeps away, not a fault of it.
 */
const PREVENTS = normSet(
  'يحمي تحمي يحميك تحميك للحمايه حمايه يقي تقي ضد مضاد مضاده مقاوم مقاومه يمنع تمنع يزيل تزيل لازاله يعالج تعالج لعلاج يخفف تخفف يقلل تقلل للتخفيف للتقليل لتقليل لتخفيف',
);
const PREVENT_REACH = 3;
const FIRST_PERSON = normSet('انا وانا احنا نحن اني انني');

function markPrevented(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !PREVENTS.has(w)) continue;
    // "انا ضد التقليد" (I am against imitation) is the writer's own objection.
    if (w === 'ضد' && FIRST_PERSON.has(wordAt(toks, i - 1) ?? '')) continue;
    // A list ("من الكسر و الخدش", "ضد الماء والغبار") is followed: each complaint kept away extends the reach.
    for (let k = i + 1, left = PREVENT_REACH; k < toks.length && left > 0; k++) {
      const x = wordAt(toks, k);
      if (!x || lex.contrast.has(x) || lex.negators.has(x)) break;
      if (x === 'و') continue;
      left--;
      const v = lookup(lex, x);
      if (v === undefined || v === 0) continue;
      if (v > 0) break;
      toks[k] = { ...toks[k]!, w: '_' + x };
      left = 2;
    }
  }
}

/** "ما ... الا" / "لا ... غير" / "ما ... سوى": "only", not a negation ("ما جربت غير الشاورما", "ما عنده الا حمص"). */
const EXCEPT = normSet('الا غير سوى سوي');
const HAS = normSet('في فيه فيها يوجد توجد عنده عندها عندهم له لها لهم');
/** How many words may stand between the negator and the exceptive (a verb and its object). */
const EXCEPT_REACH = 3;

function markExceptives(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !lex.negators.has(w) || EXCEPT.has(w) || THERE_IS_NOT.has(w)) continue;
    // "ما فيه الا الديكور" (nothing there but the decor) is still a complaint.
    if (HAS.has(wordAt(toks, i + 1) ?? '')) continue;
    for (let k = i + 2; k <= i + 1 + EXCEPT_REACH; k++) {
      const x = wordAt(toks, k);
      if (!x) break;
      if (!EXCEPT.has(x)) continue;
      // "غير" before an opinion word is its own negation ("ما كان غير مريح"): not an exceptive.
      const after = wordAt(toks, k + 1);
      if ((x === 'غير' || x === 'سوي') && after !== undefined && lookup(lex, after) !== undefined) break;
      toks[i] = word(AR_NOT_NEGATING);
      break;
    }
  }
}

/** Object pronouns on a verb: "ما تمله" (you don't tire of it), "لا انصحكم فيه", "ما يستاهلها". */
const OBJECT_SUFFIXES = ['ها', 'هم', 'كم', 'ه'];

/**
 * A phrase whose last word carries an object pronoun the entry does not: "ما تمله" is "ما تمل", "لا يفوتكها" is
 * "لا يفوتك". The last word is read bare when that, and only that, completes a phrase with the words before it.
 */
function unglueObjectPronouns(toks: Tok[], lex: Lexicon): void {
  for (let i = 1; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || w.length < 4 || lex.entries.has(w)) continue;
    for (const suf of OBJECT_SUFFIXES) {
      if (!w.endsWith(suf) || w.length - suf.length < 3) continue;
      const stem = w.slice(0, -suf.length);
      let done = false;
      for (let start = i - 1; start >= Math.max(0, i - 2) && !done; start--) {
        const first = wordAt(toks, start);
        if (!first) break;
        let key = first;
        for (let k = start + 1; k < i; k++) key += ' ' + wordAt(toks, k);
        if (lex.entries.has(key + ' ' + stem) && !lex.entries.has(key + ' ' + w)) {
          toks[i] = { ...toks[i]!, w: stem };
          done = true;
        }
      }
      if (done) break;
    }
  }
}

/** Possessive pronouns on a phrase's first word ("اسعارها خيالية" is "اسعار خيالية"); ة is written ت before them. */
const HEAD_SUFFIXES = ['هم', 'ها', 'ه'];

/** Length of the lexicon phrase that starts at i when its first word is read as `first`, or 0. */
function phraseLength(toks: Tok[], i: number, first: string, lex: Lexicon): number {
  const maxL = lex.phraseStarts.get(first);
  if (!maxL) return 0;
  for (let L = Math.min(maxL, toks.length - i); L > 1; L--) {
    let key = first;
    let ok = true;
    for (let k = 1; k < L && ok; k++) {
      const w = wordAt(toks, i + k);
      if (w === undefined) ok = false;
      else key += ' ' + w;
    }
    if (ok && lex.entries.has(key)) return L;
  }
  return 0;
}

/**
 * A phrase whose first word carries the conjunction و or a possessive: "وما راح نكرر", "ومافيه طعم", "ولا انصح به",
 * "اسعارها خيالية". The first word is read bare when that, and only that, makes a phrase.
 */
function ungluephraseHeads(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    const w = wordAt(toks, i);
    if (!w || w.length < 3 || phraseLength(toks, i, w, lex)) continue;
    const cands: string[] = [];
    const bare = w.startsWith('و') ? w.slice(1) : w;
    if (bare !== w) cands.push(bare);
    for (const base of bare !== w ? [w, bare] : [w]) {
      for (const suf of HEAD_SUFFIXES) {
        if (!base.endsWith(suf) || base.length - suf.length < 3) continue;
        const stem = base.slice(0, -suf.length);
        cands.push(stem);
        if (stem.endsWith('ت')) cands.push(stem.slice(0, -1) + 'ه');
      }
    }
    for (const c of cands) {
      // "غيره" (others) is no "غير" (not).
      if (c !== bare && (lex.negators.has(c) || lex.intensifiers.has(c) || lex.contrast.has(c))) continue;
      if (phraseLength(toks, i, c, lex)) {
        toks[i] = { ...toks[i]!, w: c };
        break;
      }
    }
  }
}

const WAS = normSet('كان كانت كانوا وكان وكانت وكانوا كنت وكنت كنا وكنا سابقا وسابقا زمان');
/** "now", "lately", "has become", "changed": the writer sets the present against what a place used to be. */
const NOW = normSet('الان والان الحين اللحين والحين واللحين حاليا وحاليا مؤخرا هالايام صار صارت واصبح اصبح اصبحت وصار وصارت مبقاش تغير تغيرت وتغير وتغيرت');
/** How far after "كان" praise still belongs to the past. */
const PAST_REACH = 5;

/**
 * "كان ممتاز وأحبه، الحين سيء": praise in a clause opened by كان, before a later "now", is history, not the verdict.
 * It is dropped (prefixed so that no entry matches); complaints in it are kept.
 */
function markPastPraise(toks: Tok[], lex: Lexicon): void {
  let lastNow = -1;
  for (let i = toks.length - 1; i >= 0 && lastNow < 0; i--) if (!toks[i]!.boundary && NOW.has(toks[i]!.w)) lastNow = i;
  for (let i = 0; i < lastNow; i++) {
    if (toks[i]!.boundary || !WAS.has(toks[i]!.w)) continue;
    for (let k = i + 1; k < Math.min(lastNow, i + 1 + PAST_REACH); k++) {
      const t = toks[k]!;
      if (t.boundary || lex.contrast.has(t.w) || NOW.has(t.w)) break;
      // An elative keeps its reading: "كان احلى" (it used to be better) is itself the complaint.
      if (!isElative(t.w) && (lookup(lex, t.w) ?? 0) > 0) toks[k] = { ...t, w: '_' + t.w };
    }
  }
}

/**
 * The Egyptian/Levantine circumfix written with a space: "ما أنصحش", "ما عجبنيش", "مش عاجبنيش". The negator is its own
 * token already; the verb loses its "ش" so that the lexicon finds it.
 */
function spacedCircumfix(toks: Tok[], lex: Lexicon): void {
  for (let i = 1; i < toks.length; i++) {
    const w = wordAt(toks, i);
    const prev = wordAt(toks, i - 1);
    if (!w || !prev || !w.endsWith('ش') || w.length < 5 || !(MA.has(prev) || prev === 'مش')) continue;
    if (lookup(lex, w) !== undefined) continue;
    const stem = w.slice(0, -1);
    const key = lookup(lex, stem) !== undefined ? stem : variantKey(lex, stem);
    if (key) toks[i] = { ...toks[i]!, w: key };
  }
}

/**
 * A clause that is only "لا يوجد" / "لا شيء" (none) answers a form's question ("السلبيات؟ لا يوجد"): no complaint,
 * unlike "مواقف لا يوجد" (no parking), where something is missing.
 */
function markBareNone(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    if (wordAt(toks, i - 1) !== undefined || wordAt(toks, i + 2) !== undefined) continue;
    const w = wordAt(toks, i);
    const next = wordAt(toks, i + 1);
    if (!w || !next || !lex.negators.has(w) || !(THERE_IS.has(next) || FILLERS.has(next))) continue;
    toks[i] = word(AR_NOT_NEGATING);
  }
}

/** "anything", "any": "ما فيه شي مميز" (nothing special) denies مميز; the filler should not use up the negation's reach. */
const FILLERS = normSet('شي شيء شئ اي أي حاجه حاجة');

/** Removes fillers between a negator (or negator + "there is") and the opinion word after them. */
function dropFillers(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !lex.negators.has(w)) continue;
    let from = i + 1;
    if (THERE_IS.has(wordAt(toks, from) ?? '')) from++;
    let to = from;
    while (FILLERS.has(wordAt(toks, to) ?? '')) to++;
    const opinion = wordAt(toks, to);
    if (to > from && opinion && lookup(lex, opinion) !== undefined) toks.splice(from, to - from);
  }
}

const resolved = new WeakMap<Lexicon, Map<string, string[]>>();
/** What one written word stands for, as one or two tokens; memoised, as review vocabulary repeats a lot. */
function resolveWord(lex: Lexicon, w: string, alt: string | undefined): string[] {
  let memo = resolved.get(lex);
  if (!memo) resolved.set(lex, (memo = new Map()));
  const key = alt === undefined ? w : w + '\u0000' + alt;
  let r = memo.get(key);
  if (!r) {
    if (memo.size > 50_000) memo.clear();
    r = resolveUncached(lex, w, alt);
    memo.set(key, r);
  }
  return r;
}

function resolveUncached(lex: Lexicon, w: string, alt: string | undefined): string[] {
  if (FUNCTION_WORDS.has(w)) return ['_' + w]; // no entry can start with '_'
  // "جداااا", "مررره": the squeezed form is what the intensifier list holds.
  if (alt && !lex.intensifiers.has(w) && lex.intensifiers.has(alt)) w = alt;
  // Glued exclamative: "مااجمل" = how beautiful, "ولااروع" = none finer.
  const excl = /^(?:و?ما|ولا)(ا\S{3})$/u.exec(w);
  if (excl && isElative(excl[1])) return [AR_EXCLAMATIVE, excl[1]!];
  // An elongated word ("العاااادي", squeezed to "العاادي") is read in its plain spelling, so phrases see it too.
  if (!lex.entries.has(w) && !lex.intensifiers.has(w) && /(\p{L})\1/u.test(w)) {
    const plain = w.replace(/(\p{L})\1+/gu, '$1');
    // Not a negator: a drawn-out "غيييير" is Gulf "something else" (special), not "not".
    if (plain.length >= 3 && (lex.entries.has(plain) || lex.phraseStarts.has(plain)) && !lex.negators.has(plain)) return [plain];
    // ... intensifiers too ("بالمرره", "كثيير"), when long enough not to be a verb with a doubled letter ("حدد", "جدد").
    if (plain.length >= 4 && lex.intensifiers.has(plain)) return [plain];
  }
  const known = lookup(lex, w) !== undefined;
  // Circumfix negation: "ماعجبنيش", "مابحبش", "مافيهاش".
  const circ = known ? null : /^(?:و)?ما(\S{3,})ش$/u.exec(w);
  if (circ) return ['ما', circ[1]!];
  // Negation glued to a present-tense verb: "لايوجد", "ماتفوتكم", "لاتعمل" read as "لا يوجد" and so on,
  // so phrases ("لا يوجد عيوب") and bare negated actions see it.
  const glued = known ? null : /^(و?(?:لا|ما))([يت]\S{3,})$/u.exec(w);
  if (glued) return [glued[1]!, lookup(lex, glued[2]!) !== undefined ? glued[2]! : (variantKey(lex, glued[2]!) ?? glued[2]!)];
  // ... and to the past of "to be": "ماكان كويس", "وماكانت نظيفة".
  const wasNot = known ? null : /^(و?ما)(كان|كانت|كانوا|كنت|كنا)$/u.exec(w);
  if (wasNot) return [wasNot[1]!, wasNot[2]!];
  // ... and to "there is" / "has": "ولافيها خصوصية", "ماعندهم نظافة".
  const hasNot = known ? null : /^(و?(?:لا|ما))(فيها|فيهم|عنده|عندها|عندهم)$/u.exec(w);
  if (hasNot) return [hasNot[1]!, hasNot[2]!];
  // Negation glued to any other opinion word ("ماعجبني", "لاانصح"): two tokens, so that "ما عجبني" reads the same
  // glued or spaced, phrases included.
  const gluedWord = lex.entries.has(w) ? null : /^(و?(?:لا|ما))(\S{3,})$/u.exec(w);
  if (gluedWord && lex.entries.has(gluedWord[2]!)) return [gluedWord[1]!, gluedWord[2]!];
  if (known || (alt && lookup(lex, alt) !== undefined) || lex.negators.has(w) || lex.intensifiers.has(w) || lex.contrast.has(w)) return [w];
  return [variantKey(lex, alt ?? w) ?? w];
}

/** "like it" / "its equal": "مثله", "زيه", "مثيل", "شبيه", with their pronouns. */
const LIKE = normSet('مثل مثله مثلها مثلهم زي زيه زيها زيهم مثيل مثيله مثيلا شبيه شبيهه نظير نظيره');
/** Find verbs for "you won't find": the THERE_IS list and a few more persons and dialect forms. */
const FIND = normSet('تجد اجد نجد يجد وجدت تلاقي بتلاقي نلاقي الاقي القي القى تلقى تلقي تلقا نلقى لقيت لقينا تحصل احصل نحصل بتحصل ذقت ذقنا');
/** "I / we advise (you)", "I recommend". */
const ADVISE = normSet('انصح وانصح فانصح انصحك وانصحك فانصحك انصحكم وانصحكم فانصحكم ننصح وننصح ننصحك ننصحكم اوصي نوصي');
/** Keeping away: "تبعد عنه", "تبتعدون", "بالابتعاد", "تتجنبه", "تفادي". */
const AVOID = normSet(
  'تبعد تبعدون تبعدوا تبتعد تبتعدون تبتعدوا تبتعدي بالابتعاد الابتعاد بالبعد تتجنب تتجنبون تتجنبوا بتجنب تتجنبه بتفادي تفادي تتفادى',
);
/** Token for "انصحكم تبعدون عنه" / "انصحكم لا تروحون" (I advise you to keep away): ar.ts scores it as a warning. */
export const AR_ADVISE_AGAINST = 'انصحبالابتعاد';

/**
 * "انصحكم تبعدون عنه", "انصح بالابتعاد عن هذا المطعم", "انصحكم لاتروحوه": advice to keep away or not to go is a warning,
 * not a recommendation. "انصحكم لا يفوتكم" (don't miss it) stays praise: the negator opens a praise phrase.
 */
function markAdviseAgainst(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    const w = wordAt(toks, i);
    const next = wordAt(toks, i + 1);
    if (!w || !next || !ADVISE.has(w)) continue;
    if (AVOID.has(next)) {
      toks[i] = word(AR_ADVISE_AGAINST);
      continue;
    }
    if (!lex.negators.has(next) || next === 'بدون' || next === 'بلا') continue;
    const L = phraseLength(toks, i + 1, next, lex);
    if (L && (lex.entries.get(toks.slice(i + 1, i + 1 + L).map((t) => t.w).join(' ')) ?? 0) >= 0) continue;
    toks[i] = word(AR_ADVISE_AGAINST);
    toks[i + 1] = word(AR_NOT_NEGATING);
  }
}

/** Future particles between the negator and the verb: "ما راح تلاقي". */
const WILL = normSet('راح رح');
/** Token for "لن تجد مثله" (you won't find its like): ar.ts scores it as praise. */
export const AR_NOTHING_LIKE = 'لامثيلله';

/**
 * "لن تجد مثله", "ما راح تلاقي زيه", "ما تلقى زيه في مطعم اخر": not finding the thing's like anywhere is praise, not a
 * denial. The negator, the find verb and "like it" become one praise token.
 */
function markNothingLike(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !(lex.negators.has(w) || w === 'فلن' || w === 'ماراح' || w === 'مارح')) continue;
    let k = i + 1;
    if (WILL.has(wordAt(toks, k) ?? '')) k++;
    if (!FIND.has(wordAt(toks, k) ?? '') || !LIKE.has(wordAt(toks, k + 1) ?? '')) continue;
    // "ما ذقت مثل هذا السوء" (I never tasted such awfulness) is a complaint.
    if ((lookup(lex, wordAt(toks, k + 2) ?? '') ?? 0) < 0 || (lookup(lex, wordAt(toks, k + 3) ?? '') ?? 0) < 0) continue;
    toks[i] = word(AR_NOT_NEGATING);
    toks[k] = word(AR_NOTHING_LIKE);
    toks[k + 1] = { ...toks[k + 1]!, w: '_' + toks[k + 1]!.w };
  }
}

/** Token for "better than it": ar.ts scores it as a mild complaint about the thing reviewed. */
export const AR_BETTER_THAN_IT = 'افضلمنه';
const THAN_IT = normSet('منه منها منهم');
/** "this one": "فهذا افضل منه" (this one is better than it) makes the thing reviewed the winner. */
const THIS_ONE = normSet('هذا هذه هذي هاذا هاذي فهذا فهذه وهذا وهذه');

/**
 * "سينابون البيت الذ منه" (home-made is tastier than it): praise for something else, which puts the thing
 * reviewed below it. Not after "ما في" / "لا يوجد" ("ما في احسن منه" = nothing beats it), already made exclamative.
 */
function markComparisons(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    const t = toks[i]!;
    if (t.boundary || !isElative(t.w) || !THAN_IT.has(toks[i + 1]!.w) || (lookup(lex, t.w) ?? 0) <= 0) continue;
    if (toks[i - 1]?.w === AR_EXCLAMATIVE || toks[i - 2]?.w === AR_EXCLAMATIVE || comparedAfterDenial.has(t)) continue;
    if (THIS_ONE.has(wordAt(toks, i - 1) ?? '')) continue;
    toks[i] = word(AR_BETTER_THAN_IT);
  }
}

/** Elative tokens already read as "nothing beats it": markComparisons leaves them alone. */
const comparedAfterDenial = new WeakSet<Tok>();

/**
 * "لم ار اسوأ منه", "ما ذقت الذ منه" (I have seen nothing worse / tasted nothing better than it): a negated elative
 * with "than it" is a superlative, praise or complaint as the elative goes, not its negation.
 */
function markNothingBeats(toks: Tok[], lex: Lexicon): void {
  for (let i = 1; i < toks.length - 1; i++) {
    if (toks[i]!.boundary || !isElative(toks[i]!.w) || !THAN_IT.has(wordAt(toks, i + 1) ?? '')) continue;
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      const w = wordAt(toks, k);
      if (!w) break;
      if (!lex.negators.has(w) && !THERE_IS_NOT.has(w)) continue;
      // Next to the elative it reads as the exclamative ("ما في احلى منه"); further away it just stops negating.
      toks[k] = word(i - k <= 2 ? AR_EXCLAMATIVE : AR_NOT_NEGATING);
      comparedAfterDenial.add(toks[i]!);
      break;
    }
  }
}

/** "there is" and "find" verbs: "ما في احلى", "لن تجد افضل". */
const THERE_IS = normSet('في فيه فيها يوجد توجد اجد تجد نجد تلاقي تلقى بتلاقي لقيت تحصل احصل');
/**
 * Words that turn لا / ما into a fixed expression: "ما زال" (still), "لا بد" (must), "ما عدا" (except), or make ما the
 * relative "what": "ما يميزه" (what sets it apart), "ما تبقى" (what remains).
 */
const FIXED_AFTER_NEG = normSet('زال يزال تزال زالت زلت زلنا زالوا زلتم يزالون بد عدا تبقى تبقي يميز يميزه يميزها يميزهم يميزني');
const THERE_IS_NOT = normSet('مافي مافيه مافيش مفيش ماكو');
const wordAt = (toks: Tok[], i: number): string | undefined => (toks[i] && !toks[i]!.boundary ? toks[i]!.w : undefined);

/**
 * Gulf and Egyptian put "there isn't" after the noun: "مواقف مافي" (no parking), "نظافة مافيش". It is moved before it,
 * where it reads as any denial ("مافي مواقف").
 */
function frontPostposedDenial(toks: Tok[]): void {
  for (let i = 1; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !THERE_IS_NOT.has(w) || wordAt(toks, i + 1) !== undefined || wordAt(toks, i - 1) === undefined) continue;
    [toks[i - 1], toks[i]] = [toks[i]!, toks[i - 1]!];
  }
}

/** Relative and exclamative "ما", clause-final "بس", and "ولا" + elative ("ولا اروع" = none finer), do not negate. */
function disambiguateMa(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.boundary) continue;
    const next = toks[i + 1];
    const nextW = next && !next.boundary ? next.w : undefined;
    if (MA.has(t.w) || t.w === 'ولا') {
      if (isElative(nextW)) {
        toks[i] = word(AR_EXCLAMATIVE);
        continue;
      }
    }
    // "ما في احلى من" / "لا يوجد افضل" / "لن تجد افضل" = there is nothing better: praise, not negation.
    if (lex.negators.has(t.w) && nextW && THERE_IS.has(nextW) && isElative(wordAt(toks, i + 2))) {
      toks[i] = word(AR_EXCLAMATIVE);
      continue;
    }
    if (THERE_IS_NOT.has(t.w) && isElative(nextW)) {
      toks[i] = word(AR_EXCLAMATIVE);
      continue;
    }
    // "وبس" / "بس" closing a clause means "that's all", not "but".
    if ((t.w === 'بس' || t.w === 'وبس') && !nextW) {
      toks[i] = word(AR_ONLY);
      continue;
    }
    if ((MA.has(t.w) || t.w === 'لا' || t.w === 'ولا') && nextW && FIXED_AFTER_NEG.has(nextW)) {
      toks[i] = word(AR_NOT_NEGATING);
      continue;
    }
    // Dialect "ولا" before a plain definite noun is "or" ("للاطباق ولا السندوتشات"), not a negated action.
    if (t.w === 'ولا' && nextW?.startsWith('ال') && lookup(lex, nextW) === undefined) {
      toks[i] = word(AR_NOT_NEGATING);
      continue;
    }
    if (!MA.has(t.w)) continue;
    const prev = toks[i - 1];
    if (prev && !prev.boundary && (RELATIVE_BEFORE.has(prev.w) || isElative(prev.w))) toks[i] = word(AR_NOT_NEGATING);
  }
}

/** Token for "ياليتني ما جربته" (I wish I hadn't): ar.ts scores it as a complaint. */
export const AR_REGRET = 'ندمالتمني';
const WISH_I = normSet('ليتني ياليتني وليتني ياريتني ريتني وياليتني');

/** "ليتني ما جربته", "ياليتني ماطلبت": a wish not to have done something is regret, whatever the verb. */
function markRegret(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    if (toks[i]!.boundary || !WISH_I.has(toks[i]!.w)) continue;
    const next = wordAt(toks, i + 1);
    if (!next || !(lex.negators.has(next) || /^(?:ما|لم)\S{3,}$/u.test(next))) continue;
    toks[i] = word(AR_REGRET);
    toks[i + 1] = word(AR_NOT_NEGATING);
  }
}

/** Token for an aspect said to be missing; ar.ts scores it as a complaint. */
export const AR_MISSING_ASPECT = 'جانبمفقود';
/** Aspect names: mild praise when named ("نظافة المكان"), a real complaint when denied ("ما فيه نظافة"). */
const ASPECTS = normSet('نظافة جودة قيمة اهتمام مصداقية احترام تنظيم خصوصية تنوع');
/** The aspect names with the clitics they usually carry ("بالجودة", "والنظافة"). */
const ASPECT_FORMS = new Set([...ASPECTS].flatMap((a) => ['', 'و', 'ال', 'وال', 'بال', 'وبال', 'كال', 'فال', 'لل', 'ولل'].map((p) => p + a)));

/**
 * "ليس بالجودة الكافية", "ما فيه نظافة", "لا يوجد اهتمام": negating a mild aspect word would leave a mild
 * complaint; saying the aspect is missing is a full one. The negator is used up by it.
 */
function markMissingAspects(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.boundary || !ASPECT_FORMS.has(t.w)) continue;
    const prev = wordAt(toks, i - 1);
    const prev2 = wordAt(toks, i - 2);
    const next = wordAt(toks, i + 1);
    const negAt = prev && lex.negators.has(prev) ? i - 1 : prev && THERE_IS.has(prev) && prev2 && lex.negators.has(prev2) ? i - 2
      // The denial may also follow: "النظافة لا توجد".
      : next && lex.negators.has(next) && THERE_IS.has(wordAt(toks, i + 2) ?? '') ? i + 1 : -1;
    if (negAt < 0) continue;
    toks[negAt] = word(AR_NOT_NEGATING);
    toks[i] = word(AR_MISSING_ASPECT);
  }
}

