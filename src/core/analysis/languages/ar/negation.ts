/**
 * Arabic negation rules of the token pass: whether ما / لا / ولا negate here, fillers within a negation's reach,
 * the spaced circumfix "ما ... ش", a postposed "مافي", and the exceptive "ما ... الا" (only).
 */
import type { Lexicon, Tok } from '../types';
import { AR_EXCLAMATIVE, AR_NOT_NEGATING, isElative, normSet, THERE_IS, THERE_IS_NOT, word, wordAt } from './token-utils';
import { variantKey } from './word-forms';
import { lookup } from '../../word-valence';

/** Words after which "ما" introduces a relative clause, not a negation ("كل ما", "اهم ما", "من ما"). */
const RELATIVE_BEFORE = normSet(
  'كل وكل اهم ابرز اكثر كثر اقل اول اخر زي وزي ومثل قد بقدر طالما من عن في على الى بعد قبل حسب مثل حتى بكل هذا هذه ذلك وهذا اجمل احلى افضل احسن اروع الذ اطيب اسوء اسوا اغرب',
);
const MA = new Set(['ما', 'وما']);
/** "بس" meaning "only": scored as nothing. */
const AR_ONLY = 'بسفقط';

/**
 * Words that turn لا / ما into a fixed expression: "ما زال" (still), "لا بد" (must), "ما عدا" (except), or make ما the
 * relative "what": "ما يميزه" (what sets it apart), "ما تبقى" (what remains).
 */
const FIXED_AFTER_NEG = normSet('زال يزال تزال زالت زلت زلنا زالوا زلتم يزالون بد عدا تبقى تبقي يميز يميزه يميزها يميزهم يميزني');
/** "ما يعيبه" (what mars it): after ما alone a relative clause; "لا يعيبه" (nothing mars it) is praise (lexicon.ts). */
const RELATIVE_AFTER_MA = normSet('يعيب يعيبه يعيبها يعيبهم');

/** "anything", "any": "ما فيه شي مميز" (nothing special) denies مميز; the filler should not use up the negation's reach. */
const FILLERS = normSet('شي شيء شئ اي أي حاجه حاجة');

/** Removes fillers between a negator (or negator + "there is") and the opinion word after them. */
export function dropFillers(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !lex.negators.has(w)) continue;
    let from = i + 1;
    if (THERE_IS.has(wordAt(toks, from) ?? '')) from++;
    let to = from;
    while (FILLERS.has(wordAt(toks, to) ?? '')) to++;
    const opinion = wordAt(toks, to);
    if (to > from && opinion && lookup(lex, opinion) !== undefined) toks.splice(from, to - from);
    // "ما كان الاكل لذيذ", "لم تكن الخدمة جيدة": the copula before a definite subject stands between the negator and
    // the adjective; without it the denial reaches the adjective as in "الاكل ما كان لذيذ".
    const subject = wordAt(toks, i + 2);
    const adjective = wordAt(toks, i + 3);
    if (COPULA.has(wordAt(toks, i + 1) ?? '') && subject?.startsWith('ال') && !lookup(lex, subject) && adjective && lookup(lex, adjective)) toks.splice(i + 1, 1);
  }
}
/** "was" / "is" after a negator: كان and its persons, the jussive يكن / تكن after لم, يكون / تكون. */
const COPULA = normSet('كان كانت كانوا يكن تكن يكون تكون يكونوا');

/**
 * A clause that is only "لا يوجد" / "لا شيء" (none) answers a form's question ("السلبيات؟ لا يوجد"): no complaint,
 * unlike "مواقف لا يوجد" (no parking), where something is missing.
 */
export function markBareNone(toks: Tok[], lex: Lexicon): void {
  for (let i = 0; i < toks.length - 1; i++) {
    if (wordAt(toks, i - 1) !== undefined || wordAt(toks, i + 2) !== undefined) continue;
    const w = wordAt(toks, i);
    const next = wordAt(toks, i + 1);
    if (!w || !next || !lex.negators.has(w) || !(THERE_IS.has(next) || FILLERS.has(next))) continue;
    toks[i] = word(AR_NOT_NEGATING);
  }
}

/**
 * The Egyptian/Levantine circumfix written with a space: "ما أنصحش", "ما عجبنيش", "مش عاجبنيش". The negator is its own
 * token already; the verb loses its "ش" so that the lexicon finds it.
 */
export function spacedCircumfix(toks: Tok[], lex: Lexicon): void {
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
 * Gulf and Egyptian put "there isn't" after the noun: "مواقف مافي" (no parking), "نظافة مافيش". It is moved before it,
 * where it reads as any denial ("مافي مواقف").
 */
export function frontPostposedDenial(toks: Tok[]): void {
  for (let i = 1; i < toks.length; i++) {
    const w = wordAt(toks, i);
    if (!w || !THERE_IS_NOT.has(w) || wordAt(toks, i + 1) !== undefined || wordAt(toks, i - 1) === undefined) continue;
    [toks[i - 1], toks[i]] = [toks[i]!, toks[i - 1]!];
  }
}

/** Relative and exclamative "ما", clause-final "بس", and "ولا" + elative ("ولا اروع" = none finer), do not negate. */
export function disambiguateMa(toks: Tok[], lex: Lexicon): void {
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
    if (nextW && (((MA.has(t.w) || t.w === 'لا' || t.w === 'ولا') && FIXED_AFTER_NEG.has(nextW)) || (MA.has(t.w) && RELATIVE_AFTER_MA.has(nextW)))) {
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

/** "ما ... الا" / "لا ... غير" / "ما ... سوى": "only", not a negation ("ما جربت غير الشاورما", "ما عنده الا حمص"). */
const EXCEPT = normSet('الا غير سوى سوي');
const HAS = normSet('في فيه فيها يوجد توجد عنده عندها عندهم له لها لهم');
/** How many words may stand between the negator and the exceptive (a verb and its object). */
const EXCEPT_REACH = 3;

export function markExceptives(toks: Tok[], lex: Lexicon): void {
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
