/**
 * "Show me the conversations behind this number": the conversations of any theme or area × segment × range,
 * filtered by sentiment, CSAT, SLA and words, a page at a time (or all of them, for CSV); and one conversation's
 * readable thread. Reads only the table: the conversations index the aggregate stage keeps beside the aggregates
 * (core/conversations/index-items.ts, docs/STORAGE.md).
 */
import { conversationKeys, keys } from '../core/aggregation/keys';
import type { ConversationListItem, ConversationListRow, ConversationRecord, ConversationThreadItem } from '../core/conversations/index-items';
import { matchesWords, searchWordsOf } from '../core/conversations/thread';
import { addDays } from '../core/storage-layout';
import type { KeyValueTable } from '../ports';
import { InvalidInput } from '../core/errors';
import { resolveRange, themeLabels } from './query';
import { assertKnownFilterValues } from './segment-values';

export const CONVERSATION_SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const SLA_FILTERS = ['breached', 'first-response-breached', 'resolution-breached', 'met'] as const;
export const CONVERSATION_SORTS = ['recent', 'oldest', 'negative', 'positive'] as const;
export const DEFAULT_PAGE = 25;
export const MAX_PAGE = 200;
/** A list reads one partition per day: a year at most (longer ranges: narrow them, or use the analysis in S3). */
export const MAX_LIST_DAYS = 366;
/** Days read at once. */
const DAY_READS = 8;

export interface ConversationsQuery {
  from?: string;
  to?: string;
  theme?: string;
  area?: string;
  lang?: string;
  channel?: string;
  team?: string;
  source?: string;
  segment?: string;
  sentiment?: (typeof CONVERSATION_SENTIMENTS)[number];
  /** A rating, a range of ratings ("1-2", "4-5"), a list ("1,2"), "rated" or "unrated". */
  csat?: string;
  sla?: (typeof SLA_FILTERS)[number];
  /** Words the customer used (each as a word's beginning), all of them. */
  q?: string;
  sort?: (typeof CONVERSATION_SORTS)[number];
  offset?: number;
  /** Rows in the page; `Infinity` for all of them (CSV export). */
  limit?: number;
}

/** A conversation in a list: its row, where it sits (day, theme, area), without the search words and hash. */
export type ConversationEntry = Omit<ConversationListRow, 'words' | 'h'> & {
  day: string;
  theme: { id: string; label: string };
  area: { id: string; label: string };
};

export interface ConversationsPage {
  from: string;
  to: string;
  /** The filters applied, as given. */
  filters: Omit<ConversationsQuery, 'from' | 'to' | 'offset' | 'limit' | 'sort'>;
  sort: (typeof CONVERSATION_SORTS)[number];
  /** Conversations that match, over all pages. */
  total: number;
  offset: number;
  limit: number;
  rows: ConversationEntry[];
}

/** The CSAT filter as a test of a row's rating. */
export function csatFilter(spec: string): (csat: number | undefined) => boolean {
  const s = spec.trim().toLowerCase();
  if (s === 'rated') return (c) => c !== undefined;
  if (s === 'unrated') return (c) => c === undefined;
  const range = /^([1-5])\s*-\s*([1-5])$/.exec(s);
  if (range) {
    const [lo, hi] = [Number(range[1]), Number(range[2])].sort();
    return (c) => c !== undefined && c >= lo! && c <= hi!;
  }
  if (/^[1-5](\s*,\s*[1-5])*$/.test(s)) {
    const values = new Set(s.split(',').map((x) => Number(x.trim())));
    return (c) => c !== undefined && values.has(Math.round(c));
  }
  throw new InvalidInput(`csat "${spec}" is not a rating filter: use a rating (5), a range (1-2, 4-5), a list (1,2), rated or unrated`);
}

function slaTest(filter: ConversationsQuery['sla']): (r: ConversationListRow) => boolean {
  switch (filter) {
    case 'breached':
      return (r) => r.slaFirst === 'breached' || r.slaResolution === 'breached';
    case 'first-response-breached':
      return (r) => r.slaFirst === 'breached';
    case 'resolution-breached':
      return (r) => r.slaResolution === 'breached';
    case 'met':
      return (r) => (r.slaFirst !== undefined || r.slaResolution !== undefined) && r.slaFirst !== 'breached' && r.slaResolution !== 'breached';
    default:
      return () => true;
  }
}

const ORDER: Record<(typeof CONVERSATION_SORTS)[number], (a: ConversationListRow, b: ConversationListRow) => number> = {
  recent: (a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id),
  oldest: (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
  negative: (a, b) => a.score - b.score || b.at.localeCompare(a.at) || a.id.localeCompare(b.id),
  positive: (a, b) => b.score - a.score || b.at.localeCompare(a.at) || a.id.localeCompare(b.id),
};

async function listItemsOfDay(table: KeyValueTable, day: string, theme: string | undefined): Promise<ConversationListItem[]> {
  const out: ConversationListItem[] = [];
  const query = { partition: conversationKeys.listDay(day), ...(theme ? { beginsWith: `${theme}#` } : {}) };
  for await (const item of table.query(query)) {
    const list = item as ConversationListItem;
    if (!theme || list.themeId === theme) out.push(list);
  }
  return out;
}

export async function listConversations(table: KeyValueTable, q: ConversationsQuery = {}): Promise<ConversationsPage> {
  const { from, to } = await resolveRange(table, q);
  await assertKnownFilterValues(table, q);
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.push(d);
    if (days.length > MAX_LIST_DAYS) throw new InvalidInput(`from ${from} to ${to} is more than ${MAX_LIST_DAYS} days: narrow the range`);
  }
  const csat = q.csat !== undefined && q.csat !== '' ? csatFilter(q.csat) : undefined;
  const sla = slaTest(q.sla);
  // Han script is cut into words as the index cut the customers' messages.
  const words = q.q ? [...new Set(searchWordsOf(q.q, /\p{Script=Han}/u.test(q.q) ? 'zh' : 'und'))] : [];
  if (q.q && !words.length) throw new InvalidInput(`q "${q.q}" has no word to search for (words of two or more letters)`);

  const matched: Array<{ row: ConversationListRow; day: string; themeId: string }> = [];
  for (let i = 0; i < days.length; i += DAY_READS) {
    const batch = await Promise.all(days.slice(i, i + DAY_READS).map((day) => listItemsOfDay(table, day, q.theme)));
    for (const item of batch.flat()) {
      for (const row of item.rows) {
        if (q.lang && row.lang !== q.lang) continue;
        if (q.channel && row.channel !== q.channel) continue;
        if (q.team && row.team !== q.team) continue;
        if (q.source && row.source !== q.source) continue;
        if (q.segment && row.segment !== q.segment) continue;
        if (q.sentiment && row.sentiment !== q.sentiment) continue;
        if (csat && !csat(row.csat)) continue;
        if (!sla(row)) continue;
        if (words.length && !matchesWords(row.words, words)) continue;
        matched.push({ row, day: item.day, themeId: item.themeId });
      }
    }
  }

  // Labels and areas from the catalogue entries (one batch read for the themes present).
  const metas = await themeLabels(table, [...new Set(matched.map((m) => m.themeId))]);
  const themeOf = (id: string) => ({ id, label: (metas.get(id)?.label as string | undefined) ?? id });
  const areaOf = (id: string) => (metas.get(id)?.area as { id: string; label: string } | undefined) ?? themeOf(id);
  const inCell = q.area ? matched.filter((m) => areaOf(m.themeId).id === q.area) : matched;

  const sort = q.sort ?? 'recent';
  inCell.sort((a, b) => ORDER[sort](a.row, b.row));
  const offset = q.offset ?? 0;
  const limit = q.limit ?? DEFAULT_PAGE;
  const { from: _f, to: _t, offset: _o, limit: _l, sort: _s, ...filters } = q;
  return {
    from,
    to,
    filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')),
    sort,
    total: inCell.length,
    offset,
    limit: Number.isFinite(limit) ? limit : inCell.length,
    rows: inCell.slice(offset, offset + limit).map(({ row: { words: _w, h: _h, ...row }, day, themeId }) => ({ ...row, day, theme: themeOf(themeId), area: areaOf(themeId) })),
  };
}

/** One conversation as a product manager may read it: its thread with per-message sentiment, theme, area and KPIs. */
export interface ConversationDetail extends ConversationRecord {
  area: { id: string; label: string };
}

export async function conversationDetail(table: KeyValueTable, id: string): Promise<ConversationDetail | undefined> {
  const item = await table.get(conversationKeys.thread(id));
  if (!item) return undefined;
  const { PK: _pk, SK: _sk, type: _type, ...thread } = item as ConversationThreadItem;
  const meta = await table.get(keys.themeMeta(thread.theme.id));
  return { ...thread, theme: { id: thread.theme.id, label: (meta?.label as string | undefined) ?? thread.theme.label }, area: (meta?.area as { id: string; label: string } | undefined) ?? thread.theme };
}
