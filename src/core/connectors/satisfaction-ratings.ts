/**
 * Satisfaction ratings exported apart from their conversations — the CSAT that Freshdesk and Help Scout never put
 * on the ticket itself, and Zendesk's own ratings list:
 * - Freshdesk `GET /api/v2/surveys/satisfaction_ratings`: `{id, ticket_id, ratings: {default_question: 103}, feedback,
 *   created_at}`; a bare array, JSON Lines, or one rating.
 * - Help Scout `GET /v2/ratings/{id}` (and the satisfaction-rating webhook): `{id, conversationId | ticketId,
 *   rating: "great" | "okay" | "not_good", comments, createdAt}`; arrays, `{_embedded: {ratings: […]}}`, JSON Lines.
 * - Zendesk `GET /api/v2/satisfaction_ratings`: `{satisfaction_ratings: [{id, ticket_id, score: "good" | "bad",
 *   comment, created_at}]}`.
 * Each becomes a Rating for the conversation id its help desk's ticket connector builds (`freshdesk:<ticket id>`…).
 */
import type { Readable } from 'node:stream';
import type { RatingInput } from '../schema/rating';
import { obj, readJsonRecords, sniffJsonFormat, str, num, type Json } from './json-export';
import { cleanBody } from './text-cleanup';
import type { Connector } from './types';

/** Freshdesk's answer values, worst to best (3-point surveys use only -103, 100 and 103). */
const FRESHDESK_SCALE = [-103, -102, -101, 100, 101, 102, 103];
/** Help Scout's and Zendesk's words on the conversation schema's 1–5 scale (good/bad map to 5/1, as for tickets). */
const WORD_SCORES: Record<string, number> = { great: 5, good: 5, okay: 3, ok: 3, not_good: 1, 'not-good': 1, notgood: 1, bad: 1 };

/** A rating given as a word (Zendesk good/bad, Help Scout great/okay/not good) on the 1–5 scale; undefined if no score. */
export function csatOfWord(word: unknown): number | undefined {
  return WORD_SCORES[String(word ?? '').trim().toLowerCase()];
}

type Mapped = { rating?: RatingInput; sourceId?: string; error?: string };

function freshdeskRating(r: Json, id: string): Mapped {
  const ticket = str(r.ticket_id);
  const answer = num(obj(r.ratings)?.default_question);
  const position = answer === undefined ? -1 : FRESHDESK_SCALE.indexOf(answer);
  if (!ticket) return { sourceId: id, error: `rating ${id}: no ticket_id` };
  if (position < 0) return { sourceId: id, error: `rating ${id}: ratings.default_question ${JSON.stringify(obj(r.ratings)?.default_question)} is not a Freshdesk answer (${FRESHDESK_SCALE.join(', ')})` };
  return rating('freshdesk', ticket, id, 1 + (4 * position) / (FRESHDESK_SCALE.length - 1), r.created_at ?? r.updated_at, r.feedback);
}

function wordRating(source: 'helpscout' | 'zendesk', r: Json, id: string, conversation: string | undefined, word: unknown, comment: unknown, at: unknown): Mapped {
  if (!conversation) return { sourceId: id, error: `rating ${id}: no ${source === 'zendesk' ? 'ticket_id' : 'conversationId or ticketId'}` };
  const score = csatOfWord(word);
  if (score === undefined) {
    // Zendesk lists surveys sent but not answered ("offered", "unoffered"), Help Scout "unknown": no score to count.
    return { sourceId: id, error: `rating ${id}: no score given (${JSON.stringify(word ?? null)})` };
  }
  return rating(source, conversation, id, score, at, comment);
}

function rating(source: string, conversation: string, id: string, csat: number, at: unknown, comment: unknown): Mapped {
  const text = typeof comment === 'string' ? cleanBody(comment) : '';
  return {
    sourceId: id,
    rating: { schemaVersion: 1, conversationId: `${source}:${conversation}`, source, sourceId: id, csat, ratedAt: str(at) ?? '', ...(text ? { comment: text } : {}) },
  };
}

export function mapSatisfactionRating(r: Json): Mapped {
  const id = str(r.id);
  if (!id) return { error: 'rating without an id' };
  if (r.ratings !== undefined || r.survey_id !== undefined) return freshdeskRating(r, id);
  if (r.score !== undefined) return wordRating('zendesk', r, id, str(r.ticket_id), r.score, r.comment, r.created_at ?? r.updated_at);
  return wordRating('helpscout', r, id, str(r.conversationId) ?? str(r.ticketId), r.rating, r.comments, r.createdAt ?? r.modifiedAt);
}

export const satisfactionRatings: Connector = {
  name: 'ratings',
  description: 'CSAT exported apart from tickets (Freshdesk satisfaction_ratings, Help Scout ratings, Zendesk satisfaction_ratings), joined at analysis',
  detect: (fileName, head) => sniffJsonFormat(fileName, head) === 'ratings',
  read: (input: Readable) =>
    readJsonRecords(input, {
      collections: ['satisfaction_ratings', '_embedded.ratings'],
      noun: 'rating',
      map: mapSatisfactionRating,
      isRecord: (top) => top.id !== undefined && (top.ratings !== undefined || top.score !== undefined || top.rating !== undefined),
      isEmptyPage: (top) => Array.isArray(top.satisfaction_ratings) || top._embedded !== undefined,
    }),
};
