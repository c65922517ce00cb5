/**
 * `npm run eval`: quality of the analysis on the labelled dev sets in ../shared/datasets, scored by
 * ../shared/eval/score.mjs. Runs the real `voc annotate` command (the stable scoring contract).
 *
 *   npm run eval                       every dataset
 *   npm run eval -- airline banking    only datasets whose file name contains one of the words
 *   VOC_EVAL_ROWS=odd npm run eval     only the odd (or even) rows of each set: a change that helps one half and
 *                                      not the other is fitting the dev set, not the language
 *   VOC_EVAL_ROWS=every4 npm run eval  every 4th row (any N): a quicker estimate, e.g. for the slow libraries
 *   VOC_EVAL_SYSTEMS=multilang-sentiment,@nlpjs/sentiment npm run eval -- waimai
 *                                      only those libraries beside voc-insights, and no learning-from-ratings runs
 *                                      (multilang-sentiment fuzzy-matches every word it does not know: about
 *                                      2 rows/s here, 40 minutes for the airline set)
 * Sentiment sets are also scored as a deployment with ratings sees them: the even rows carry a CSAT derived from their
 * label (negative 1–2, neutral 3, positive 4–5, one row in ten a star off), `voc annotate --learn-from-ratings` fits
 * on them, and the odd rows are scored: the lexicon engine alone against the combination, with 100 / 1,000 /
 * 10,000 / all rated rows. (Not with VOC_EVAL_ROWS, which already halves the sets.)
 * Env: VOC_DATASETS (default ../shared/datasets), VOC_EVAL (default ../shared/eval), VOC_EVAL_KEEP=1 (keep inputs
 * and predictions).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeKpis } from '../src/core/kpis';
import { BASELINES, tfidfKmeans } from './baselines';

const datasets = path.resolve(process.env.VOC_DATASETS ?? '../shared/datasets');
const evalDir = path.resolve(process.env.VOC_EVAL ?? '../shared/eval');
const scorer = path.join(evalDir, 'score.mjs');
if (!fs.existsSync(scorer) || !fs.existsSync(datasets)) {
  console.error(`eval needs the labelled dev sets and the scorer: ${datasets} and ${scorer} (set VOC_DATASETS / VOC_EVAL).`);
  process.exit(2);
}

interface Task {
  file: string;
  task: 'sentiment' | 'themes';
  lang: string;
  target?: number;
  /** whole conversations (canonical rows) scored against a separate gold file of {id, label} */
  gold?: string;
  /** coverage target (themes): the share of each label's rows in its largest theme */
  coverageTarget?: number;
  /** conversations re-wrapped in other chatter (data/eval/other-chatter.json): the held-out check for chatter */
  otherChatter?: boolean;
}
const TASKS: Task[] = [
  { file: 'airline_sentiment.dev.jsonl', task: 'sentiment', lang: 'en', target: 0.7 },
  { file: 'germeval17_sentiment.dev.jsonl', task: 'sentiment', lang: 'de', target: 0.55 },
  { file: 'waimai_10k.dev.jsonl', task: 'sentiment', lang: 'zh', target: 0.85 },
  { file: 'snappfood.dev.jsonl', task: 'sentiment', lang: 'fa', target: 0.8 },
  { file: 'ar_reviews.dev.jsonl', task: 'sentiment', lang: 'ar', target: 0.6 },
  { file: 'banking77.dev.jsonl', task: 'themes', lang: 'en', target: 0.75 },
  { file: 'airline_negativereason.dev.jsonl', task: 'themes', lang: 'en', target: 0.35 },
  { file: 'twcs_inbound_topics.dev.jsonl', task: 'themes', lang: 'en' },
  { file: 'conv_banking77.dev.conversations.jsonl', gold: 'conv_banking77.dev.gold.jsonl', task: 'themes', lang: 'en', target: 0.72, coverageTarget: 0.6 },
  { file: 'conv_bitext_cs.dev.conversations.jsonl', gold: 'conv_bitext_cs.dev.gold.jsonl', task: 'themes', lang: 'en', target: 0.75, coverageTarget: 0.55 },
  { file: 'bitext_cs.dev.jsonl', task: 'themes', lang: 'en' },
];

const filters = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-eval-'));

// The team-written check set (data/eval, es/fr/pt/it/nl) is split per language so each row of the
// table compares like with like; natural's analysers are the reference there.
const CHECK_SET = 'data/eval/multilingual-sentiment.jsonl';
const checkTasks: (Task & { dir: string })[] = [];
if (fs.existsSync(CHECK_SET)) {
  const byLang = new Map<string, string[]>();
  for (const line of fs.readFileSync(CHECK_SET, 'utf8').trim().split('\n')) {
    const lang = (JSON.parse(line) as { lang: string }).lang;
    byLang.set(lang, [...(byLang.get(lang) ?? []), line]);
  }
  for (const [lang, lines] of byLang) {
    const file = `team_check_${lang}.jsonl`;
    fs.writeFileSync(path.join(work, file), lines.join('\n') + '\n');
    checkTasks.push({ file, task: 'sentiment', lang, dir: work });
  }
}
const selected = [
  ...TASKS.filter((t) => fs.existsSync(path.join(datasets, t.file))).flatMap((t) => [{ ...t, dir: datasets }, ...(t.gold ? [{ ...t, dir: datasets, otherChatter: true }] : [])]),
  ...checkTasks,
].filter((t) => !filters.length || filters.some((f) => t.file.includes(f)));
const rows: Record<string, string | number>[] = [];
const ratingRows: Record<string, string | number>[] = [];

const half = process.env.VOC_EVAL_ROWS;
const every = /^every([1-9]\d*)$/.exec(half ?? '')?.[1];
if (half !== undefined && half !== 'odd' && half !== 'even' && !every) {
  console.error(`VOC_EVAL_ROWS must be "odd", "even" or "everyN" (every Nth row, e.g. every4), not "${half}"`);
  process.exit(2);
}
/** Libraries to run beside voc-insights (default: all of scripts/baselines.ts); naming some also skips the ratings runs. */
const systems = process.env.VOC_EVAL_SYSTEMS?.split(',').map((s) => s.trim()).filter(Boolean);
for (const s of systems ?? []) {
  if (!(s in BASELINES)) {
    console.error(`VOC_EVAL_SYSTEMS: no library "${s}" in scripts/baselines.ts (there are: ${Object.keys(BASELINES).join(', ')})`);
    process.exit(2);
  }
}

/** The dataset file, or a copy holding only its odd, even or every Nth row (by position, from 0) when VOC_EVAL_ROWS asks. */
function rowsToScore(file: string): string {
  if (!half) return file;
  const keep = every ? (i: number) => i % Number(every) === 0 : (i: number) => i % 2 === (half === 'odd' ? 1 : 0);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').filter((_, i) => keep(i));
  const copy = path.join(work, `${half}-${path.basename(file)}`);
  fs.writeFileSync(copy, lines.join('\n') + '\n');
  return copy;
}

/** The gold rows of a conversation set, restricted to the conversations being scored. */
function goldFor(t: Task & { dir: string }, input: string): string {
  const ids = new Set(fs.readFileSync(input, 'utf8').trim().split('\n').map((l) => String((JSON.parse(l) as { id: string }).id)));
  const rows = fs.readFileSync(path.join(t.dir, t.gold!), 'utf8').trim().split('\n').filter((l) => ids.has(String((JSON.parse(l) as { id: string }).id)));
  const file = path.join(work, `gold-${t.gold}`);
  fs.writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

/**
 * The conv_* sets wrapped in chatter nobody tuned on: the dev files' own chatter (a leading clause or a whole
 * customer message that recurs in at least 1 % of the conversations, and every agent message) is swapped for
 * the team-written chatter of data/eval/other-chatter.json, chosen per conversation by a hash of its id.
 */
function withOtherChatter(file: string): string {
  const pool = JSON.parse(fs.readFileSync('data/eval/other-chatter.json', 'utf8')) as { greetings: string[]; followUps: string[]; agentReplies: string[] };
  type Msg = { role: string; text: string };
  const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; messages: Msg[] });
  const lead = (text: string) => /^([^,.!?]{1,25}[,.!?])\s+\S/.exec(text)?.[1];
  const counts = new Map<string, number>();
  const count = (k: string | undefined) => k && counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const r of rows) {
    const customer = r.messages.filter((m) => m.role === 'customer');
    count(`lead:${lead(customer[0]?.text ?? '')}`);
    for (const m of customer.slice(1)) count(`msg:${m.text}`);
  }
  const recurring = (k: string) => (counts.get(k) ?? 0) >= Math.max(20, rows.length / 100);
  const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  const pick = <T>(xs: T[], key: string) => xs[hash(key) % xs.length]!;
  const out = rows.map((r) => {
    let seenCustomer = false;
    const messages = r.messages.map((m, i) => {
      if (m.role === 'agent') return { ...m, text: pick(pool.agentReplies, `${r.id}:${i}`) };
      if (m.role !== 'customer') return m;
      if (!seenCustomer) {
        seenCustomer = true;
        const l = lead(m.text);
        return l && recurring(`lead:${l}`) ? { ...m, text: `${pick(pool.greetings, r.id)} ${m.text.slice(l.length).trim()}` } : m;
      }
      return recurring(`msg:${m.text}`) ? { ...m, text: pick(pool.followUps, `${r.id}:${i}`) } : m;
    });
    return JSON.stringify({ ...r, messages });
  });
  const copy = path.join(work, `other-chatter-${path.basename(file)}`);
  fs.writeFileSync(copy, out.join('\n') + '\n');
  return copy;
}

for (const t of selected) {
  const dev = rowsToScore(path.join(t.dir, t.file));
  const conversations = t.otherChatter ? withOtherChatter(dev) : dev;
  const input = t.gold ? goldFor(t, conversations) : conversations;
  const output = path.join(work, t.file.replace('.jsonl', t.otherChatter ? '.other.pred.jsonl' : '.pred.jsonl'));
  // The rows go in as {id, text} only (conversations as they are, with no language field): real messages
  // carry no language label, so voc detects it, and the language-id column below measures that detection
  // rather than echoing the gold label.
  const unlabelled = path.join(work, t.file.replace('.jsonl', t.otherChatter ? '.other.input.jsonl' : '.input.jsonl'));
  fs.writeFileSync(unlabelled, fs.readFileSync(conversations, 'utf8').trim().split('\n').map((l) => {
    const row = JSON.parse(l) as { id: string; text: string; language?: string };
    if (t.gold) {
      delete row.language;
      return JSON.stringify(row);
    }
    return JSON.stringify({ id: row.id, text: row.text });
  }).join('\n') + '\n');
  const args = ['--import', 'tsx', 'bin/voc.ts', 'annotate', '--input', unlabelled, '--output', output, ...(t.task === 'themes' ? ['--discover'] : [])];
  const annotate = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (annotate.status !== 0) {
    console.error(`voc annotate failed on ${t.file}:\n${annotate.stderr}`);
    process.exit(1);
  }
  // annotate reports "… in S s (R rows/s)" on stderr: the rate excludes process start-up.
  const docsPerSecond = Number(/\((\d+) rows\/s\)/.exec(annotate.stderr)?.[1] ?? NaN);
  const score = execFileSync(process.execPath, [scorer, t.task, input, output], { encoding: 'utf8' });
  // Language identification, against the set's own language labels (every row of a set has one).
  const goldLang = new Map(fs.readFileSync(input, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; lang?: string }).map((g) => [String(g.id), g.lang ?? t.lang]));
  const predicted = fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; language: string });
  const langAccuracy = Number((predicted.filter((p) => goldLang.get(String(p.id)) === p.language).length / Math.max(1, predicted.length)).toFixed(3));
  const n = (name: string) => Number(new RegExp(`${name}=([0-9.]+)`).exec(score)?.[1] ?? NaN);
  const base = { dataset: datasetName(t), lang: t.lang, rows: Number(/rows=(\d+)/.exec(score)?.[1] ?? 0) };
  if (t.task === 'sentiment') {
    const perClass = /per-class-F1 (.*)/.exec(score)?.[1] ?? '';
    rows.push({ ...base, system: 'voc-insights', metric: 'macro-F1', score: n('macroF1'), accuracy: n('accuracy'), 'lang id': langAccuracy, 'docs/s': docsPerSecond, target: t.target ?? '', 'per class F1': perClass });
    rows.push(...(await scoreBaselines(t, input)));
    if (!half && !systems) ratingRows.push(...scoreWithRatings(t, input, output));
  }
  else {
    rows.push(scoreKmeansBaseline(t, input, conversations));
    const target = [t.target, t.coverageTarget && `cov ${t.coverageTarget}`].filter(Boolean).join(' / ');
    rows.push({ ...base, system: 'voc-insights', metric: 'NMI', score: n('NMI'), ARI: n('ARI'), purity: n('purity'), coverage: n('coverage'), themes: Number(/themes=(\d+)/.exec(score)?.[1] ?? 0), 'docs/s': docsPerSecond, target });
  }
}
function datasetName(t: Task): string {
  return t.file.replace(/\.(dev\.)?(conversations\.)?jsonl$/, '') + (t.otherChatter ? ' (other chatter)' : '');
}

/** TF-IDF + k-means told the true number of labels: the reference the themes targets are set against. */
function scoreKmeansBaseline(t: Task, input: string, conversations: string): Record<string, string | number> {
  const gold = fs.readFileSync(input, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; label: string });
  const k = new Set(gold.map((g) => g.label)).size;
  // A conversation's text, for the baseline, is everything its customer wrote.
  const texts = t.gold
    ? new Map(fs.readFileSync(conversations, 'utf8').trim().split('\n').map((l) => {
        const c = JSON.parse(l) as { id: string; messages: Array<{ role: string; text: string }> };
        return [String(c.id), c.messages.filter((m) => m.role === 'customer').map((m) => m.text).join('\n')] as const;
      }))
    : undefined;
  const t0 = performance.now();
  const clusters = tfidfKmeans(gold.map((g) => texts?.get(String(g.id)) ?? g.text), k);
  const seconds = (performance.now() - t0) / 1000;
  const file = path.join(work, `kmeans-${t.file}`);
  fs.writeFileSync(file, gold.map((g, i) => JSON.stringify({ id: g.id, theme: { id: `k${clusters[i]}`, label: '' } })).join('\n') + '\n');
  const score = execFileSync(process.execPath, [scorer, 'themes', input, file], { encoding: 'utf8' });
  const n = (name: string) => Number(new RegExp(`${name}=([0-9.]+)`).exec(score)?.[1] ?? NaN);
  return { dataset: datasetName(t), lang: t.lang, rows: gold.length, system: `tf-idf+k-means (true k=${k})`, metric: 'NMI', score: n('NMI'), ARI: n('ARI'), purity: n('purity'), coverage: n('coverage'), themes: k, 'docs/s': Math.round(gold.length / seconds) };
}

/** The packages a team would otherwise use, on the same rows, through the same scorer. */
async function scoreBaselines(t: Task, input: string): Promise<Record<string, string | number>[]> {
  const gold = fs.readFileSync(input, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string });
  const out: Record<string, string | number>[] = [];
  for (const [name, make] of Object.entries(BASELINES)) {
    if (systems && !systems.includes(name)) continue;
    const predict = make();
    if (!(await predict('ok', t.lang))) continue; // the package does not support this language
    const t0 = performance.now();
    const preds: { id: string; sentiment: unknown }[] = [];
    for (const g of gold) preds.push({ id: g.id, sentiment: await predict(g.text, t.lang) });
    const seconds = (performance.now() - t0) / 1000;
    const file = path.join(work, `${name.replace(/[^\w.-]+/g, '_')}-${t.file}`);
    fs.writeFileSync(file, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const score = execFileSync(process.execPath, [scorer, 'sentiment', input, file], { encoding: 'utf8' });
    const n = (k: string) => Number(new RegExp(`${k}=([0-9.]+)`).exec(score)?.[1] ?? NaN);
    out.push({ dataset: t.file.replace(/\.(dev\.)?jsonl$/, ''), lang: t.lang, rows: gold.length, system: name, metric: 'macro-F1', score: n('macroF1'), accuracy: n('accuracy'), 'docs/s': Math.round(gold.length / seconds) });
  }
  return out;
}

/**
 * A CSAT for a labelled row, as a help desk's survey would give it: negative 1–2, neutral 3, positive 4–5, and for
 * one row in ten a star off (which may cross a class boundary: ratings disagree with the words now and then).
 */
function ratingFor(label: string, i: number): number {
  let r = label === 'negative' ? 1 + (i % 2) : label === 'neutral' ? 3 : 4 + (i % 2);
  const u = ((i + 1) * 2654435761) % 1000;
  if (u < 100) r = Math.max(1, Math.min(5, r + (u % 2 ? 1 : -1)));
  return r;
}

/** The even rows rated (the first `n` of them), the odd rows scored: lexicon alone against the combination. */
function scoreWithRatings(t: Task, input: string, lexiconOutput: string): Record<string, string | number>[] {
  const lines = fs.readFileSync(input, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; label: string });
  const scored = lines.filter((_, i) => i % 2 === 1);
  const gold = path.join(work, t.file.replace('.jsonl', '.odd-gold.jsonl'));
  fs.writeFileSync(gold, scored.map((g) => JSON.stringify(g)).join('\n') + '\n');
  const parse = (score: string) => ({ f1: Number(/macroF1=([0-9.]+)/.exec(score)?.[1] ?? NaN), perClass: /per-class-F1 (.*)/.exec(score)?.[1] ?? '' });
  const lexicon = parse(execFileSync(process.execPath, [scorer, 'sentiment', gold, lexiconOutput], { encoding: 'utf8' }));
  const available = Math.ceil(lines.length / 2);
  const out: Record<string, string | number>[] = [];
  for (const n of [...new Set([100, 1000, 10000, available])].filter((k) => k <= available).sort((a, b) => a - b)) {
    const withRatings = path.join(work, t.file.replace('.jsonl', `.rated-${n}.jsonl`));
    fs.writeFileSync(withRatings, lines.map((g, i) => JSON.stringify(i % 2 === 0 && i / 2 < n ? { id: g.id, text: g.text, csat: ratingFor(g.label, i) } : { id: g.id, text: g.text })).join('\n') + '\n');
    const pred = path.join(work, t.file.replace('.jsonl', `.rated-${n}.pred.jsonl`));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/voc.ts', 'annotate', '--learn-from-ratings', '--input', withRatings, '--output', pred], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    if (run.status !== 0) {
      console.error(`voc annotate --learn-from-ratings failed on ${t.file}:\n${run.stderr}`);
      process.exit(1);
    }
    const combined = parse(execFileSync(process.execPath, [scorer, 'sentiment', gold, pred], { encoding: 'utf8' }));
    out.push({
      dataset: t.file.replace(/\.(dev\.)?jsonl$/, ''), lang: t.lang, rated: n, scored: scored.length,
      'lexicon macro-F1': lexicon.f1, 'combined macro-F1': combined.f1, gain: Number((combined.f1 - lexicon.f1).toFixed(3)),
      'lexicon per class': lexicon.perClass, 'combined per class': combined.perClass,
    });
  }
  return out;
}

if (rows.length) console.table(rows);
if (ratingRows.length) {
  console.log('Learning from ratings: even rows rated (first N), odd rows scored');
  console.table(ratingRows);
}
// VOC_EVAL_KEEP=1 keeps the inputs and predictions for a look.
if (process.env.VOC_EVAL_KEEP) console.log(`inputs and predictions kept in ${work}`);
else fs.rmSync(work, { recursive: true, force: true });

// First response times on real customer↔brand Twitter threads: our KPI definition against the raw
// tweet timestamps (first brand reply − first customer tweet), which it must match exactly.
const threadsFile = path.join(datasets, 'twcs_threads_sample.dev.jsonl');
if (fs.existsSync(threadsFile) && (!filters.length || filters.some((f) => 'twcs_threads_sample'.includes(f)))) {
  interface Turn { role: 'customer' | 'agent'; text: string; created_at: string; tweet_id?: string }
  const threads = fs.readFileSync(threadsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; turns: Turn[] });
  const ours: number[] = [];
  const raw: number[] = [];
  for (const t of threads) {
    const turns = [...t.turns].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    const at = (x: Turn) => new Date(Date.parse(x.created_at)).toISOString();
    const c = {
      schemaVersion: 1 as const, id: t.id, source: 'twitter', sourceId: t.id, channel: 'social' as const, createdAt: at(turns[0]!), updatedAt: at(turns[turns.length - 1]!),
      customer: { id: t.id }, tags: [], messages: turns.map((x, i) => ({ id: x.tweet_id ?? `m${i}`, role: x.role, createdAt: at(x), text: x.text, public: true })),
    };
    const k = computeKpis(c);
    if (k.firstResponse) ours.push(k.firstResponse.calendarMinutes);
    const firstCustomer = turns.find((x) => x.role === 'customer');
    const firstReply = firstCustomer && turns.find((x) => x.role === 'agent' && Date.parse(x.created_at) >= Date.parse(firstCustomer.created_at));
    if (firstCustomer && firstReply) raw.push((Date.parse(firstReply.created_at) - Date.parse(firstCustomer.created_at)) / 60_000);
  }
  const q = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
  };
  console.table([
    { measure: 'first response (voc computeKpis)', threads: threads.length, answered: ours.length, p50_min: q(ours, 0.5).toFixed(1), p90_min: q(ours, 0.9).toFixed(1) },
    { measure: 'first response (raw tweet timestamps)', threads: threads.length, answered: raw.length, p50_min: q(raw, 0.5).toFixed(1), p90_min: q(raw, 0.9).toFixed(1) },
  ]);
}
