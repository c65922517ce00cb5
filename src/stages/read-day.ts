/** Reads one day's conversations from every part written for it, newest version of each winning. */
import type { Readable } from 'node:stream';
import { readJsonLines } from '../core/jsonl';
import { Conversation } from '../core/schema/conversation';
import { layout, PREFIX, dayOfKey } from '../core/storage-layout';
import type { BlobInfo, BlobStore } from '../ports';

export async function listDayParts(blobs: BlobStore, day: string): Promise<BlobInfo[]> {
  const parts: BlobInfo[] = [];
  for await (const o of blobs.list(layout.conversationsPrefix(day))) if (o.key.endsWith('.jsonl.gz')) parts.push(o);
  return parts;
}

/** Every day that has conversations, ascending. */
export async function listConversationDays(blobs: BlobStore): Promise<Map<string, BlobInfo[]>> {
  const days = new Map<string, BlobInfo[]>();
  for await (const o of blobs.list(PREFIX.conversations)) {
    const day = dayOfKey(o.key);
    if (!day || !o.key.endsWith('.jsonl.gz')) continue;
    const list = days.get(day) ?? [];
    list.push(o);
    days.set(day, list);
  }
  return new Map([...days.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Overlapping exports put several versions of a conversation in a day's parts; the one with the
 * newest updatedAt wins (ties: the later part key, i.e. deterministic).
 */
export async function readDay(blobs: BlobStore, day: string, parts?: BlobInfo[]): Promise<Conversation[]> {
  const byId = new Map<string, Conversation>();
  const keys = (parts ?? (await listDayParts(blobs, day))).map((p) => p.key).sort();
  for (const key of keys) {
    const stream = (await blobs.stream(key)) as Readable | undefined;
    if (!stream) continue; // removed by a concurrent re-ingest: its replacement is listed too
    for await (const row of readJsonLines(stream)) {
      if (row.error) throw new Error(`${key} ${row.line}: ${row.error}`);
      const c = Conversation.parse(row.value);
      const existing = byId.get(c.id);
      if (!existing || existing.updatedAt <= c.updatedAt) byId.set(c.id, c);
    }
  }
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

