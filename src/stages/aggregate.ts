/**
 * AGGREGATE one day: recompute the day's theme × segment rows from its analysis and replace them.
 * Without transactions (dynalite has none, and none are needed), a day manifest lists the row keys
 * the day owns, written as the union of old and new before the rows change, so a retry after any
 * crash still finds and removes rows that a re-run no longer produces. New keys enter that union
 * with an empty hash, so a crash before they are written makes the retry write them.
 *
 * The manifest's last write names the analysis the rows were made from (`analysisId`, with `pending: false`):
 * that is what marks the day done (day-state.ts). Until then discovery lists the day again, every night.
 */
import { createHash } from 'node:crypto';
import { aggregateDay } from '../core/aggregation/aggregate';
import { segmentDayItemsWithJson } from '../core/aggregation/segment-day';
import { keys } from '../core/aggregation/keys';
import { assertDay, layout } from '../core/storage-layout';
import type { Stores, TableKey } from '../ports';
import { readAnalysis } from './analysis-file';
import { analysisIdOf } from './day-state';
import { readAnalysisManifest } from './analysis-manifest';
import type { AnalysedConversation } from '../core/conversation-analysis';
import { conversationIndexOfDay } from '../core/conversations/index-items';
import { writeDayThreads } from './conversation-threads';

export interface AggregateResult {
  date: string;
  /** Segment × day aggregate items the day holds. */
  items: number;
  /** Conversations-index items the day holds: its list items (per theme) and one thread per conversation. */
  indexItems: number;
  /** Rows actually written: new or changed since the last aggregation of the day. */
  written: number;
  removed: number;
}

const keyString = (k: TableKey) => `${k.PK}\u0000${k.SK}`;
const parseKey = (s: string): TableKey => {
  const [PK, SK] = s.split('\u0000') as [string, string];
  return { PK, SK };
};

export async function aggregateDayStage(
  stores: Stores,
  options: {
    runId: string;
    date: string;
    /** The day's analysis when the caller has it in hand (the local run analyses and aggregates in one go); read from analysis/ otherwise. */
    rows?: AnalysedConversation[];
    /** The id of that analysis (AnalyzeResult.analysisId); read from its manifest otherwise. */
    analysisId?: string;
  },
): Promise<AggregateResult> {
  const { blobs, table } = stores;
  const date = assertDay(options.date);
  // The manifest first: rows read after it are that analysis or a newer one, never an older one named as newer.
  const analysisManifest = options.analysisId ? undefined : await readAnalysisManifest(blobs, date);
  if (!options.analysisId && !analysisManifest) throw new Error(`day ${date} has no analysis yet (${layout.analysisManifest(date)} is missing): analyse it before aggregating`);
  const analysisId = options.analysisId ?? analysisIdOf(analysisManifest!);
  const rows = options.rows ?? (await readAnalysis(blobs, date));
  const aggregates = segmentDayItemsWithJson(aggregateDay(date, rows));
  // The conversations index rides on the same day manifest: its list items are rows of the day like the aggregates.
  const index = conversationIndexOfDay(date, rows);
  const built = [...aggregates, ...index.lists];
  const items = built.map(({ item }) => item);
  const manifestKey = keys.dayManifest(date);
  const manifest = await table.get(manifestKey);
  // The manifest remembers a content hash per row: unchanged rows are not written again, which is
  // most of them on a re-run and most of the DynamoDB bill (docs/DEPLOY.md).
  const previous = (manifest?.rows as Record<string, string> | undefined) ?? Object.fromEntries(((manifest?.keys as string[] | undefined) ?? []).map((k) => [k, '']));
  const next: Record<string, string> = {};
  for (const { item, json } of built) next[keyString(item)] = hashOf(json);
  const stale = Object.keys(previous).filter((k) => !(k in next));
  const changed = items.filter((item) => previous[keyString(item)] !== next[keyString(item)]);

  // While pending, a row about to change has no known hash: if this attempt dies half way, the next one rewrites it
  // whatever it then holds (even content equal to the old hash).
  const pending = { ...previous, ...Object.fromEntries(Object.keys(next).map((k) => [k, previous[k] === next[k] ? next[k]! : ''])) };
  await table.putMany([{ ...manifestKey, type: 'day-manifest', day: date, rows: pending, pending: true }]);
  // Threads before the list rows that carry their hashes (conversation-threads.ts).
  const threads = await writeDayThreads(table, date, index.threads, index.lists.map(({ item }) => item));
  await table.putMany(changed);
  // The segments seen so far (team:…, channel:…): lets readers list teams without scanning.
  // Written once per segment, not once per day: a read costs a fifth of a write, and most days see no new segment.
  const segments = [...new Set(changed.flatMap((i) => (i.type === 'segment-day' ? [i.segment as string] : [])))];
  const known = await table.getMany(segments.map((segment) => keys.segment(segment)));
  await table.putMany(segments.filter((_, i) => !known[i]).map((segment) => ({ ...keys.segment(segment), type: 'segment', segment })));
  await table.deleteMany(stale.map(parseKey));
  await table.putMany([{ ...manifestKey, type: 'day-manifest', day: date, rows: next, pending: false, analysisId }]);
  return {
    date,
    items: aggregates.length,
    indexItems: index.lists.length + index.threads.length,
    written: changed.length + threads.written,
    removed: stale.length + threads.removed,
  };
}

/** A row's content hash: of its JSON (the same as JSON.stringify of the item). */
function hashOf(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 16);
}
