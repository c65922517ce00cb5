/**
 * AGGREGATE one day: recompute the day's theme × segment rows from its analysis and replace them.
 * Without transactions (dynalite has none, and none are needed), a day manifest lists the row keys
 * the day owns, written as the union of old and new before the rows change, so a retry after any
 * crash still finds and removes rows that a re-run no longer produces.
 */
import { aggregateDay, toTableItem } from '../core/aggregation/aggregate';
import { keys } from '../core/aggregation/keys';
import { assertDay } from '../core/storage-layout';
import type { Stores, TableKey } from '../ports';
import { readAnalysis } from './analyze';

export interface AggregateResult {
  date: string;
  items: number;
  removed: number;
}

const keyString = (k: TableKey) => `${k.PK}\u0000${k.SK}`;
const parseKey = (s: string): TableKey => {
  const [PK, SK] = s.split('\u0000') as [string, string];
  return { PK, SK };
};

export async function aggregateDayStage(stores: Stores, options: { runId: string; date: string }): Promise<AggregateResult> {
  const { blobs, table } = stores;
  const date = assertDay(options.date);
  const items = aggregateDay(date, await readAnalysis(blobs, date)).map(toTableItem);
  const manifestKey = keys.dayManifest(date);
  const previous = ((await table.get(manifestKey))?.keys as string[] | undefined) ?? [];
  const next = items.map(keyString);
  const nextSet = new Set(next);
  const stale = previous.filter((k) => !nextSet.has(k));

  await table.putMany([{ ...manifestKey, type: 'day-manifest', day: date, keys: [...new Set([...previous, ...next])], pending: true }]);
  await table.putMany(items);
  // The segments seen so far (team:…, channel:…): lets readers list teams without scanning.
  const segments = [...new Set(items.map((i) => i.segment))];
  await table.putMany(segments.map((segment) => ({ ...keys.segment(segment), type: 'segment', segment })));
  await table.deleteMany(stale.map(parseKey));
  await table.putMany([{ ...manifestKey, type: 'day-manifest', day: date, keys: next, pending: false }]);
  return { date, items: items.length, removed: stale.length };
}
