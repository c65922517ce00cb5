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
import { catalogueHash, saveCatalogue } from './catalogue';
import { analysisSettingsHash, loadAnalysisContext } from './analyze';
import { listRatingDays, ratingPartsFor } from './ratings';
import { listConversationDays, readDay } from './read-day';
import { settingsHash } from './settings';
import { loadCurationState } from './curation';
import { curateAreas, curateThemeEntry } from '../core/curation/entries';
import { NO_CURATION_FINGERPRINT } from '../core/curation/splits';

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
  partitions: string[];
}

export interface AnalysisManifest {
  date: string;
  runId: string;
  catalogueHash: string;
  /** Analysis version and KPI settings the day was analysed with. */
  settingsHash?: string;
  inputs: { key: string; etag?: string }[];
  conversations: number;
  /** conversations given a rating exported apart from them (docs/SCHEMA.md) */
  ratingsJoined?: number;
  /** conversations in a language without a lexicon (sentiment not read) */
  unscored?: number;
  /** the curation fingerprint the rows reflect (core/curation/splits.ts; absent = none) */
  curation?: string;
  /** every theme id the rows hold (discovered and, where a split moved one, curated) */
  themes?: string[];
  /** rows a split moved */
  curated?: number;
  analysedAt: string;
}

export const DEFAULT_WINDOW_DAYS = 30;

export async function readAnalysisManifest(blobs: BlobStore, day: string): Promise<AnalysisManifest | undefined> {
  const bytes = await blobs.get(layout.analysisManifest(day));
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as AnalysisManifest) : undefined;
}

export function inputsSignature(inputs: { key: string; etag?: string }[]): string {
  return inputs.map((i) => `${i.key}@${i.etag ?? ''}`).sort().join('|');
}

export async function discover(stores: Stores, options: DiscoverOptions): Promise<DiscoverResult> {
  const { blobs, table } = stores;
  const windowDays = options.windowDays ?? DEFAULT_WINDOW_DAYS;
  const days = await listConversationDays(blobs);
  const eligible = [...days.keys()].filter((d) => d <= options.asOf);
  const to = eligible[eligible.length - 1];
  const window = to ? { from: addDays(to, -(windowDays - 1)), to } : null;

  const { catalogue: previous, taxonomy, matcher, kpiConfig, sentimentModel } = await loadAnalysisContext(blobs);
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
  const lastInputs = await blobs.get(layout.catalogueInputs()).then((b) => (b ? (JSON.parse(Buffer.from(b).toString('utf8')) as { signature?: string; conversations?: number }) : undefined));
  if (window && previous && lastInputs?.signature === windowSignature) {
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
    await saveCatalogue(blobs, catalogue, options.runId);
    await blobs.put(layout.catalogueInputs(), JSON.stringify({ signature: windowSignature, window, conversations, runId: options.runId }), 'application/json');
    // One entry per theme (discovered, defined and «other») and per area, for the readers.
    await table.putMany([
      ...found.themes.map((t) => ({ ...keys.themeMeta(t.themeId), type: 'theme', ...t })),
      ...found.areas.map((a) => ({ ...keys.areaMeta(a.areaId), type: 'area', ...a })),
    ]);
  }

  // Which days need (re)analysis.
  const hash = catalogueHash(catalogue);
  const settings = analysisSettingsHash(kpiConfig, taxonomy, sentimentModel);
  const partitions: string[] = [];
  const ratingDays = await listRatingDays(blobs);
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
  }
  const partitionsKey = layout.runPartitions(options.runId);
  await blobs.put(partitionsKey, JSON.stringify(partitions.map((date) => ({ date }))), 'application/json');
  const result: DiscoverResult = {
    runId: options.runId,
    catalogueKey: layout.catalogue(),
    themes: catalogue?.themes.length ?? 0,
    window,
    conversations,
    partitionsKey,
    partitions,
  };
  await blobs.put(layout.runDiscover(options.runId), JSON.stringify(result, null, 2), 'application/json');
  return result;
}
