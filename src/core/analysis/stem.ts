/** Light stemming for theme discovery (Snowball/Porter stemmers bundled with natural, MIT/BSD). */
import en from 'natural/lib/natural/stemmers/porter_stemmer.js';
import de from 'natural/lib/natural/stemmers/porter_stemmer_de.js';
import es from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import fr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import it from 'natural/lib/natural/stemmers/porter_stemmer_it.js';
import nl from 'natural/lib/natural/stemmers/porter_stemmer_nl.js';
import pt from 'natural/lib/natural/stemmers/porter_stemmer_pt.js';

const STEMMERS: Record<string, { stem(word: string): string }> = { en, de, es, fr, it, nl, pt };
const cache = new Map<string, string>();

export function stem(word: string, lang: string): string {
  const s = STEMMERS[lang];
  if (!s || word.length < 4) return word;
  const key = lang + ':' + word;
  let out = cache.get(key);
  if (out === undefined) {
    try {
      out = s.stem(word) || word;
    } catch {
      out = word;
    }
    if (cache.size > 200_000) cache.clear();
    cache.set(key, out);
  }
  return out;
}
