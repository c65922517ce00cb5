/**
 * How far words alone can separate a topic-labelled dev set: two classifiers TRAINED ON THE TRUE LABELS
 * (multinomial naive Bayes and softmax regression, 5-fold, over the same theme features discovery uses), scored
 * like discovery is (NMI/ARI). Unsupervised discovery cannot be expected to beat them; a target above them needs
 * knowledge beyond the words (a pretrained language model). For scale, the NMI of a random assignment to the
 * 100 themes (about what discovery finds on these sets) shows how much NMI many small themes earn by chance.
 * Measures only: nothing learned here is kept.
 *
 *   npx tsx scripts/theme-ceiling.ts [dataset …]     default: banking77 airline_negativereason
 * Env: VOC_DATASETS (default ../shared/datasets), VOC_EVAL (default ../shared/eval).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docTerms } from '../src/core/analysis/features';

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

const EPOCHS = 30;
const LEARNING_RATE = 0.5;
const L2 = 1e-5;

/** Softmax regression by SGD on unit-length binary term vectors; the stronger linear reference. */
function crossValidatedSoftmax(features: string[][], gold: string[]): string[] {
  const labels = [...new Set(gold)];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const predicted: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const weights = new Map<string, Float64Array>();
    const bias = new Float64Array(labels.length);
    const row = (t: string): Float64Array => {
      let w = weights.get(t);
      if (!w) weights.set(t, (w = new Float64Array(labels.length)));
      return w;
    };
    const scores = (terms: string[]): Float64Array => {
      const s = Float64Array.from(bias);
      const x = 1 / Math.sqrt(terms.length || 1);
      for (const t of terms) {
        const w = weights.get(t);
        if (w) for (let c = 0; c < s.length; c++) s[c] = s[c]! + w[c]! * x;
      }
      return s;
    };
    const train = features.map((_, i) => i).filter((i) => i % FOLDS !== fold);
    let seed = 7 + fold;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (let j = train.length - 1; j > 0; j--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        const r = seed % (j + 1);
        [train[j], train[r]] = [train[r]!, train[j]!];
      }
      const rate = LEARNING_RATE / (1 + epoch);
      for (const i of train) {
        const terms = features[i]!;
        const s = scores(terms);
        const max = Math.max(...s);
        let z = 0;
        for (let c = 0; c < s.length; c++) z += (s[c] = Math.exp(s[c]! - max));
        const target = labelIndex.get(gold[i]!)!;
        const x = 1 / Math.sqrt(terms.length || 1);
        for (let c = 0; c < s.length; c++) {
          const g = s[c]! / z - (c === target ? 1 : 0);
          bias[c] = bias[c]! - rate * g;
          for (const t of terms) {
            const w = row(t);
            w[c] = w[c]! - rate * (g * x + L2 * w[c]!);
          }
        }
      }
    }
    features.forEach((terms, i) => {
      if (i % FOLDS !== fold) return;
      const s = scores(terms);
      predicted[i] = labels[s.indexOf(Math.max(...s))]!;
    });
  }
  return predicted;
}

/** NMI of a seeded random assignment to k themes: what many small themes earn by chance. */
function randomAssignmentNmi(gold: string[], k: number): number {
  let seed = 11;
  const random = gold.map(() => String((seed = (seed * 1103515245 + 12345) % 2147483648) % k));
  return nmi(gold, random);
}

for (const name of process.argv.slice(2).length ? process.argv.slice(2) : ['banking77', 'airline_negativereason']) {
  const file = path.join(datasets, `${name}.dev.jsonl`);
  if (!fs.existsSync(file)) {
    console.error(`no dataset ${file} (names are file names without .dev.jsonl; set VOC_DATASETS to another folder)`);
    process.exit(2);
  }
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
  const features = rows.map((r) => [...new Set(docTerms(r.text, 'en'))]);
  const gold = rows.map((r) => String(r.label));
  for (const [model, predict] of [['naive Bayes', crossValidatedNaiveBayes], ['softmax regression', crossValidatedSoftmax]] as const) {
    const predicted = predict(features, gold);
    const accuracy = predicted.filter((p, i) => p === gold[i]).length / gold.length;
    console.log(`${name}: supervised ${model} (${FOLDS}-fold, true labels) accuracy ${accuracy.toFixed(3)}, NMI ${nmi(gold, predicted).toFixed(3)}, ARI ${ari(gold, predicted).toFixed(3)}`);
  }
  const k = 100;
  console.log(`${name}: random assignment to ${k} themes, NMI ${randomAssignmentNmi(gold, k).toFixed(3)}`);
}
