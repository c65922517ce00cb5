/**
 * The canonical conversation: the one shape every connector produces and every later stage reads.
 * Documented field by field in docs/SCHEMA.md; bump SCHEMA_VERSION on any breaking change.
 */
import * as z from 'zod';

export const SCHEMA_VERSION = 1 as const;

export const isoTimestamp = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 timestamp, e.g. 2026-11-20T09:15:00Z' });

export const AuthorRole = z.enum(['customer', 'agent', 'bot', 'system']);
export type AuthorRole = z.infer<typeof AuthorRole>;

export const Channel = z.enum(['email', 'chat', 'phone', 'social', 'web', 'messaging', 'api', 'other']);
export type Channel = z.infer<typeof Channel>;

export const Message = z.object({
  /** Stable within the conversation (the source's message id when it has one). */
  id: z.string().min(1),
  role: AuthorRole,
  /** Pseudonymous for customers (keyed hash); the help desk's id for agents and bots. */
  authorId: z.string().optional(),
  createdAt: isoTimestamp,
  /** PII-redacted once ingested (see src/core/pii). */
  text: z.string(),
  /** false for internal notes that the customer never saw. */
  public: z.boolean().default(true),
});
export type Message = z.infer<typeof Message>;

export const Customer = z.object({
  /** Pseudonymous: a keyed hash of the source's customer identity, never an e-mail. */
  id: z.string().min(1),
  plan: z.string().optional(),
  country: z.string().optional(),
  segment: z.string().optional(),
});

export const Conversation = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** Globally unique and deterministic: `${source}:${sourceId}`. */
    id: z.string().min(1),
    /** The help desk or file format it came from: zendesk, intercom, freshdesk, helpscout, twitter, csv, jsonl… */
    source: z.string().min(1),
    sourceId: z.string().min(1),
    channel: Channel.default('other'),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    closedAt: isoTimestamp.optional(),
    customer: Customer,
    assignee: z.string().optional(),
    team: z.string().optional(),
    tags: z.array(z.string()).default([]),
    productArea: z.string().optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    status: z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']).optional(),
    /** Customer satisfaction on a 1–5 scale (sources with good/bad map to 5/1). */
    csat: z.number().min(1).max(5).optional(),
    /** Language the customer wrote in, when the source states it; analysis detects it otherwise. */
    language: z.string().optional(),
    messages: z.array(Message).min(1, 'a conversation needs at least one message'),
  })
  .superRefine((c, ctx) => {
    for (let i = 1; i < c.messages.length; i++) {
      if (c.messages[i]!.createdAt < c.messages[i - 1]!.createdAt && Date.parse(c.messages[i]!.createdAt) < Date.parse(c.messages[i - 1]!.createdAt)) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'createdAt'], message: 'messages must be in chronological order' });
      }
    }
    if (Date.parse(c.updatedAt) < Date.parse(c.createdAt)) {
      ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'updatedAt is before createdAt' });
    }
  });
export type Conversation = z.infer<typeof Conversation>;
/** What connectors build before validation fills defaults. */
export type ConversationInput = z.input<typeof Conversation>;

export function conversationId(source: string, sourceId: string): string {
  return `${source}:${sourceId}`;
}

/** The UTC calendar day a conversation belongs to: its partition in storage and its day in aggregates. */
export function conversationDay(c: Pick<Conversation, 'createdAt'>): string {
  return new Date(c.createdAt).toISOString().slice(0, 10);
}

/** A readable one-line reason from a zod error, naming the field paths. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(record)'}: ${i.message}`)
    .join('; ');
}
