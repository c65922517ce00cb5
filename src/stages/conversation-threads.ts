/**
 * Thread items of one day (core/conversations/index-items.ts), written by the aggregate stage before the day's
 * list items: a list row carries its thread's content hash, so a thread is written only when its hash differs
 * from the row stored last time (a re-run writes none), and a crash between the two leaves old rows, whose
 * hashes make the retry write the threads again. A conversation no longer in the day loses its thread, unless
 * the thread now belongs to another day (a conversation whose start moved).
 */
import { conversationKeys } from '../core/aggregation/keys';
import type { ConversationListItem, ConversationThreadItem } from '../core/conversations/index-items';
import type { KeyValueTable } from '../ports';

export interface ThreadWrites {
  written: number;
  removed: number;
}

export async function writeDayThreads(table: KeyValueTable, day: string, threads: ConversationThreadItem[], lists: ConversationListItem[]): Promise<ThreadWrites> {
  const before = new Map<string, string>();
  for await (const item of table.query({ partition: conversationKeys.listDay(day) })) {
    for (const row of (item as ConversationListItem).rows ?? []) before.set(row.id, row.h);
  }
  const hashes = new Map(lists.flatMap((l) => l.rows.map((r) => [r.id, r.h] as const)));
  const changed = threads.filter((t) => before.get(t.id) !== hashes.get(t.id));
  await table.putMany(changed);
  const gone = [...before.keys()].filter((id) => !hashes.has(id));
  const stored = await table.getMany(gone.map((id) => conversationKeys.thread(id)));
  const removable = gone.filter((_, i) => stored[i]?.day === day);
  await table.deleteMany(removable.map((id) => conversationKeys.thread(id)));
  return { written: changed.length, removed: removable.length };
}
