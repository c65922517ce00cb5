/** ANALYZE one day partition: every conversation of the day → one analysis row, replaced whole. */
import { createHash } from 'node:crypto';
import { analyseConversation, catalogueParts, themeDoc, type AnalysedConversation } from '../core/conversation-analysis';
import { reasonUnder } from '../core/analysis';
import { themeLanguage } from '../core/analysis/themes';
import { curateTheme, NO_CURATION_FINGERPRINT, themesSplitsTouch } from '../core/curation/splits';
import { resolveMerges } from '../core/curation/edits';
import type { Conversation } from '../core/schema/conversation';
import { gzipJsonLines } from '../core/jsonl';
import { assertDay, layout } from '../core/storage-layout';
import type { BlobInfo, BlobStore, Stores } from '../ports';
import { catalogueHash, loadCatalogue } from './catalogue';
import { inputsSignature, readAnalysisManifest, type AnalysisManifest } from './analysis-manifest';
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
  const day = { date, parts, inputs, settings, catalogue, matcher };
  const { rows, ratingsJoined, rethemed } =
    (await redoThemesOnly(blobs, day)) ??
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
    ...curationRecord(rows, catalogue),
    analysedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  // Written after the analysis itself: a crash in between leaves the day marked stale, not wrong.
  await blobs.put(layout.analysisManifest(date), JSON.stringify(manifest, null, 2), 'application/json');
  return { date, conversations: rows.length, ratingsJoined, unscored, analysisKey, analysisId, rethemed, ...(options.keepRows ? { rows } : {}) };
}

type DayInputs = { date: string; parts: BlobInfo[]; inputs: { key: string; etag?: string }[]; settings: string; catalogue: ThemeCatalogue | undefined; matcher: TaxonomyMatcher };

/**
 * A day whose conversations, ratings and settings are what its last analysis saw: only what the catalogue decides
 * can change, so the stored rows are reused. Inside the window the catalogue was discovered on, the rows get their
 * themes and quotes again (rethemeDay); outside it a day keeps the themes it was given and only the product team's
 * splits are applied again (recurateDay). Undefined when the day must be analysed whole.
 */
async function redoThemesOnly(blobs: BlobStore, day: DayInputs): Promise<{ rows: AnalysedConversation[]; ratingsJoined: number; rethemed: true } | undefined> {
  const before = await readAnalysisManifest(blobs, day.date);
  if (!before || before.settingsHash !== day.settings || inputsSignature(before.inputs) !== inputsSignature(day.inputs)) return undefined;
  const window = day.catalogue?.window;
  const outside = window !== undefined && (day.date < window.from || day.date > window.to);
  return outside ? recurateDay(blobs, day, before) : rethemeDay(blobs, day, before);
}

/** The stored rows and the day's conversations by id, or undefined when they no longer correspond one to one. */
async function storedRows(blobs: BlobStore, day: DayInputs): Promise<{ previous: AnalysedConversation[]; byId: Map<string, Conversation> } | undefined> {
  const [previous, conversations] = await Promise.all([readAnalysis(blobs, day.date), readDay(blobs, day.date, day.parts)]);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  if (previous.length !== conversations.length || previous.some((r) => !byId.has(r.id))) return undefined;
  return { previous, byId };
}

/** A row with the catalogue's parts set again (a split's discoveredTheme only where a split moved it). */
function withCatalogueParts(r: AnalysedConversation, parts: ReturnType<typeof catalogueParts>): AnalysedConversation {
  const { discoveredTheme: _previous, thread: _thread, ...row } = r;
  return { ...row, theme: parts.theme, ...(parts.discoveredTheme ? { discoveredTheme: parts.discoveredTheme } : {}), quote: parts.quote, quoteScore: parts.quoteScore, ...(parts.thread ? { thread: parts.thread } : {}) };
}

/**
 * Inside the discovery window, when only the catalogue changed (every night): the catalogue decides only each
 * conversation's theme and quote (catalogueParts), so the stored rows get those again instead of a whole new
 * analysis, which is most of the cost of a night. The rows come out as a whole analysis would make them.
 */
async function rethemeDay(blobs: BlobStore, day: DayInputs, before: AnalysisManifest): Promise<{ rows: AnalysedConversation[]; ratingsJoined: number; rethemed: true } | undefined> {
  const stored = await storedRows(blobs, day);
  if (!stored) return undefined;
  const rows = stored.previous.map((r) => withCatalogueParts(r, catalogueParts(stored.byId.get(r.id)!, r.language, r.messages, day.catalogue, day.matcher)));
  return { rows, ratingsJoined: before.ratingsJoined ?? 0, rethemed: true };
}

/**
 * Outside the window a day keeps the themes discovery gave it (ids persist by content, so timelines stay joined);
 * only the product team's edits are applied to them again (curateTheme), so an edit or its undo reaches history
 * too. The conversations are read only when a split could move one of the day's rows.
 */
async function recurateDay(blobs: BlobStore, day: DayInputs, before: AnalysisManifest): Promise<{ rows: AnalysedConversation[]; ratingsJoined: number; rethemed: true } | undefined> {
  const curation = day.catalogue?.curation;
  const touched = themesSplitsTouch(curation);
  const previous = await readAnalysis(blobs, day.date);
  const base = (r: AnalysedConversation) => r.discoveredTheme ?? r.theme;
  const needsText = previous.some((r) => touched.has(resolveMerges(curation?.merges ?? {}, base(r).id)));
  const stored = needsText ? await storedRows(blobs, day) : undefined;
  if (needsText && !stored) return undefined;
  const rows = previous.map((r) => {
    const discovered = base(r);
    const docOf = () => {
      const doc = themeDoc(stored!.byId.get(r.id)!, r.language);
      return { lang: themeLanguage(doc), reason: reasonUnder(doc, day.catalogue) };
    };
    const theme = curateTheme(discovered, docOf, curation);
    const { discoveredTheme: _previous, ...row } = r;
    const curated = theme.id !== discovered.id || theme.label !== discovered.label;
    return { ...row, theme: { id: theme.id, label: theme.label }, ...(curated ? { discoveredTheme: discovered } : {}) };
  });
  return { rows, ratingsJoined: before.ratingsJoined ?? 0, rethemed: true };
}

/** What the analysis manifest records about curation: which curation the rows reflect, and which themes they hold. */
function curationRecord(rows: AnalysedConversation[], catalogue: ThemeCatalogue | undefined): Pick<AnalysisManifest, 'curation' | 'themes' | 'curated'> {
  const themes = new Set<string>();
  let curated = 0;
  for (const r of rows) {
    themes.add(r.theme.id);
    if (r.discoveredTheme) {
      themes.add(r.discoveredTheme.id);
      curated++;
    }
  }
  return { curation: catalogue?.curation?.fingerprint ?? NO_CURATION_FINGERPRINT, themes: [...themes].sort(), curated };
}
