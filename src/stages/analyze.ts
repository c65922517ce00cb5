/** ANALYZE one day partition: every conversation of the day → one analysis row, replaced whole. */
import { createHash } from 'node:crypto';
import { analyseConversation, catalogueParts, type AnalysedConversation } from '../core/conversation-analysis';
import { gzipJsonLines } from '../core/jsonl';
import { assertDay, layout } from '../core/storage-layout';
import type { BlobInfo, BlobStore, Stores } from '../ports';
import { catalogueHash, loadCatalogue } from './catalogue';
import { inputsSignature, readAnalysisManifest, type AnalysisManifest } from './discover';
import { joinRatings, listDayRatingParts, ratingPartsFor } from './ratings';
import { listDayParts, readDay } from './read-day';
import { loadKpiConfig, loadTaxonomy, settingsHash } from './settings';
import { compileTaxonomy, type Taxonomy, type TaxonomyMatcher } from '../core/taxonomy';
import type { ThemeCatalogue } from '../core/analysis';
import type { KpiConfig } from '../core/kpis';
import type { SentimentModel } from '../core/analysis/rating-model';
import { loadSentimentModel, sentimentModelId } from './sentiment-model';
import { readAnalysis } from './analysis-file';
export { readAnalysis };

/**
 * Bump when what analysis computes changes: every day is then re-analysed (and re-aggregated) on the next run.
 * 7: quotes with words few customers used masked; aggregates stored per segment × day (old rows removed as each day
 * is redone). 8: aggregates count unscored conversations apart from neutral. 9: each conversation's readable thread
 * and search words (the conversations index).
 */
export const ANALYSIS_VERSION = 9;

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
  /** The analysis' content hash (also in its manifest): aggregation records it to mark the day done (day-state.ts). */
  analysisId: string;
  /** Only the catalogue had changed: the stored rows were given their themes again (rethemeDay). */
  rethemed?: boolean;
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
    /** Return the analysed rows too, for a caller that aggregates them next (so they are not read back). */
    keepRows?: boolean;
  },
): Promise<AnalyzeResult & { rows?: AnalysedConversation[] }> {
  const { blobs } = stores;
  const date = assertDay(options.date);
  const [parts, ratingParts] = await Promise.all([
    listDayParts(blobs, date),
    options.ratingDays ? ratingPartsFor(date, options.ratingDays) : listDayRatingParts(blobs, date),
  ]);
  const { catalogue, kpiConfig, taxonomy, matcher, sentimentModel } = options.context ?? (await loadAnalysisContext(blobs));
  const inputs = [...parts, ...ratingParts].map((p) => ({ key: p.key, etag: p.etag }));
  const settings = analysisSettingsHash(kpiConfig, taxonomy, sentimentModel);
  const { rows, ratingsJoined, rethemed } =
    (await rethemeDay(blobs, { date, parts, inputs, settings, catalogue, matcher })) ??
    (await (async () => {
      const { conversations, joined } = await joinRatings(blobs, await readDay(blobs, date, parts), ratingParts);
      return { rows: conversations.map((c) => analyseConversation(c, catalogue, { kpiConfig, taxonomy: matcher, sentimentModel })), ratingsJoined: joined, rethemed: false };
    })());
  const unscored = rows.filter((r) => r.sentiment.unscored).length;
  const analysisKey = layout.analysisKey(date);
  const bytes = gzipJsonLines(rows);
  const analysisId = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
  await blobs.put(analysisKey, bytes, 'application/gzip');
  const manifest: AnalysisManifest = {
    date,
    runId: options.runId,
    analysisId,
    catalogueHash: catalogueHash(catalogue),
    settingsHash: settings,
    // Rating parts count as inputs too: ratings that arrive later make the day stale, so it is analysed again.
    inputs,
    conversations: rows.length,
    ratingsJoined,
    unscored,
    analysedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  // Written after the analysis itself: a crash in between leaves the day marked stale, not wrong.
  await blobs.put(layout.analysisManifest(date), JSON.stringify(manifest, null, 2), 'application/json');
  return { date, conversations: rows.length, ratingsJoined, unscored, analysisKey, analysisId, rethemed, ...(options.keepRows ? { rows } : {}) };
}

/**
 * A day whose conversations, ratings and settings are what its last analysis saw, and only the catalogue
 * changed (every night, inside the discovery window): the catalogue decides only each conversation's theme and
 * quote (catalogueParts), so the stored rows get those again instead of a whole new analysis, which is most of
 * the cost of a night. The rows come out as a whole analysis would make them. Undefined when this does not apply.
 */
async function rethemeDay(
  blobs: BlobStore,
  day: { date: string; parts: BlobInfo[]; inputs: { key: string; etag?: string }[]; settings: string; catalogue: ThemeCatalogue | undefined; matcher: TaxonomyMatcher },
): Promise<{ rows: AnalysedConversation[]; ratingsJoined: number; rethemed: true } | undefined> {
  const before = await readAnalysisManifest(blobs, day.date);
  if (!before || before.settingsHash !== day.settings || inputsSignature(before.inputs) !== inputsSignature(day.inputs)) return undefined;
  const [previous, conversations] = await Promise.all([readAnalysis(blobs, day.date), readDay(blobs, day.date, day.parts)]);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  if (previous.length !== conversations.length || previous.some((r) => !byId.has(r.id))) return undefined;
  const rows = previous.map((r) => {
    const { thread: _previous, ...rest } = r;
    const { theme, quote, quoteScore, thread } = catalogueParts(byId.get(r.id)!, r.language, r.messages, day.catalogue, day.matcher);
    return { ...rest, theme, quote, quoteScore, ...(thread ? { thread } : {}) };
  });
  return { rows, ratingsJoined: before.ratingsJoined ?? 0, rethemed: true };
}
