/**
 * DISCOVER: themes over the recent window of conversations (30 days by default, ending at the
 * newest day with data on or before `asOf`), ids kept stable against the previous catalogue; then
 * the list of day partitions whose analysis is out of date, for the analyze fan-out. The themes are
 * fitted again only when the window changed enough since the last fit (core/theme-refit.ts); otherwise
 * the catalogue is kept, its hash stays the same, and only the days with new data are analysed.
 */
import type { ThemeCatalogue, ThemeDoc } from '../core/analysis';
import { conversationLanguage, themeDoc } from '../core/conversation-analysis';
import { themesOfWindow } from '../core/theme-window';
import { WindowSample } from '../core/window-sample';
import {
  DISCOVERY_VERSION,
  daysBetween,
  changesSinceFit,
  describeFitDecision,
  newConversationsDecision,
  refitThresholds,
  structuralDecision,
  type CountedChange,
  type FitDay,
  type FitDecision,
  type FitRecord,
  type WindowState,
} from '../core/theme-refit';
import { keys } from '../core/aggregation/keys';
import { addDays, layout } from '../core/storage-layout';
import type { BlobInfo, BlobStore, Stores } from '../ports';
import { inputsSignature, readAnalysisManifest } from './analysis-manifest';
import { readPartRows } from './parts';
import { catalogueHash, saveCatalogue } from './catalogue';
import { analysisSettingsHash, loadAnalysisContext } from './analyze';
import { listRatingDays, ratingPartsFor } from './ratings';
import { listConversationDays, readDay } from './read-day';
import { loadDiscoverySettings, settingsHash } from './settings';
import { loadCurationState } from './curation';
import { curateAreas, curateThemeEntry } from '../core/curation/entries';
import { NO_CURATION_FINGERPRINT } from '../core/curation/splits';
import { dayManifests, isAggregated } from './day-state';

export interface DiscoverOptions {
  runId: string;
  asOf: string;
  windowDays?: number;
  now?: () => Date;
  onProgress?: (p: { day: string; done: number; total: number }) => void;
  /** Fit the themes again whatever the window (voc run --refit). */
  refit?: boolean;
}

/** How the catalogue in use tonight came about: fitted now, or kept from an earlier night (core/theme-refit.ts). */
export interface ThemeFit extends FitDecision {
  /** what the decision was, in words (kept: what was measured against which thresholds) */
  summary: string;
  /** the run that fitted the catalogue in use, when, and on which window */
  fittedBy?: string;
  fittedAt?: string;
  fittedWindow?: { from: string; to: string } | null;
}

export interface DiscoverResult {
  runId: string;
  catalogueKey: string;
  themes: number;
  window: { from: string; to: string } | null;
  /** Conversations the catalogue in use was fitted on (with something to theme). */
  conversations: number;
  /** Conversations discovery read tonight: the whole window when it fitted, the new days when it only counted them. */
  conversationsRead: number;
  fit: ThemeFit;
  partitionsKey: string;
  /** The first day with conversations on or before asOf: readers' ranges are bounded by it (and by window.to). */
  firstDay?: string;
  /** Days to analyse and aggregate, ascending (every day the fan-out touches). */
  partitions: string[];
  /** Of those, the days whose analysis is current and only aggregation is missing (a run stopped between the two). */
  aggregateOnly: string[];
}

/**
 * themes/catalogue.inputs.json: what the catalogue in use was fitted on (each day's parts and conversations, the
 * taxonomy, the edits); written last, so it commits the discovery, and read by the next nights to decide whether to
 * fit again. A night that keeps the catalogue leaves it as it is.
 */
interface CatalogueInputs extends FitRecord {
  /** conversations the fit themed */
  conversations?: number;
  /** the run that fitted it */
  runId: string;
  /** catalogueHash of the catalogue it goes with (absent before this field existed: the catalogue is then taken as committed) */
  catalogueHash?: string;
}

/** A part as a fit records it: a rewritten part (same key, new etag) is another part. */
function partId(part: { key: string; etag?: string }): string {
  return `${part.key}@${part.etag ?? ''}`;
}

/** Conversations in some parts (an overlapping export's newer versions count too: they are changes). */
async function countRows(blobs: BlobStore, parts: BlobInfo[]): Promise<number> {
  let n = 0;
  for await (const _row of readPartRows(blobs, parts)) n++;
  return n;
}

/**
 * The structural reasons first (nothing read); then the share of new conversations, reading only what changed since
 * the fit to count it: the parts the fit did not read (a new export's), or a whole day whose parts were rewritten or
 * removed. `read`: the conversations read to count.
 */
async function decideFit(
  blobs: BlobStore,
  days: Map<string, BlobInfo[]>,
  fitted: CatalogueInputs | undefined,
  state: WindowState,
  context: { forced: boolean; catalogue: 'committed' | 'missing' | 'unfinished'; thresholds: ReturnType<typeof refitThresholds> },
): Promise<{ decision: FitDecision; read: number }> {
  const structural = structuralDecision(fitted, state, { ...context, windowMovedDays: context.thresholds.windowMovedDays });
  if (structural || !fitted?.days || !fitted.window) return { decision: structural ?? { refit: true, reason: 'no-record' }, read: 0 };
  const changed = new Map<string, CountedChange>();
  let read = 0;
  for (const change of changesSinceFit(fitted, state)) {
    const parts = days.get(change.day)!;
    if (change.whole) {
      const total = (await readDay(blobs, change.day, parts)).length;
      changed.set(change.day, { fresh: total, total });
      read += total;
    } else {
      const fresh = await countRows(blobs, parts.filter((p) => change.newParts.includes(partId(p))));
      changed.set(change.day, { fresh, total: fitted.days[change.day]!.conversations + fresh });
      read += fresh;
    }
  }
  const moved = daysBetween(fitted.window.to, state.window.to);
  return { decision: newConversationsDecision(fitted, state, changed, context.thresholds.newConversationsShare, moved), read };
}

async function readJson<T>(blobs: BlobStore, key: string): Promise<T | undefined> {
  const bytes = await blobs.get(key);
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as T) : undefined;
}

export const DEFAULT_WINDOW_DAYS = 30;

export async function discover(stores: Stores, options: DiscoverOptions): Promise<DiscoverResult> {
  const { blobs, table } = stores;
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const days = await listConversationDays(blobs);
  const eligible = [...days.keys()].filter((d) => d <= options.asOf);
  const to = eligible[eligible.length - 1];
  const window = to ? { from: addDays(to, -(windowDays - 1)), to } : null;
  const windowDaysList = window ? eligible.filter((d) => d >= window.from) : [];

  const { catalogue: current, taxonomy, matcher, kpiConfig, sentimentModel } = await loadAnalysisContext(blobs);
  // catalogue.inputs.json is written last and names the catalogue it goes with: a catalogue.json it does not name
  // was left by a discovery that stopped half way, so the one to keep ids stable against is the last committed one.
  const lastInputs = await readJson<CatalogueInputs>(blobs, layout.catalogueInputs());
  // No marker at all beside a catalogue: the first discovery stopped half way, so there is no previous one. A marker
  // without a hash was written before the hash was recorded: its catalogue is taken as committed.
  const committed = !current || (lastInputs !== undefined && (!lastInputs.catalogueHash || lastInputs.catalogueHash === catalogueHash(current)));
  const previous = committed ? current : lastInputs ? await readJson<ThemeCatalogue>(blobs, layout.catalogueHistory(lastInputs.runId)) : undefined;
  let catalogue: ThemeCatalogue | undefined = previous;
  let conversations = 0;
  let conversationsRead = 0;
  // The product team's edits (docs/CURATION.md): a new edit makes the night fit again and apply it.
  const curation = await loadCurationState(table);
  const thresholds = refitThresholds(await loadDiscoverySettings(blobs));
  const state: WindowState | undefined = window
    ? {
        window,
        windowDays,
        taxonomy: settingsHash(taxonomy ?? null),
        curation: `${curation.history.length}:${curation.head ?? ''}`,
        days: Object.fromEntries(windowDaysList.map((d) => [d, days.get(d)!.map(partId).sort()])),
      }
    : undefined;
  let decision: FitDecision = { refit: false };
  if (state) {
    // Fit again, or keep the catalogue in use and let analysis theme the new days with it (core/theme-refit.ts)?
    const catalogueState = !current ? 'missing' : committed ? 'committed' : 'unfinished';
    const decided = await decideFit(blobs, days, lastInputs, state, { forced: options.refit === true, catalogue: catalogueState, thresholds });
    decision = decided.decision;
    conversationsRead += decided.read;
  }
  if (state && !decision.refit) {
    conversations = lastInputs?.conversations ?? 0;
  } else if (state && window) {
    // A bounded sample per language (core/window-sample.ts): the whole window under 12,000 conversations a language.
    const sample = new WindowSample<ThemeDoc>();
    const fitDays: Record<string, FitDay> = {};
    let done = 0;
    for (const day of windowDaysList) {
      const read = await readDay(blobs, day, days.get(day));
      fitDays[day] = { parts: state.days[day]!, conversations: read.length };
      conversationsRead += read.length;
      for (const c of read) {
        const doc = themeDoc(c, conversationLanguage(c));
        if (doc.messages.length) sample.add(doc, doc.id, doc.lang);
      }
      options.onProgress?.({ day, done: ++done, total: windowDaysList.length });
    }
    // Themes an edit names keep their id on a smaller overlap, and come back with it after a night without them.
    const pinned = new Set(curation.touched.keys());
    const lastSeen = new Map([...(previous?.remembered ?? []), ...(previous?.themes ?? [])].map((t) => [t.id, { id: t.id, lang: t.lang, keyphrases: t.keyphrases }]));
    const remembered = [...pinned].flatMap((id) => (lastSeen.has(id) ? [lastSeen.get(id)!] : []));
    const docs = sample.items();
    const sampled = sample.counts;
    const found = themesOfWindow(docs, matcher, { previous, generatedAt: (options.now?.() ?? new Date()).toISOString(), curation, pinned, remembered });
    catalogue = found.catalogue;
    catalogue.window = window;
    const foundIds = new Set(catalogue.themes.map((t) => t.id));
    const missing = remembered.filter((t) => !foundIds.has(t.id));
    if (missing.length) catalogue.remembered = missing;
    const curatedThemes = found.themes.map((t) => curateThemeEntry(t, curation));
    found.areas = curateAreas(found.areas, curatedThemes, curation) as typeof found.areas;
    found.themes = curatedThemes;
    // Over a sample, the window's conversations with something to theme are estimated from the sample's share.
    conversations = sampled.kept < sampled.seen ? Math.round((found.conversations * sampled.seen) / sampled.kept) : found.conversations;
    if (sampled.kept < sampled.seen) catalogue.sampled = sampled;
    // The readers' entries first, the catalogue next, the inputs marker last (the commit): a discovery stopped
    // anywhere before the marker is done again from the same previous catalogue, so it comes out the same.
    await table.putMany([
      ...found.themes.map((t) => ({ ...keys.themeMeta(t.themeId), type: 'theme', ...t })),
      ...found.areas.map((a) => ({ ...keys.areaMeta(a.areaId), type: 'area', ...a })),
    ]);
    await saveCatalogue(blobs, catalogue, options.runId);
    const inputs: CatalogueInputs = {
      version: DISCOVERY_VERSION,
      runId: options.runId,
      window,
      windowDays,
      conversations,
      catalogueHash: catalogueHash(catalogue),
      taxonomy: state.taxonomy,
      curation: state.curation,
      days: fitDays,
    };
    await blobs.put(layout.catalogueInputs(), JSON.stringify(inputs), 'application/json');
  }

  // Which days need (re)analysis, or only their aggregation (its last attempt did not finish: day-state.ts).
  const hash = catalogueHash(catalogue);
  const settings = analysisSettingsHash(kpiConfig, taxonomy, sentimentModel);
  const partitions: string[] = [];
  const aggregateOnly: string[] = [];
  const ratingDays = await listRatingDays(blobs);
  const aggregates = await dayManifests(table, [...days.keys()]);
  for (const [day, parts] of days) {
    const manifest = await readAnalysisManifest(blobs, day);
    // The same inputs analyzeDay records: the day's conversation parts and the rating parts that can rate them.
    const current = inputsSignature([...parts, ...ratingPartsFor(day, ratingDays)].map((p) => ({ key: p.key, etag: p.etag })));
    // New conversations or new settings: re-analyse the day wherever it is. A new catalogue only
    // within the window it was discovered on: older days keep their themes, whose ids persist by
    // content, so history is not re-processed every night (docs/STORAGE.md).
    const inWindow = window !== null && day >= window.from && day <= window.to;
    // An edit reaches every day, history included (only the rows it touches change: analyze.ts recurateDay).
    const curated = (manifest?.curation ?? NO_CURATION_FINGERPRINT) !== (catalogue?.curation?.fingerprint ?? NO_CURATION_FINGERPRINT);
    const stale =
      !manifest || manifest.settingsHash !== settings || inputsSignature(manifest.inputs) !== current || (inWindow && manifest.catalogueHash !== hash) || curated;
    if (stale) partitions.push(day);
    else if (!isAggregated(manifest, aggregates.get(day))) {
      partitions.push(day);
      aggregateOnly.push(day);
    }
  }
  const partitionsKey = layout.runPartitions(options.runId);
  const only = new Set(aggregateOnly);
  // The Distributed Map's items: `analyse: false` goes straight to Aggregate (lib/pipeline.ts).
  await blobs.put(partitionsKey, JSON.stringify(partitions.map((date) => ({ date, analyse: !only.has(date) }))), 'application/json');
  const result: DiscoverResult = {
    runId: options.runId,
    catalogueKey: layout.catalogue(),
    themes: catalogue?.themes.length ?? 0,
    window,
    conversations,
    conversationsRead,
    fit: themeFit(decision, thresholds, decision.refit ? { runId: options.runId, fittedAt: catalogue?.generatedAt, window } : { runId: lastInputs?.runId, fittedAt: previous?.generatedAt, window: lastInputs?.window ?? previous?.window }),
    partitionsKey,
    ...(eligible[0] ? { firstDay: eligible[0] } : {}),
    partitions,
    aggregateOnly,
  };
  await blobs.put(layout.runDiscover(options.runId), JSON.stringify(result, null, 2), 'application/json');
  return result;
}

function themeFit(decision: FitDecision, thresholds: ReturnType<typeof refitThresholds>, fitted: { runId?: string; fittedAt?: string; window?: { from: string; to: string } | null }): ThemeFit {
  return {
    ...decision,
    summary: describeFitDecision(decision, thresholds),
    ...(fitted.runId ? { fittedBy: fitted.runId } : {}),
    ...(fitted.fittedAt ? { fittedAt: fitted.fittedAt } : {}),
    ...(fitted.window !== undefined ? { fittedWindow: fitted.window } : {}),
  };
}
