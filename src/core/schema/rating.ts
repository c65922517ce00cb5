/**
 * A satisfaction rating exported apart from its conversation (Freshdesk satisfaction ratings, Help Scout
 * ratings, Zendesk's satisfaction_ratings list). Ingest keeps them under ratings/ by the day they were given;
 * analysis joins them to the conversations they rate (see src/stages/ratings.ts). Documented in docs/SCHEMA.md.
 */
import * as z from 'zod';
import { isoTimestamp } from './conversation';

export const Rating = z.object({
  schemaVersion: z.literal(1),
  /** The rated conversation's canonical id (`${source}:${sourceId}`, as its connector builds it). */
  conversationId: z.string().min(1),
  source: z.string().min(1),
  /** The rating's own id in the source. */
  sourceId: z.string().min(1),
  /** On the conversation schema's 1–5 scale. */
  csat: z.number().min(1).max(5),
  ratedAt: isoTimestamp,
  /** The customer's comment, PII-redacted once ingested. */
  comment: z.string().optional(),
});
export type Rating = z.infer<typeof Rating>;
export type RatingInput = z.input<typeof Rating>;
