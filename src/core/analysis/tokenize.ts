/** Content tokens: normalised words with stop words, numbers and noise removed. */
import STOPWORDS from './languages/stopwords';
import { normalizeText, squeezeElongation } from './normalize';
import { baseLanguage } from './language';
import { writingOf } from './languages/writing';
import { segmentWords } from './segment';

/** Extra stop words for support talk (greetings, fillers) on top of the generated lists. */
const EXTRA: Record<string, string> = {
  en: `hi hello hey thanks thank thx pls please im i'm ive i've dont don't cant can't wont won't didnt didn't doesnt doesn't isnt isn't
    it's its u ur ya yes ok okay just also got get will would can could may one dm rt amp via lol hey guys
    that's what's i'll you're we're they're there's let's i'd he's she's it'll you'll we'll they'll you've we've they've
    wasn't weren't aren't haven't hasn't hadn't wouldn't couldn't shouldn't y'all gonna wanna gotta`,
  es: 'hola gracias por favor pues vale sí',
  fr: 'bonjour merci svp oui',
  de: 'hallo danke bitte ja',
  pt: 'olá oi obrigado obrigada favor sim',
  it: 'ciao grazie favore sì',
  nl: 'hallo bedankt dank graag ja',
  zh: `的 了 是 我 你 他 吗 吧 啊 呢 也 都 就 和 在 有 这 那 个 还 很 又 给 说 要 会 能 被 把
    我的 你的 他的 她的 我们 你们 他们 我们的 自己 这个 那个 这些 那些 一个 一下 一次 一些 什么 怎么 怎么办 为什么
    可以 能不能 是否 已经 还是 还有 然后 因为 所以 但是 不过 如果 现在 今天 昨天 明天 时候 真的 非常 请问 您好 你好 谢谢`,
  fa: 'و در به از که این را با است برای آن یک خود تا کرد شده بود هم ها می من ما',
  ar: 'في من على الى إلى عن مع هذا هذه ذلك التي الذي و يا',
};

/** Channel noise in any language: retweet/reply markers, link fragments. */
const UNIVERSAL = ['rt', 'via', 'http', 'https', 'www', 'amp'];

/** Words the generic lists drop but that carry meaning in support requests ("top up", "log in", "sign out"). */
const KEEP: Record<string, string> = {
  en: 'up down out off over back never',
};

const STOP = new Map<string, Set<string>>();
function stopSet(lang: string): Set<string> {
  let s = STOP.get(lang);
  if (!s) {
    const base = STOPWORDS[lang] ?? '';
    const keep = new Set((KEEP[lang] ?? '').split(/\s+/));
    s = new Set([...base.split(' '), ...(EXTRA[lang] ?? '').split(/\s+/), ...UNIVERSAL].filter((w) => w && !keep.has(w)).map((w) => normalizeText(w, lang)));
    STOP.set(lang, s);
  }
  return s;
}

/** The words of normalised text in order, stop words kept. */
function wordsOfNormalized(norm: string, lang: string): string[] {
  const out: string[] = [];
  const prefixes = writingOf(lang).detachedPrefixes;
  for (const raw of segmentWords(norm, lang)) {
    const w = squeezeElongation(raw).word;
    if (prefixes && out.length && prefixes.has(out[out.length - 1]!)) {
      out[out.length - 1] += w;
      continue;
    }
    out.push(w);
  }
  return out;
}

const HAN = /^\p{Script=Han}$/u;

/**
 * The ICU dictionary often cuts everyday compounds into single characters ("外|卖", "送|餐|员"): pair up
 * runs of single content characters ("外卖", "送餐") so they read as words.
 */
function pairSingles(ws: string[], stop: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const nx = ws[i + 1];
    if (nx !== undefined && HAN.test(w) && HAN.test(nx) && !stop.has(w) && !stop.has(nx)) {
      out.push(w + nx);
      i++;
    } else out.push(w);
  }
  return out;
}

/** A content token and where it stands in the message's full word sequence (stop words included). */
export interface PlacedToken {
  w: string;
  /** index into `words` */
  at: number;
}

/**
 * Content tokens with their positions in the full word sequence, so a phrase can be shown as the customer
 * wrote it ("change my address") rather than as its content words ("change address"); and the normalised text
 * they come from.
 */
export function placedTokens(text: string, language: string): { tokens: PlacedToken[]; words: string[]; normalized: string } {
  const lang = baseLanguage(language);
  const stop = stopSet(lang);
  const writing = writingOf(lang);
  const oneCharacterWords = writing.unspacedPhrases;
  const normalized = normalizeText(text, lang);
  const all = wordsOfNormalized(normalized, lang);
  const ws = writing.pairSingleCharacters ? pairSingles(all, stop) : all;
  const tokens: PlacedToken[] = [];
  ws.forEach((w, at) => {
    if (stop.has(w)) return;
    if (/^\p{N}+([.,]\p{N}+)?$/u.test(w)) return;
    if (!oneCharacterWords && w.length < 2) return;
    if (/\p{L}/u.test(w)) tokens.push({ w, at });
  });
  return { tokens, words: ws, normalized };
}

/** Normalised content tokens, stop words removed. */
export function tokenize(text: string, language: string): string[] {
  return placedTokens(text, language).tokens.map((t) => t.w);
}
