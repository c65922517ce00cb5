/**
 * The generated base lexicons, stored compactly, in two layers:
 *  1. shared prefixes: the inflected forms of a word sit next to each other in sorted order and mostly share its score
 *     (German alone has 12,000 entries), so each entry stores only what differs from the one before it: one character
 *     for the length of the prefix it shares (code - 48), the rest of the word, and "\t<score>" only when the score
 *     changes (German 208 KB -> 50 KB);
 *  2. Brotli over that text, as base64 (German 50 KB -> 13 KB).
 * A pack's base lexicon is decoded once, on first use of its language (lexicon.ts), so an import or a cold start
 * parses 13 KB of base64 per language instead of the word list, and a handler that scores no German decodes none.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

const PREFIX_BASE = 48;
const MAX_SHARED = 40;

/** Layer 1: "word<TAB>score" pairs, sorted by word, as lines that share prefixes (see above). */
export function sharePrefixes(entries: readonly (readonly [string, string])[]): string {
  let previousWord = '';
  let previousScore: string | undefined;
  const out: string[] = [];
  for (const [word, score] of entries) {
    let shared = 0;
    const most = Math.min(previousWord.length, word.length, MAX_SHARED);
    while (shared < most && previousWord[shared] === word[shared]) shared++;
    // Never between the two halves of a surrogate pair ("🀄", "🅰"): UTF-8 cannot hold half a character.
    if (shared > 0 && /[\uD800-\uDBFF]/.test(word[shared - 1]!)) shared--;
    out.push(String.fromCharCode(PREFIX_BASE + shared) + word.slice(shared) + (score === previousScore ? '' : `\t${score}`));
    previousWord = word;
    previousScore = score;
  }
  return out.join('\n');
}

/** Both layers: what generate-base.ts writes into `<lang>/base.ts`. */
export function encodeBase(entries: readonly (readonly [string, string])[]): string {
  const text = Buffer.from(sharePrefixes(entries), 'utf8');
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  }).toString('base64');
}

/** The "word<TAB>score" lines an encoded base lexicon holds, in their original order. */
export function decodeBase(encoded: string): string[] {
  const lines: string[] = [];
  let previousWord = '';
  let score = '';
  for (const entry of brotliDecompressSync(Buffer.from(encoded, 'base64')).toString('utf8').split('\n')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    const rest = tab < 0 ? entry.slice(1) : entry.slice(1, tab);
    if (tab >= 0) score = entry.slice(tab + 1);
    const word = previousWord.slice(0, entry.charCodeAt(0) - PREFIX_BASE) + rest;
    lines.push(`${word}\t${score}`);
    previousWord = word;
  }
  return lines;
}
