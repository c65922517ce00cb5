/**
 * Every quote of a theme, an area or all themes in a range, for export: the representative quotes discovery
 * chose (near each theme's centre) and the range's most negative ones kept per theme and day (on all
 * conversations only). The theme drawer shows the first few of the same list.
 */
import { ALL_SEGMENT, segmentKey } from '../core/aggregation/keys';
import type { KeyValueTable } from '../ports';
import type { QuoteRow } from '../server/exports';
import { areasOf, distinctQuotes, resolveRange, themeDayRows, themeLabels, type ThemesQuery } from './query';
import { assertKnownFilterValues } from './segment-values';

export interface QuotesResult {
  from: string;
  to: string;
  segment: string;
  quotes: QuoteRow[];
}

export async function quotesOf(table: KeyValueTable, q: Omit<ThemesQuery, 'sort' | 'limit'> & { theme?: string; area?: string }): Promise<QuotesResult> {
  const { from, to } = await resolveRange(table, q);
  await assertKnownFilterValues(table, q);
  const segment = segmentKey({ lang: q.lang, channel: q.channel, segment: q.segment, team: q.team, source: q.source });
  const rows = (await themeDayRows(table, segment, from, to)).filter((r) => r.volume > 0 && (!q.theme || r.themeId === q.theme));
  const metas = await themeLabels(table, [...new Set([...rows.map((r) => r.themeId), ...(q.theme ? [q.theme] : [])])]);
  const areaOf = areasOf(metas, [...metas.keys()].map((id) => ({ id, label: (metas.get(id)?.label as string | undefined) ?? id })));
  const themeIds = [...metas.keys()].filter((id) => !q.area || areaOf.get(id)?.id === q.area).sort();
  const quotes: QuoteRow[] = [];
  for (const id of themeIds) {
    const label = (metas.get(id)?.label as string | undefined) ?? id;
    const representative = ((metas.get(id)?.quotes as Array<string | { conversationId: string; text: string }> | undefined) ?? []).map((x) =>
      typeof x === 'string' ? { text: x } : x,
    );
    // Per-day quotes are kept on all conversations only (docs/STORAGE.md).
    const negative = segment === ALL_SEGMENT ? rows.filter((r) => r.themeId === id).flatMap((r) => r.quotes ?? []).sort((a, b) => a.score - b.score) : [];
    for (const x of distinctQuotes<{ text: string; conversationId?: string; score?: number }>([...representative, ...negative])) {
      quotes.push({ themeId: id, theme: label, conversationId: x.conversationId, text: x.text, score: x.score, kind: x.score === undefined ? 'representative' : 'negative' });
    }
  }
  return { from, to, segment, quotes };
}
