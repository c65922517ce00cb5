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
import type { BlobStore, Stores } from '../ports';
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

async function learn(blobs: BlobStore, options: { runId: string; asOf: string; now?: () => Date }): Promise<SentimentModelResult> {
  const from = addDays(options.asOf, -(SENTIMENT_TRAINING_DAYS - 1));
  const days = [...(await listConversationDays(blobs))].filter(([d]) => d >= from && d <= options.asOf).sort(([a], [b]) => b.localeCompare(a));
  const ratingDays = await listRatingDays(blobs);
  const rated: RatedText[] = [];
  const perLanguage = new Map<string, number>();
  for (const [day, parts] of days) {
    const { conversations } = await joinRatings(blobs, await readDay(blobs, day, parts), ratingPartsFor(day, ratingDays));
    for (const c of conversations) {
      if (c.csat === undefined) continue;
      const text = customerText(c);
      if (!text) continue;
      const lang = conversationLanguage(c);
      const kept = perLanguage.get(lang) ?? 0;
      if (kept >= MAX_RATED_ROWS_PER_LANGUAGE) continue;
      perLanguage.set(lang, kept + 1);
      rated.push({ text, lang, csat: c.csat });
    }
  }
  const previous = await loadSentimentModel(blobs);
  if (previous && !changedEnough(previous, perLanguage)) {
    return { status: 'kept', rated: rated.length, trainedAt: previous.trainedAt, languages: modelSummary(previous) };
  }
  const model = trainSentimentModel(rated, { now: options.now?.() ?? new Date(), inputs: options.runId });
  const languages = modelSummary(model);
  if (!languages.some((l) => l.weight > 0) && !previous) return { status: 'none', rated: rated.length, languages };
  await blobs.put(layout.sentimentModel(), JSON.stringify(model), 'application/json');
  return { status: 'trained', rated: rated.length, trainedAt: model.trainedAt, languages };
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
