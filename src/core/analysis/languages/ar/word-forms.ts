/**
 * What one written Arabic word stands for: hamza and clitic spelling variants, elongation, glued negators and
 * exclamatives split off, and clitics read off a phrase's first or last word.
 */
import type { Lexicon, Tok } from '../types';
import { AR_EXCLAMATIVE, isElative, normSet, phraseLength, wordAt } from './token-utils';
import { lookup } from '../../word-valence';

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
export function variantKey(lex: Lexicon, w: string): string | undefined {
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

/** Function words that suffix stripping would misread ("الذي" -> "الذ" + "ي" = tastiest): kept out of look-up. */
const FUNCTION_WORDS = normSet('الذي والذي فالذي');

const resolved = new WeakMap<Lexicon, Map<string, string[]>>();
/** What one written word stands for, as one or two tokens; memoised, as review vocabulary repeats a lot. */
export function resolveWord(lex: Lexicon, w: string, alt: string | undefined): string[] {
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

/** Object pronouns on a verb: "ما تمله" (you don't tire of it), "لا انصحكم فيه", "ما يستاهلها". */
const OBJECT_SUFFIXES = ['ها', 'هم', 'كم', 'ه'];

/**
 * A phrase whose last word carries an object pronoun the entry does not: "ما تمله" is "ما تمل", "لا يفوتكها" is
 * "لا يفوتك". The last word is read bare when that, and only that, completes a phrase with the words before it.
 */
export function unglueObjectPronouns(toks: Tok[], lex: Lexicon): void {
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

/**
 * A phrase whose first word carries the conjunction و or a possessive: "وما راح نكرر", "ومافيه طعم", "ولا انصح به",
 * "اسعارها خيالية". The first word is read bare when that, and only that, makes a phrase.
 */
export function unglueHeadClitics(toks: Tok[], lex: Lexicon): void {
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
