/**
 * How far words alone can separate a topic-labelled dev set: a multinomial naive Bayes classifier TRAINED ON
 * THE TRUE LABELS (5-fold, over the same theme features discovery uses), scored like discovery is (NMI/ARI).
 * Unsupervised discovery cannot be expected to beat it; a target above it needs knowledge beyond the words
 * (a pretrained language model). Measures only: nothing learned here is kept.
 *
 *   npx tsx scripts/theme-ceiling.ts [dataset …]     default: banking77 airline_negativereason
 * Env: VOC_DATASETS (default ../shared/datasets), VOC_EVAL (default ../shared/eval).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docFeatures } from '../src/core/analysis/features';

const datasets = path.resolve(process.env.VOC_DATASETS ?? '../shared/datasets');
const metricsFile = path.join(path.resolve(process.env.VOC_EVAL ?? '../shared/eval'), 'cluster-metrics.mjs');
if (!fs.existsSync(metricsFile)) {
  console.error(`theme-ceiling needs the scorer's metrics at ${metricsFile} (set VOC_EVAL)`);
  process.exit(2);
}
const { nmi, ari } = (await import(pathToFileURL(metricsFile).href)) as { nmi: (a: string[], b: string[]) => number; ari: (a: string[], b: string[]) => number };
const FOLDS = 5;
const SMOOTHING = 0.1;

function crossValidatedNaiveBayes(features: string[][], gold: string[]): string[] {
  const predicted: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const counts = new Map<string, Map<string, number>>();
    const docs = new Map<string, number>();
    const tokens = new Map<string, number>();
    const vocabulary = new Set<string>();
    features.forEach((terms, i) => {
      if (i % FOLDS === fold) return;
      const label = gold[i]!;
      docs.set(label, (docs.get(label) ?? 0) + 1);
      const m = counts.get(label) ?? new Map<string, number>();
      counts.set(label, m);
      for (const t of terms) {
        m.set(t, (m.get(t) ?? 0) + 1);
        tokens.set(label, (tokens.get(label) ?? 0) + 1);
        vocabulary.add(t);
      }
    });
    features.forEach((terms, i) => {
      if (i % FOLDS !== fold) return;
      let best = '';
      let bestScore = -Infinity;
      for (const [label, n] of docs) {
        const m = counts.get(label)!;
        let score = Math.log(n);
        for (const t of terms) if (vocabulary.has(t)) score += Math.log(((m.get(t) ?? 0) + SMOOTHING) / (tokens.get(label)! + SMOOTHING * vocabulary.size));
        if (score > bestScore) [best, bestScore] = [label, score];
      }
      predicted[i] = best;
    });
  }
  return predicted;
}

for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ['banking77', 'airline_negativereason']) {
  const file = path.join(datasets, `${name}.dev.jsonl`);
  if (!fs.existsSync(file)) {
    console.error(`no dataset ${file} (names are file names without .dev.jsonl; set VOC_DATASETS to another folder)`);
    process.exit(2);
  }
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
  const features = rows.map((r) => [...new Set(docFeatures(r.text, 'en').terms)]);
  const gold = rows.map((r) => String(r.label));
  const predicted = crossValidatedNaiveBayes(features, gold);
  const accuracy = predicted.filter((p, i) => p === gold[i]).length / gold.length;
  console.log(`${name}: supervised naive Bayes (${FOLDS}-fold, true labels) accuracy ${accuracy.toFixed(3)}, NMI ${nmi(gold, predicted).toFixed(3)}, ARI ${ari(gold, predicted).toFixed(3)}`);
}
