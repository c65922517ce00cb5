/**
 * Satisfaction ratings exported apart from their conversations (ratings/date=<day given>/): which parts can rate a
 * day's conversations, and joining them in as each conversation's csat (docs/SCHEMA.md).
 */
import type { Readable } from 'node:stream';
import { readJsonLines } from '../core/jsonl';
import type { Conversation } from '../core/schema/conversation';
import { Rating } from '../core/schema/rating';
import { addDays, dayOfKey, layout, PREFIX } from '../core/storage-layout';
import type { BlobInfo, BlobStore } from '../ports';

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
 * Gives each conversation the newest rating exported for it, as its csat (and says how many got one): an exported rating is the customer's
 * answer to the survey, so it wins over a score the ticket export carried (usually the same answer).
 */
export async function joinRatings(blobs: BlobStore, conversations: Conversation[], parts: BlobInfo[]): Promise<{ conversations: Conversation[]; joined: number }> {
  if (!parts.length || !conversations.length) return { conversations, joined: 0 };
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
  let joined = 0;
  const rated = conversations.map((c) => {
    const r = newest.get(c.id);
    if (!r || r.ratedAt < c.createdAt) return c;
    joined++;
    return { ...c, csat: r.csat };
  });
  return { conversations: rated, joined };
}
