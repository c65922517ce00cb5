/** Emoji and emoticon valences (hand-assigned, AFINN scale). */

const EMOJI: Record<string, number> = {
  '😀': 2, '😃': 2, '😄': 2, '😁': 2, '😆': 2, '😊': 2, '☺': 2, '🙂': 1, '😉': 1, '😍': 3, '🥰': 3, '😘': 2, '😗': 1, '😙': 1,
  '😚': 1, '🤗': 2, '🤩': 3, '😎': 1, '😋': 2, '😇': 2, '🥳': 3, '😂': 1, '🤣': 1, '😅': 0, '😌': 1, '😻': 3, '❤': 3, '♥': 3,
  '💕': 3, '💖': 3, '💗': 3, '💓': 3, '💞': 3, '💙': 2, '💚': 2, '💛': 2, '💜': 2, '🧡': 2, '🖤': 1, '💯': 2, '👍': 2, '👌': 2,
  '👏': 2, '🙌': 2, '🙏': 1, '💪': 1, '✌': 1, '🎉': 2, '🎊': 2, '✨': 1, '⭐': 1, '🌟': 2, '🔥': 1, '✅': 1, '✔': 1, '🌹': 2, '🌸': 1,
  '😞': -2, '😔': -2, '😟': -2, '😕': -1, '🙁': -2, '☹': -2, '😣': -2, '😖': -2, '😫': -2, '😩': -2, '😢': -2, '😭': -2,
  '😤': -2, '😠': -3, '😡': -3, '🤬': -3, '🤯': -2, '😳': -1, '😱': -2, '😨': -2, '😰': -2, '😥': -1, '😓': -1, '🙄': -2,
  '😒': -2, '😑': -1, '😐': -1, '😬': -1, '🤦': -2, '🤷': -1, '👎': -2, '💔': -3, '🤮': -3, '🤢': -3, '😷': -1, '💩': -2,
  '😪': -1, '😴': -1, '🥺': -1, '😿': -2, '❌': -1, '⚠': -1, '🖕': -3, '😈': -1, '😏': 0, '🤔': -1,
  // Faces and symbols common in complaints (sarcastic smile, exasperation, waiting, slowness, SOS) and in praise.
  '🙃': -1, '🤨': -1, '😧': -1, '😦': -1, '😲': -1, '😵': -2, '🥲': -1, '🫠': -1, '🤕': -2, '🤒': -1, '🤡': -2,
  '⏳': -1, '⌛': -1, '🐌': -2, '🆘': -2, '😜': 1, '😝': 1, '😛': 1, '🤪': 1, '😺': 2, '😸': 2, '💐': 2, '🤝': 1, '🤞': 1,
};

const EMOTICONS: Array<[RegExp, number]> = [
  [/(^|\s)[:;=8][-'^o]?[)\]}dp3*>](?=\s|$|[.,!?])/gi, 2],
  [/(^|\s)\^_*\^(?=\s|$)/g, 2],
  [/(^|\s)<3+(?=\s|$)/g, 2],
  [/(^|\s)(xd+|:'\))(?=\s|$)/gi, 1],
  [/(^|\s)[:;=][-'^o]?[(\[{|\\/](?=\s|$|[.,!?])/g, -2],
  [/(^|\s)(:'\(|d:|>:\(|-_-|:\/)(?=\s|$|[.,!?])/gi, -2],
];

const EMOTICON_HINT = /[:;=8^<>]|xd/i;
const EMOJI_RE = /\p{Extended_Pictographic}|[☺☹♥]/gu;

/** Sum of emoji and emoticon valences in `text` (each distinct emoji counts at most 3 times). */
export function emojiScore(text: string): number {
  let s = 0;
  const seen = new Map<string, number>();
  for (const m of text.matchAll(EMOJI_RE)) {
    const e = m[0];
    const v = EMOJI[e];
    if (v === undefined) continue;
    const n = (seen.get(e) ?? 0) + 1;
    seen.set(e, n);
    if (n <= 3) s += n === 1 ? v : v * 0.5;
  }
  if (!EMOTICON_HINT.test(text)) return s;
  for (const [re, v] of EMOTICONS) {
    re.lastIndex = 0;
    const n = (text.match(re) ?? []).length;
    s += Math.min(n, 2) * v;
  }
  return s;
}
