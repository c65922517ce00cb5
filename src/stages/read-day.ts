/** Reads one day's conversations from every part written for it, newest version of each winning. */
import { Conversation } from '../core/schema/conversation';
import { layout, PREFIX } from '../core/storage-layout';
import type { BlobInfo, BlobStore } from '../ports';
import { listParts, listPartsByDay, readPartRows } from './parts';

export async function listDayParts(blobs: BlobStore, day: string): Promise<BlobInfo[]> {
  return listParts(blobs, layout.conversationsPrefix(day));
}

/** Every day that has conversations, ascending. */
export async function listConversationDays(blobs: BlobStore): Promise<Map<string, BlobInfo[]>> {
  return listPartsByDay(blobs, PREFIX.conversations);
}

/**
 * Overlapping exports put several versions of a conversation in a day's parts; the one with the
 * newest updatedAt wins (ties: the later part key, i.e. deterministic).
 */
export async function readDay(blobs: BlobStore, day: string, parts?: BlobInfo[]): Promise<Conversation[]> {
  const byId = new Map<string, Conversation>();
  for await (const row of readPartRows(blobs, parts ?? (await listDayParts(blobs, day)))) {
    const c = Conversation.parse(row);
    const existing = byId.get(c.id);
    if (!existing || existing.updatedAt <= c.updatedAt) byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

