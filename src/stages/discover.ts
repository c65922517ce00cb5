/**
 * DISCOVER: themes over the recent window of conversations (30 days by default, ending at the
 * newest day with data on or before `asOf`), ids kept stable against the previous catalogue; then
 * the list of day partitions whose analysis is out of date, for the analyze fan-out.
 */
import type { ThemeCatalogue, ThemeDoc } from '../core/analysis';
import { conversationLanguage, themeDoc } from '../core/conversation-analysis';
import { themesOfWindow } from '../core/theme-window';
import { keys } from '../core/aggregation/keys';
import { addDays, layout } from '../core/storage-layout';
import type { BlobStore, Stores } from '../ports';
import { inputsSignature, readAnalysisManifest } from './analysis-manifest';
import { catalogueHash, saveCatalogue } from './catalogue';
import { analysisSettingsHash, loadAnalysisContext } from './analyze';
import { listRatingDays, ratingPartsFor } from './ratings';
import { listConversationDays, readDay } from './read-day';
import { settingsHash } from './settings';
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
}

export interface DiscoverResult {
  runId: string;
  catalogueKey: string;
  themes: number;
  window: { from: string; to: string } | null;
  conversations: number;
  partitionsKey: string;
  /** The first day with conversations on or before asOf: readers' ranges are bounded by it (and by window.to). */
  firstDay?: string;
  /** Days to analyse and aggregate, ascending (every day the fan-out touches). */
  partitions: string[];
  /** Of those, the days whose analysis is current and only aggregation is missing (a run stopped between the two). */
  aggregateOnly: string[];
}

/** themes/catalogue.inputs.json: what the catalogue in use was discovered from; written last, so it commits the discovery. */
interface CatalogueInputs {
  signature?: string;
  window?: { from: string; to: string } | null;
  conversations?: number;
  runId: string;
  /** catalogueHash of the catalogue it goes with (absent before this field existed: the catalogue is then taken as committed) */
  catalogueHash?: string;
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
  // Same window, same conversations, same taxonomy: the catalogue would come out the same, so it is
  // kept as it is. That makes a re-run of a night a no-op instead of a near-copy.
  // The product team's edits (docs/CURATION.md): a new edit makes the night discover again and apply it.
  const curation = await loadCurationState(table);
  const curationSignature = `${curation.history.length}:${curation.head ?? ''}`;
  const windowSignature = window
    ? settingsHash({ window, taxonomy: taxonomy ?? null, curation: curationSignature, parts: inputsSignature(eligible.filter((d) => d >= window.from).flatMap((d) => days.get(d)!.map((p) => ({ key: p.key, etag: p.etag })))) })
    : undefined;
  if (window && previous && committed && lastInputs?.signature === windowSignature) {
    conversations = lastInputs?.conversations ?? 0;
  } else if (window) {
    const docs: ThemeDoc[] = [];
    const windowDaysList = eligible.filter((d) => d >= window.from);
    let done = 0;
    for (const day of windowDaysList) {
      for (const c of await readDay(blobs, day, days.get(day))) {
        const doc = themeDoc(c, conversationLanguage(c));
        if (doc.messages.length) docs.push(doc);
      }
      options.onProgress?.({ day, done: ++done, total: windowDaysList.length });
    }
    // Themes an edit names keep their id on a smaller overlap, and come back with it after a night without them.
    const pinned = new Set(curation.touched.keys());
    const lastSeen = new Map([...(previous?.remembered ?? []), ...(previous?.themes ?? [])].map((t) => [t.id, { id: t.id, lang: t.lang, keyphrases: t.keyphrases }]));
    const remembered = [...pinned].flatMap((id) => (lastSeen.has(id) ? [lastSeen.get(id)!] : []));
    const found = themesOfWindow(docs, matcher, { previous, generatedAt: (options.now?.() ?? new Date()).toISOString(), curation, pinned, remembered });
    catalogue = found.catalogue;
    catalogue.window = window;
    const foundIds = new Set(catalogue.themes.map((t) => t.id));
    const missing = remembered.filter((t) => !foundIds.has(t.id));
    if (missing.length) catalogue.remembered = missing;
    const curatedThemes = found.themes.map((t) => curateThemeEntry(t, curation));
    found.areas = curateAreas(found.areas, curatedThemes, curation) as typeof found.areas;
    found.themes = curatedThemes;
    conversations = found.conversations;
    // The readers' entries first, the catalogue next, the inputs marker last (the commit): a discovery stopped
    // anywhere before the marker is done again from the same previous catalogue, so it comes out the same.
    await table.putMany([
      ...found.themes.map((t) => ({ ...keys.themeMeta(t.themeId), type: 'theme', ...t })),
      ...found.areas.map((a) => ({ ...keys.areaMeta(a.areaId), type: 'area', ...a })),
    ]);
    await saveCatalogue(blobs, catalogue, options.runId);
    const inputs: CatalogueInputs = { signature: windowSignature, window, conversations, runId: options.runId, catalogueHash: catalogueHash(catalogue) };
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
    partitionsKey,
    ...(eligible[0] ? { firstDay: eligible[0] } : {}),
    partitions,
    aggregateOnly,
  };
  await blobs.put(layout.runDiscover(options.runId), JSON.stringify(result, null, 2), 'application/json');
  return result;
}
