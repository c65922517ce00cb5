/**
 * LEARN SENTIMENT: each night, before discovery and analysis, fit the per-language sentiment model on the customer
 * messages of rated conversations (CSAT from the ticket export or joined from ratings/) of the last
 * SENTIMENT_TRAINING_DAYS, and store it with the data (models/sentiment/model.json). Bounded: at most
 * MAX_RATED_ROWS_PER_LANGUAGE rated conversations per language are kept (the newest days first). A model is refitted
 * only when the rated conversations grew or shrank by RETRAIN_CHANGE or a language appeared: a new model makes every
 * day stale (its id is part of the analysis settings), so it does not change on every trickle of ratings.
 */
import { modelSummary, isUsableModel, trainSentimentModel, type LanguageModelSummary, type RatedText, type SentimentModel } from '../core/analysis/rating-model';
import { conversationLanguage, customerText } from '../core/conversation-analysis';
import { addDays, layout } from '../core/storage-layout';
import type { BlobInfo, BlobStore, Stores } from '../ports';
import { settingsHash } from './settings';
import { MAX_RATED_ROWS_PER_LANGUAGE } from './annotate';
import { joinRatings, listRatingDays, ratingPartsFor } from './ratings';
import { listConversationDays, readDay } from './read-day';

export const SENTIMENT_TRAINING_DAYS = 90;
export const RETRAIN_CHANGE = 0.1;

export interface SentimentModelResult {
  /** trained: a new model; kept: the stored one still fits the ratings; none: no language has enough ratings */
  status: 'trained' | 'kept' | 'none';
  rated: number;
  trainedAt?: string;
  languages: LanguageModelSummary[];
}

export async function loadSentimentModel(blobs: BlobStore): Promise<SentimentModel | undefined> {
  const bytes = await blobs.get(layout.sentimentModel());
  if (!bytes) return undefined;
  const value: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
  // A model of another format version is ignored (the lexicon engine alone) until the next night refits it.
  return isUsableModel(value) ? value : undefined;
}

/** The id that goes into the analysis settings: a new model re-analyses the days. */
export function sentimentModelId(model: SentimentModel | undefined): string | null {
  return model ? `${model.version}@${model.trainedAt}` : null;
}

export async function learnSentimentStage(stores: Stores, options: { runId: string; asOf: string; now?: () => Date }): Promise<SentimentModelResult> {
  const result = await learn(stores.blobs, options);
  // The run record (finalize) reads it from here, in the cloud as locally.
  await stores.blobs.put(layout.runSentimentModel(options.runId), JSON.stringify(runRecordOf(result), null, 2), 'application/json');
  return result;
}

/**
 * models/sentiment/rated-counts.json: per day of the training range, a signature of its inputs (conversation parts and
 * the rating parts that can rate it) and its rated conversations per language. Derived data, rewritten whenever it
 * changes: a night whose model is kept reads only the days whose inputs changed, instead of the 90 days.
 */
interface RatedCounts {
  version: number;
  days: Record<string, { inputs: string; perLanguage: Record<string, number> }>;
}
/** Bump when what counts as a rated conversation, or its language, changes. */
const RATED_COUNTS_VERSION = 1;

type Day = [string, BlobInfo[]];

async function learn(blobs: BlobStore, options: { runId: string; asOf: string; now?: () => Date }): Promise<SentimentModelResult> {
  const from = addDays(options.asOf, -(SENTIMENT_TRAINING_DAYS - 1));
  const days: Day[] = [...(await listConversationDays(blobs))].filter(([d]) => d >= from && d <= options.asOf).sort(([a], [b]) => b.localeCompare(a));
  const ratingDays = await listRatingDays(blobs);
  const inputsOf = (day: string, parts: BlobInfo[]) => settingsHash([...parts, ...ratingPartsFor(day, ratingDays)].map((p) => `${p.key}@${p.etag ?? ''}`).sort());
  const stored = await readRatedCounts(blobs);
  const counts: RatedCounts = { version: RATED_COUNTS_VERSION, days: {} };
  const previous = await loadSentimentModel(blobs);
  let rated: RatedText[] | undefined;
  if (previous) {
    // Counting is enough to decide whether to refit: days whose inputs are as counted before are not read again.
    for (const [day, parts] of days) {
      const inputs = inputsOf(day, parts);
      const known = stored.days[day];
      counts.days[day] = known?.inputs === inputs ? known : { inputs, perLanguage: (await ratedOfDay(blobs, day, parts, ratingDays)).perLanguage };
    }
  } else {
    rated = await ratedTexts(blobs, days, ratingDays, (day, parts, perLanguage) => (counts.days[day] = { inputs: inputsOf(day, parts), perLanguage }));
  }
  await saveRatedCounts(blobs, stored, counts);
  const perLanguage = cappedTotals(counts);
  if (previous && !changedEnough(previous, perLanguage)) {
    return { status: 'kept', rated: [...perLanguage.values()].reduce((a, b) => a + b, 0), trainedAt: previous.trainedAt, languages: modelSummary(previous) };
  }
  rated ??= await ratedTexts(blobs, days, ratingDays);
  const model = trainSentimentModel(rated, { now: options.now?.() ?? new Date(), inputs: options.runId });
  const languages = modelSummary(model);
  if (!languages.some((l) => l.weight > 0) && !previous) return { status: 'none', rated: rated.length, languages };
  await blobs.put(layout.sentimentModel(), JSON.stringify(model), 'application/json');
  return { status: 'trained', rated: rated.length, trainedAt: model.trainedAt, languages };
}

/** One day's rated conversations with customer text: per language, and the texts. */
async function ratedOfDay(blobs: BlobStore, day: string, parts: BlobInfo[], ratingDays: Map<string, BlobInfo[]>): Promise<{ rows: RatedText[]; perLanguage: Record<string, number> }> {
  const { conversations } = await joinRatings(blobs, await readDay(blobs, day, parts), ratingPartsFor(day, ratingDays));
  const rows: RatedText[] = [];
  const perLanguage: Record<string, number> = {};
  for (const c of conversations) {
    if (c.csat === undefined) continue;
    const text = customerText(c);
    if (!text) continue;
    const lang = conversationLanguage(c);
    perLanguage[lang] = (perLanguage[lang] ?? 0) + 1;
    rows.push({ text, lang, csat: c.csat });
  }
  return { rows, perLanguage };
}

/** The training set: the rated texts of the days, newest first, at most MAX_RATED_ROWS_PER_LANGUAGE per language. */
async function ratedTexts(blobs: BlobStore, days: Day[], ratingDays: Map<string, BlobInfo[]>, onDay?: (day: string, parts: BlobInfo[], perLanguage: Record<string, number>) => void): Promise<RatedText[]> {
  const rated: RatedText[] = [];
  const kept = new Map<string, number>();
  for (const [day, parts] of days) {
    const { rows, perLanguage } = await ratedOfDay(blobs, day, parts, ratingDays);
    onDay?.(day, parts, perLanguage);
    for (const row of rows) {
      const n = kept.get(row.lang) ?? 0;
      if (n >= MAX_RATED_ROWS_PER_LANGUAGE) continue;
      kept.set(row.lang, n + 1);
      rated.push(row);
    }
  }
  return rated;
}

/** Rated conversations per language over the days counted, capped as the training set is. */
function cappedTotals(counts: RatedCounts): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { perLanguage } of Object.values(counts.days)) for (const [lang, n] of Object.entries(perLanguage)) totals.set(lang, (totals.get(lang) ?? 0) + n);
  for (const [lang, n] of totals) totals.set(lang, Math.min(n, MAX_RATED_ROWS_PER_LANGUAGE));
  return totals;
}

async function readRatedCounts(blobs: BlobStore): Promise<RatedCounts> {
  const bytes = await blobs.get(layout.sentimentRatedCounts());
  const value = bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as RatedCounts) : undefined;
  return value?.version === RATED_COUNTS_VERSION ? value : { version: RATED_COUNTS_VERSION, days: {} };
}

async function saveRatedCounts(blobs: BlobStore, before: RatedCounts, after: RatedCounts): Promise<void> {
  const body = JSON.stringify(after);
  if (body !== JSON.stringify(before)) await blobs.put(layout.sentimentRatedCounts(), body, 'application/json');
}

function changedEnough(previous: SentimentModel, perLanguage: Map<string, number>): boolean {
  const before = new Map(modelSummary(previous).map((l) => [l.language, l.trainedOn]));
  for (const [lang, n] of perLanguage) {
    const was = before.get(lang);
    if (was === undefined || Math.abs(n - was) > RETRAIN_CHANGE * Math.max(was, 1)) return true;
  }
  return false;
}

/** What the run record keeps of the stage: per language, training size, weight and cross-validated macro-F1. */
export function runRecordOf(r: SentimentModelResult): Record<string, unknown> {
  return { status: r.status, rated: r.rated, trainedAt: r.trainedAt, languages: r.languages.map((l) => ({ language: l.language, trainedOn: l.trainedOn, weight: l.weight, ...(l.rule ? { rule: l.rule } : {}), cv: l.cv })) };
}
