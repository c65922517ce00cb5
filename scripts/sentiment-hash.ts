/**
 * A fingerprint of everything the sentiment engine says about the labelled dev rows, for refactors that must not
 * change behaviour: every row's `analyzeSentiment` output (language detected, as `voc annotate` does, and with the
 * set's own language), its raw valence and its written-score reading, hashed per set.
 *
 *   npx tsx scripts/sentiment-hash.ts            one line per set: rows and sha256 (compare before and after)
 * Env: VOC_DATASETS (default ../shared/datasets).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeSentiment, valence, writtenRating } from '../src/core/analysis/sentiment';
import { detectLanguage } from '../src/core/analysis/language';

const datasets = path.resolve(process.env.VOC_DATASETS ?? '../shared/datasets');
const SETS = ['airline_sentiment.dev.jsonl', 'germeval17_sentiment.dev.jsonl', 'waimai_10k.dev.jsonl', 'snappfood.dev.jsonl', 'ar_reviews.dev.jsonl']
  .map((f) => path.join(datasets, f))
  .concat('data/eval/multilingual-sentiment.jsonl')
  .filter((f) => fs.existsSync(f));

for (const file of SETS) {
  const hash = createHash('sha256');
  let rows = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { id, text, lang } = JSON.parse(line) as { id: string; text: string; lang: string };
    const detected = detectLanguage(text);
    hash.update(JSON.stringify([id, detected, analyzeSentiment(text), analyzeSentiment(text, lang), valence(text, lang), writtenRating(text, lang)]) + '\n');
    rows++;
  }
  console.log(`${path.basename(file)}\t${rows}\t${hash.digest('hex')}`);
}
