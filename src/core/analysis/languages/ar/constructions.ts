/**
 * Arabic multi-word constructions the token pass scores as a unit: comparisons, nothing beats / nothing like it,
 * advice against, missing aspects, past praise, regret, "protects from", expectations, "can't do it justice".
 */
import type { Lexicon, Tok } from '../types';
import { lookup } from '../../word-valence';
import { AR_ADVISE_AGAINST, AR_BELOW_EXPECTATION, AR_BETTER_THAN_IT, AR_BEYOND_WORDS, AR_MISSING_ASPECT, AR_NOTHING_LIKE, AR_REGRET } from './markers';
import { AR_EXCLAMATIVE, AR_NOT_NEGATING, isElative, normSet, phraseLength, THERE_IS, THERE_IS_NOT, word, wordAt } from './token-utils';

const THAN_IT = normSet('منه منها منهم');
/** "this one": "فهذا افضل منه" (this one is better than it) makes the thing reviewed the winner. */
const THIS_ONE = normSet('هذا هذه هذي هاذا هاذي فهذا فهذه وهذا وهذه');

/**
 * "سينابون البيت الذ منه" (home-made is tastier than it): praise for something else, which puts the thing
 * reviewed below it. Not after "ما في" / "لا يوجد" ("ما في احسن منه" = nothing beats it), already made exclamative.
 */
export function markComparisons(toks: Tok[], lex: Lexicon): void {
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
export function markNothingBeats(toks: Tok[], lex: Lexicon): void {
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

/** "like it" / "its equal": "مثله", "زيه", "مثيل", "شبيه", with their pronouns. */
const LIKE = normSet('مثل مثله مثلها مثلهم زي زيه زيها زيهم مثيل مثيله مثيلا شبيه شبيهه نظير نظيره');
/** Find verbs for "you won't find": the THERE_IS list and a few more persons and dialect forms. */
const FIND = normSet('تجد اجد نجد يجد وجدت تلاقي بتلاقي نلاقي الاقي القي القى تلقى تلقي تلقا نلقى لقيت لقينا تحصل احصل نحصل بتحصل ذقت ذقنا');

/** Future particles between the negator and the verb: "ما راح تلاقي". */
const WILL = normSet('راح رح');

/**
 * "لن تجد مثله", "ما راح تلاقي زيه", "ما تلقى زيه في مطعم اخر": not finding the thing's like anywhere is praise, not a
 * denial. The negator, the find verb and "like it" become one praise token.
 */
export function markNothingLike(toks: Tok[], lex: Lexicon): void {
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

/** "I / we advise (you)", "I recommend". */
const ADVISE = normSet('انصح وانصح فانصح انصحك وانصحك فانصحك انصحكم وانصحكم فانصحكم ننصح وننصح ننصحك ننصحكم اوصي نوصي');
/** Keeping away: "تبعد عنه", "تبتعدون", "بالابتعاد", "تتجنبه", "تفادي". */
const AVOID = normSet(
  'تبعد تبعدون تبعدوا تبتعد تبتعدون تبتعدوا تبتعدي بالابتعاد الابتعاد بالبعد تتجنب تتجنبون تتجنبوا بتجنب تتجنبه بتفادي تفادي تتفادى',
);

/**
 * "انصحكم تبعدون عنه", "انصح بالابتعاد عن هذا المطعم", "انصحكم لاتروحوه": advice to keep away or not to go is a warning,
 * not a recommendation. "انصحكم لا يفوتكم" (don't miss it) stays praise: the negator opens a praise phrase.
 */
export function markAdviseAgainst(toks: Tok[], lex: Lexicon): void {
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

/** Aspect names: mild praise when named ("نظافة المكان"), a real complaint when denied ("ما فيه نظافة"). */
const ASPECTS = normSet('نظافة جودة قيمة اهتمام مصداقية احترام تنظيم خصوصية تنوع');
/** The aspect names with the clitics they usually carry ("بالجودة", "والنظافة"). */
const ASPECT_FORMS = new Set([...ASPECTS].flatMap((a) => ['', 'و', 'ال', 'وال', 'بال', 'وبال', 'كال', 'فال', 'لل', 'ولل'].map((p) => p + a)));

/**
 * "ليس بالجودة الكافية", "ما فيه نظافة", "لا يوجد اهتمام": negating a mild aspect word would leave a mild
 * complaint; saying the aspect is missing is a full one. The negator is used up by it.
 */
export function markMissingAspects(toks: Tok[], lex: Lexicon): void {
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

const WAS = normSet('كان كانت كانوا وكان وكانت وكانوا كنت وكنت كنا وكنا سابقا وسابقا زمان');
/** "now", "lately", "has become", "changed": the writer sets the present against what a place used to be. */
const NOW = normSet('الان والان الحين اللحين والحين واللحين حاليا وحاليا مؤخرا هالايام صار صارت واصبح اصبح اصبحت وصار وصارت مبقاش تغير تغيرت وتغير وتغيرت');
/** How far after "كان" praise still belongs to the past. */
const PAST_REACH = 5;

/**
 * "كان ممتاز وأحبه، الحين سيء": praise in a clause opened by كان, before a later "now", is history, not the verdict.
 * It is dropped (prefixed so that no entry matches); complaints in it are kept.
 */
export function markPastPraise(toks: Tok[], lex: Lexicon): void {
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

const WISH_I = normSet('ليتني ياليتني وليتني ياريتني ريتني وياليتني');

/** "ليتني ما جربته", "ياليتني ماطلبت": a wish not to have done something is regret, whatever the verb. */
export function markRegret(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    if (toks[i]!.boundary || !WISH_I.has(toks[i]!.w)) continue;
    const next = wordAt(toks, i + 1);
    if (!next || !(lex.negators.has(next) || /^(?:ما|لم)\S{3,}$/u.test(next))) continue;
    toks[i] = word(AR_REGRET);
    toks[i + 1] = word(AR_NOT_NEGATING);
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

export function markPrevented(toks: Tok[], lex: Lexicon): void {
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
export function markExpectations(toks: Tok[], lex: Lexicon): void {
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

/**
 * "لن اوفيه حقه", "ما راح اوفي المطعم حقه", "مهما قلت ما اوفيها حقها": whatever the negator and whatever stands between
 * the verb and "حقه", not doing something justice is the highest praise, not a negation.
 */
export function markCantDoJustice(toks: Tok[]): void {
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
