/** ANALYZE one day partition: every conversation of the day → one analysis row, replaced whole. */
import { analyseConversation, type AnalysedConversation } from '../core/conversation-analysis';
import { gzipJsonLines, readJsonLines } from '../core/jsonl';
import { assertDay, layout } from '../core/storage-layout';
import type { BlobInfo, BlobStore, Stores } from '../ports';
import { catalogueHash, loadCatalogue } from './catalogue';
import type { AnalysisManifest } from './discover';
import { joinRatings, listDayRatingParts, ratingPartsFor } from './ratings';
import { listDayParts, readDay } from './read-day';
import { loadKpiConfig, loadTaxonomy, settingsHash } from './settings';
import { compileTaxonomy, type Taxonomy, type TaxonomyMatcher } from '../core/taxonomy';
import type { ThemeCatalogue } from '../core/analysis';
import type { KpiConfig } from '../core/kpis';
import type { SentimentModel } from '../core/analysis/rating-model';
import { loadSentimentModel, sentimentModelId } from './sentiment-model';

/**
 * Bump when what analysis computes changes: every day is then re-analysed (and re-aggregated) on the next run.
 * 7: theme-day aggregates count unscored conversations apart from neutral.
 */
export const ANALYSIS_VERSION = 7;

/** What, besides the conversations and the catalogue, decides a day's analysis. */
export function analysisSettingsHash(kpiConfig: KpiConfig, taxonomy: Taxonomy | undefined, sentimentModel?: SentimentModel): string {
  return settingsHash({ v: ANALYSIS_VERSION, kpiConfig, taxonomy: taxonomy ?? null, ...(sentimentModel ? { sentimentModel: sentimentModelId(sentimentModel) } : {}) });
}

export interface AnalyzeResult {
  date: string;
  conversations: number;
  /** conversations given a rating exported apart from them */
  ratingsJoined: number;
  /** conversations in a language without a lexicon: labelled neutral, but not read (not a neutral opinion) */
  unscored: number;
  analysisKey: string;
}

/** What every day of a run is analysed against; loaded once per run (or per Lambda invocation). */
export interface AnalysisContext {
  catalogue: ThemeCatalogue | undefined;
  kpiConfig: KpiConfig;
  taxonomy: Taxonomy | undefined;
  matcher: TaxonomyMatcher;
  /** learned from this deployment's ratings (sentiment-model.ts), when a language has enough of them */
  sentimentModel?: SentimentModel;
}

export async function loadAnalysisContext(blobs: BlobStore): Promise<AnalysisContext> {
  const [catalogue, kpiConfig, taxonomy, sentimentModel] = await Promise.all([loadCatalogue(blobs), loadKpiConfig(blobs), loadTaxonomy(blobs), loadSentimentModel(blobs)]);
  return { catalogue, kpiConfig, taxonomy, matcher: compileTaxonomy(taxonomy), sentimentModel };
}

export async function analyzeDay(
  stores: Stores,
  options: {
    runId: string;
    date: string;
    now?: () => Date;
    context?: AnalysisContext;
    /** Every ratings/ part by day, when the caller listed them once for many days (else listed for this day). */
    ratingDays?: Map<string, BlobInfo[]>;
  },
): Promise<AnalyzeResult> {
  const { blobs } = stores;
  const date = assertDay(options.date);
  const [parts, ratingParts] = await Promise.all([
    listDayParts(blobs, date),
    options.ratingDays ? ratingPartsFor(date, options.ratingDays) : listDayRatingParts(blobs, date),
  ]);
  const { catalogue, kpiConfig, taxonomy, matcher, sentimentModel } = options.context ?? (await loadAnalysisContext(blobs));
  const { conversations, joined: ratingsJoined } = await joinRatings(blobs, await readDay(blobs, date, parts), ratingParts);
  const rows = conversations.map((c) => analyseConversation(c, catalogue, { kpiConfig, taxonomy: matcher, sentimentModel }));
  const unscored = rows.filter((r) => r.sentiment.unscored).length;
  const analysisKey = layout.analysisKey(date);
  await blobs.put(analysisKey, gzipJsonLines(rows), 'application/gzip');
  const manifest: AnalysisManifest = {
    date,
    runId: options.runId,
    catalogueHash: catalogueHash(catalogue),
    settingsHash: analysisSettingsHash(kpiConfig, taxonomy, sentimentModel),
    // Rating parts count as inputs too: ratings that arrive later make the day stale, so it is analysed again.
    inputs: [...parts, ...ratingParts].map((p) => ({ key: p.key, etag: p.etag })),
    conversations: rows.length,
    ratingsJoined,
    unscored,
    analysedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  // Written after the analysis itself: a crash in between leaves the day marked stale, not wrong.
  await blobs.put(layout.analysisManifest(date), JSON.stringify(manifest, null, 2), 'application/json');
  return { date, conversations: rows.length, ratingsJoined, unscored, analysisKey };
}

export async function readAnalysis(blobs: BlobStore, date: string): Promise<AnalysedConversation[]> {
  const stream = await blobs.stream(layout.analysisKey(date));
  if (!stream) return [];
  const rows: AnalysedConversation[] = [];
  for await (const row of readJsonLines(stream)) {
    if (row.error) throw new Error(`${layout.analysisKey(date)} line ${row.line}: ${row.error}`);
    rows.push(row.value as AnalysedConversation);
  }
  return rows;
}
