/**
 * The conversations index, as table items (docs/STORAGE.md), built from a day's analysis by the aggregate stage:
 *
 * - list items: per day and theme, one row per conversation with what a list shows and filters on (language,
 *   channel, team, sentiment, CSAT, SLA, first response, the quote, the search words), so "the conversations
 *   behind this number" reads only the cell's days and theme;
 * - thread items: per conversation, its readable thread with per-message sentiment and its KPIs.
 *
 * Both are bounded: a list item holds at most LIST_ITEM_BYTES of rows (a larger day × theme continues in the
 * next part), a thread item one conversation's bounded thread (core/conversations/thread.ts).
 */
import type { AnalysedConversation } from '../conversation-analysis';
import { hash32 } from '../kpis/hash';
import type { ConversationKpis } from '../kpis/conversation-kpis';
import { conversationKeys } from '../aggregation/keys';
import type { ThreadMessage } from './thread';

/** Rows of a day × theme per item, in JSON bytes (DynamoDB allows 400 KB an item). */
export const LIST_ITEM_BYTES = 300_000;

export type SlaState = 'met' | 'breached';

/** One conversation in a list: what is shown, filtered and searched. Short, since a day holds thousands. */
export interface ConversationListRow {
  id: string;
  /** When it started (its first message), ISO. */
  at: string;
  lang: string;
  channel: string;
  source: string;
  team?: string;
  segment?: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  score: number;
  csat?: number;
  /** First-response and resolution SLA: met or breached; absent when not judged (no target, or still running). */
  slaFirst?: SlaState;
  slaResolution?: SlaState;
  /** First response, calendar minutes. */
  firstResponse?: number;
  reopened?: true;
  /** The conversation's quote (redacted, words few customers used masked). */
  quote?: string;
  words: string[];
  /** Content hash of the conversation's thread item: unchanged threads are not written again. */
  h: string;
}

export interface ConversationListItem extends Record<string, unknown> {
  PK: string;
  SK: string;
  type: 'conversation-list';
  day: string;
  themeId: string;
  rows: ConversationListRow[];
}

export interface ThreadMessageWithSentiment extends ThreadMessage {
  score?: number;
  label?: string;
}

/** The conversation as `voc conversation ID` and GET /conversations/{id} show it. */
export interface ConversationThreadItem extends ConversationRecord, Record<string, unknown> {
  PK: string;
  SK: string;
  type: 'conversation';
}

/** What a thread item holds besides its keys: the analysed conversation's own fields, its KPIs, and its readable thread. */
export interface ConversationRecord
  extends Pick<AnalysedConversation, 'id' | 'day' | 'source' | 'channel' | 'language' | 'team' | 'segment' | 'theme' | 'sentiment' | 'start' | 'end' | 'trajectory' | 'csat' | 'agentTone' | 'quote'> {
  kpis: Pick<ConversationKpis, 'firstResponse' | 'fullResolution' | 'requesterWait' | 'sla' | 'reopens' | 'oneTouch' | 'agentReplies' | 'customerMessages'>;
  goodwill: { kind: string; amount?: number; currency?: string; percent?: number }[];
  wow: { kind: string }[];
  messages: ThreadMessageWithSentiment[];
  omitted?: number;
}

const sla = (met: boolean | undefined): SlaState | undefined => (met === true ? 'met' : met === false ? 'breached' : undefined);

/** The thread item of an analysed conversation; undefined when it has no readable thread (analysed before any catalogue). */
export function threadItemOf(a: AnalysedConversation): ConversationThreadItem | undefined {
  if (!a.thread) return undefined;
  const scores = new Map(a.messages.map((m) => [m.id, m]));
  const k = a.kpis;
  return {
    ...conversationKeys.thread(a.id),
    type: 'conversation',
    id: a.id,
    day: a.day,
    source: a.source,
    channel: a.channel,
    language: a.language,
    ...(a.team ? { team: a.team } : {}),
    ...(a.segment ? { segment: a.segment } : {}),
    theme: a.theme,
    sentiment: a.sentiment,
    ...(a.start !== undefined ? { start: a.start } : {}),
    ...(a.end !== undefined ? { end: a.end } : {}),
    trajectory: a.trajectory,
    ...(a.csat !== undefined ? { csat: a.csat } : {}),
    kpis: { firstResponse: k.firstResponse, fullResolution: k.fullResolution, requesterWait: k.requesterWait, sla: k.sla, reopens: k.reopens, oneTouch: k.oneTouch, agentReplies: k.agentReplies, customerMessages: k.customerMessages },
    goodwill: a.goodwill.map((g) => ({ kind: g.kind, ...(g.amount !== undefined ? { amount: g.amount } : {}), ...(g.currency ? { currency: g.currency } : {}), ...(g.percent !== undefined ? { percent: g.percent } : {}) })),
    wow: a.wow.map((w) => ({ kind: w.kind })),
    ...(a.agentTone !== undefined ? { agentTone: a.agentTone } : {}),
    ...(a.quote ? { quote: a.quote } : {}),
    messages: a.thread.messages.map((m) => {
      const s = scores.get(m.id);
      return s && s.role === m.role ? { ...m, score: s.score, label: s.label } : m;
    }),
    ...(a.thread.omitted ? { omitted: a.thread.omitted } : {}),
  };
}

/** A list row of an analysed conversation and its thread item (hashed into the row). */
export function listRowOf(a: AnalysedConversation, thread: ConversationThreadItem): ConversationListRow {
  const k = a.kpis;
  const slaFirst = sla(k.sla.firstResponse?.met);
  const slaResolution = sla(k.sla.resolution?.met);
  return {
    id: a.id,
    at: a.thread?.messages[0]?.at ?? `${a.day}T00:00:00.000Z`,
    lang: a.language,
    channel: a.channel,
    source: a.source,
    ...(a.team ? { team: a.team } : {}),
    ...(a.segment ? { segment: a.segment } : {}),
    sentiment: a.sentiment.label,
    score: a.sentiment.score,
    ...(a.csat !== undefined ? { csat: a.csat } : {}),
    ...(slaFirst ? { slaFirst } : {}),
    ...(slaResolution ? { slaResolution } : {}),
    ...(k.firstResponse ? { firstResponse: Math.round(k.firstResponse.calendarMinutes) } : {}),
    ...(k.reopens > 0 ? { reopened: true as const } : {}),
    ...(a.quote ? { quote: a.quote } : {}),
    words: a.thread?.words ?? [],
    h: contentHash(JSON.stringify(thread)),
  };
}

/** 64 bits of two independent 32-bit hashes: enough to tell a changed thread, not a security boundary. */
function contentHash(json: string): string {
  return `${hash32(json).toString(36)}${hash32(json, 0x5bd1e995).toString(36)}`;
}

/**
 * A day's index: its list items (per theme, in parts when large), each with exactly `JSON.stringify(item)` for
 * the aggregate stage's content hash, and its thread items.
 */
export function conversationIndexOfDay(day: string, rows: AnalysedConversation[]): { lists: Array<{ item: ConversationListItem; json: string }>; threads: ConversationThreadItem[] } {
  const byTheme = new Map<string, ConversationListRow[]>();
  const threads: ConversationThreadItem[] = [];
  for (const a of [...rows].sort((x, y) => x.id.localeCompare(y.id))) {
    const thread = threadItemOf(a);
    if (!thread) continue;
    threads.push(thread);
    const list = byTheme.get(a.theme.id) ?? [];
    list.push(listRowOf(a, thread));
    byTheme.set(a.theme.id, list);
  }
  const lists: Array<{ item: ConversationListItem; json: string }> = [];
  for (const [themeId, themeRows] of [...byTheme].sort(([a], [b]) => a.localeCompare(b))) {
    let part: ConversationListRow[] = [];
    let bytes = 0;
    let n = 0;
    const flush = () => {
      const item: ConversationListItem = { ...conversationKeys.list(day, themeId, n++), type: 'conversation-list', day, themeId, rows: part };
      lists.push({ item, json: JSON.stringify(item) });
      part = [];
      bytes = 0;
    };
    for (const row of themeRows) {
      const size = Buffer.byteLength(JSON.stringify(row)) + 1;
      if (part.length && bytes + size > LIST_ITEM_BYTES) flush();
      part.push(row);
      bytes += size;
    }
    flush();
  }
  return { lists, threads };
}
