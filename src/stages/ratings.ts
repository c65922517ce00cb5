/**
 * Satisfaction ratings exported apart from their conversations (ratings/date=<day given>/): which parts can rate a
 * day's conversations, and joining them in as each conversation's csat (docs/SCHEMA.md).
 */
import type { Conversation } from '../core/schema/conversation';
import { Rating } from '../core/schema/rating';
import { addDays, layout, PREFIX } from '../core/storage-layout';
import type { BlobInfo, BlobStore } from '../ports';
import { listParts, listPartsByDay, readPartRows } from './parts';

/**
 * A rating exported apart from its conversation is joined when it was given within this many days of the
 * conversation's start (surveys go out when a ticket is solved; a bound keeps each day's inputs bounded).
 */
export const RATING_LAG_DAYS = 30;

/** The ratings/ parts that can rate `day`'s conversations: those given that day and the RATING_LAG_DAYS after. */
export async function listDayRatingParts(blobs: BlobStore, day: string): Promise<BlobInfo[]> {
  return (await Promise.all(lagDays(day).map((d) => listParts(blobs, layout.ratingsPrefix(d))))).flat();
}

/** Every ratings/ part by the day its ratings were given: one listing for a whole run's days (see ratingPartsFor). */
export async function listRatingDays(blobs: BlobStore): Promise<Map<string, BlobInfo[]>> {
  return listPartsByDay(blobs, PREFIX.ratings);
}

/** What listDayRatingParts returns for `day`, taken from a listing of every ratings/ part. */
export function ratingPartsFor(day: string, ratingDays: Map<string, BlobInfo[]>): BlobInfo[] {
  return lagDays(day).flatMap((d) => ratingDays.get(d) ?? []);
}

/** `day` and the RATING_LAG_DAYS after it: the days whose ratings can rate `day`'s conversations. */
function lagDays(day: string): string[] {
  return Array.from({ length: RATING_LAG_DAYS + 1 }, (_, i) => addDays(day, i));
}

/**
 * Gives each conversation the newest rating exported for it, as its csat (and says how many got one): an exported
 * rating is the customer's answer to the survey, so it wins over a score the ticket export carried (usually the same).
 */
export async function joinRatings(blobs: BlobStore, conversations: Conversation[], parts: BlobInfo[]): Promise<{ conversations: Conversation[]; joined: number }> {
  if (!parts.length || !conversations.length) return { conversations, joined: 0 };
  const wanted = new Set(conversations.map((c) => c.id));
  const newest = new Map<string, Rating>();
  for await (const row of readPartRows(blobs, parts)) {
    const r = Rating.parse(row);
    if (!wanted.has(r.conversationId)) continue;
    const seen = newest.get(r.conversationId);
    if (!seen || seen.ratedAt <= r.ratedAt) newest.set(r.conversationId, r);
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
