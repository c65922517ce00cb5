/**
 * Reads one day's conversations from every part written for it, newest version of each winning, with the
 * satisfaction ratings exported apart from them joined in.
 */
import type { Readable } from 'node:stream';
import { readJsonLines } from '../core/jsonl';
import { Conversation } from '../core/schema/conversation';
import { Rating } from '../core/schema/rating';
import { addDays, layout, PREFIX, dayOfKey } from '../core/storage-layout';
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

/**
 * A rating exported apart from its conversation is joined when it was given within this many days of the
 * conversation's start (surveys go out when a ticket is solved; a bound keeps each day's inputs bounded).
 */
export const RATING_LAG_DAYS = 30;

/** The ratings/ parts that can rate `day`'s conversations: those given that day and the RATING_LAG_DAYS after. */
export async function listDayRatingParts(blobs: BlobStore, day: string): Promise<BlobInfo[]> {
  const days = Array.from({ length: RATING_LAG_DAYS + 1 }, (_, i) => addDays(day, i));
  const lists = await Promise.all(
    days.map(async (d) => {
      const parts: BlobInfo[] = [];
      for await (const o of blobs.list(layout.ratingsPrefix(d))) if (o.key.endsWith('.jsonl.gz')) parts.push(o);
      return parts;
    }),
  );
  return lists.flat();
}

/** Every ratings/ part by the day its ratings were given: one listing for a whole run's days (see ratingPartsFor). */
export async function listRatingDays(blobs: BlobStore): Promise<Map<string, BlobInfo[]>> {
  const days = new Map<string, BlobInfo[]>();
  for await (const o of blobs.list(PREFIX.ratings)) {
    const day = dayOfKey(o.key);
    if (!day || !o.key.endsWith('.jsonl.gz')) continue;
    days.set(day, [...(days.get(day) ?? []), o]);
  }
  return days;
}

/** What listDayRatingParts returns for `day`, taken from a listing of every ratings/ part. */
export function ratingPartsFor(day: string, ratingDays: Map<string, BlobInfo[]>): BlobInfo[] {
  return Array.from({ length: RATING_LAG_DAYS + 1 }, (_, i) => ratingDays.get(addDays(day, i)) ?? []).flat();
}

/**
 * Gives each conversation the newest rating exported for it, as its csat: an exported rating is the customer's
 * answer to the survey, so it wins over a score the ticket export carried (usually the same answer).
 */
export async function joinRatings(blobs: BlobStore, conversations: Conversation[], parts: BlobInfo[]): Promise<Conversation[]> {
  if (!parts.length || !conversations.length) return conversations;
  const wanted = new Set(conversations.map((c) => c.id));
  const newest = new Map<string, Rating>();
  for (const key of parts.map((p) => p.key).sort()) {
    const stream = (await blobs.stream(key)) as Readable | undefined;
    if (!stream) continue; // removed by a concurrent re-ingest: its replacement is listed too
    for await (const row of readJsonLines(stream)) {
      if (row.error) throw new Error(`${key} ${row.line}: ${row.error}`);
      const r = Rating.parse(row.value);
      if (!wanted.has(r.conversationId)) continue;
      const seen = newest.get(r.conversationId);
      if (!seen || seen.ratedAt <= r.ratedAt) newest.set(r.conversationId, r);
    }
  }
  return conversations.map((c) => {
    const r = newest.get(c.id);
    return r && r.ratedAt >= c.createdAt ? { ...c, csat: r.csat } : c;
  });
}
