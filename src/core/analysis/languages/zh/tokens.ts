/**
 * Chinese sentiment tokens: cut by forward maximum matching over the lexicon itself, which is faster than a segmenter
 * and never splits an opinion phrase.
 */
import type { Lexicon, Tok } from '../types';

/**
 * Traditional -> simplified for the characters that carry opinions in reviews (Taiwan / Hong Kong writers), so the
 * simplified lexicon also reads "難吃", "沒送到", "態度很差". Pairs: traditional then simplified.
 */
const TRAD_PAIRS =
  '沒没難难喫吃錯错還还這这個个給给點点說说歡欢讚赞贊赞題题態态來来時时間间爛烂壞坏鹹咸涼凉膩腻髒脏衛卫滿满謝谢實实劃划頭头髮发蟲虫蒼苍蠅蝇餓饿飯饭貴贵價价務务業业專专熱热鮮鲜準准遲迟誤误騙骗顧顾極极們们對对應应該该愛爱樂乐讓让後后麼么為为長长聽听話话帶带與与錢钱燒烧雞鸡魚鱼湯汤麵面飲饮鬆松軟软濃浓興兴開开關关門门氣气費费當当嗎吗覺觉總总體体會会經经過过優优質质種种類类舊旧餿馊噁恶惡恶懶懒壓压灑洒態态禮礼親亲細细負负責责級级鹽盐醬酱餅饼飽饱夠够減减縮缩裝装塊块員员騎骑師师處处辦办嚴严穩稳順顺驚惊勁劲單单糰团趕赶號号電电撥拨買买賣卖';
const TRAD = new Map<string, string>();
for (let i = 0; i + 1 < TRAD_PAIRS.length; i += 2) TRAD.set(TRAD_PAIRS[i]!, TRAD_PAIRS[i + 1]!);
const TRAD_RE = new RegExp(`[${[...TRAD.keys()].join('')}]`, 'gu');

function simplify(text: string): string {
  return text.replace(TRAD_RE, (c) => TRAD.get(c) ?? c);
}

const zhVocab = new Map<Lexicon, { set: Set<string>; max: number }>();
export function zhTokens(text: string, lex: Lexicon): Tok[] {
  const norm = simplify(text);
  let v = zhVocab.get(lex);
  if (!v) {
    const set = new Set<string>([...lex.entries.keys(), ...lex.negators, ...lex.intensifiers.keys(), ...lex.contrast]);
    let max = 1;
    for (const k of set) max = Math.max(max, k.length);
    v = { set, max: Math.min(max, 8) };
    zhVocab.set(lex, v);
  }
  const out: Tok[] = [];
  const n = norm.length;
  let i = 0;
  while (i < n) {
    const ch = norm[i]!;
    // Spaces and combining marks (decorative "送༵来༵") carry nothing.
    if (/[\s\p{Mn}]/u.test(ch)) {
      i++;
      continue;
    }
    if (/[。！？；，,.!?;~～…、]/.test(ch)) {
      out.push({ w: ch, boundary: true, elongated: false });
      i++;
      continue;
    }
    if (/[a-z0-9]/.test(ch)) {
      let j = i + 1;
      while (j < n && /[a-z0-9']/.test(norm[j]!)) j++;
      out.push({ w: norm.slice(i, j), boundary: false, elongated: false });
      i = j;
      continue;
    }
    let len = Math.min(v.max, n - i);
    for (; len > 1; len--) if (v.set.has(norm.slice(i, i + len))) break;
    let elongated = false;
    let j = i + len;
    // Repeated characters ("好好好好") count as emphasis.
    while (len === 1 && j < n && norm[j] === ch) {
      j++;
      elongated = true;
    }
    out.push({ w: norm.slice(i, i + len), boundary: false, elongated: elongated && j - i > 2 });
    i = j;
  }
  return out;
}

