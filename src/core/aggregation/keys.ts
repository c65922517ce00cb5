/**
 * The single-table design (docs/STORAGE.md), in one place.
 *
 *   item                      PK                          SK                   GSI1PK       GSI1SK
 *   segment × day (themes)    SEG#<seg>#MONTH#<yyyy-mm>   DAY#<day>#<part>
 *   theme catalogue entry     THEME#<id>         META
 *   area catalogue entry      AREA#<id>          META
 *   day's aggregate manifest  DAY#<day>          AGGREGATES
 *   run state                 RUN#<runId>        STATE                       RUNS                       <startedAt>#<runId>
 *   source watermark          SOURCE#<source>    WATERMARK                   SOURCES                    <source>
 *   latest completed run      STATE              LATEST
 *   a segment seen in data    SEGMENTS           <segment>                   (e.g. team:billing)
 *   a curation edit           CURATION           EDIT#<editId>
 *   an alert published        ALERT#<dedupeKey>  ALERT                       ALERTS                     <day>#<dedupeKey>
 *   conversations of a day    CONVS#<day>        <themeId>#<part>            (conversationKeys.list)
 *   one conversation's thread CONV#<2 hex>       <conversationId>            (conversationKeys.thread)
 *   nightly templates report  REPORT#TEMPLATES   LATEST
 *   KPI targets in effect     CONFIG#KPIS        IN_EFFECT
 */
import { InvalidInput } from '../errors';

/** The dimensions a query can filter by, one at a time. */
export const SEGMENT_FILTERS = ['lang', 'channel', 'segment', 'team', 'source'] as const;

export const ALL_SEGMENT = 'all';
export const CURATION_PARTITION = 'CURATION';

export const keys = {
  /** Every theme's aggregate of one segment on one day; `part` > 0 only when they fill more than one item. */
  segmentDay: (segment: string, day: string, part = 0) => ({
    PK: `SEG#${segment}#MONTH#${day.slice(0, 7)}`,
    SK: `DAY#${day}#${String(part).padStart(2, '0')}`,
  }),
  /** The segment × day items of one month and segment (a Query partition). */
  segmentMonth: (segment: string, month: string) => `SEG#${segment}#MONTH#${month}`,
  themeMeta: (themeId: string) => ({ PK: `THEME#${themeId}`, SK: 'META' }),
  areaMeta: (areaId: string) => ({ PK: `AREA#${areaId}`, SK: 'META' }),
  dayManifest: (day: string) => ({ PK: `DAY#${day}`, SK: 'AGGREGATES' }),
  run: (runId: string, startedAt: string) => ({ PK: `RUN#${runId}`, SK: 'STATE', GSI1PK: 'RUNS', GSI1SK: `${startedAt}#${runId}` }),
  watermark: (source: string) => ({ PK: `SOURCE#${source}`, SK: 'WATERMARK', GSI1PK: 'SOURCES', GSI1SK: source }),
  latest: () => ({ PK: 'STATE', SK: 'LATEST' }),
  segment: (segment: string) => ({ PK: 'SEGMENTS', SK: segment }),
  /** One edit the product team made to the themes (docs/CURATION.md): append-only, one item each. */
  curationEdit: (editId: string) => ({ PK: CURATION_PARTITION, SK: `EDIT#${editId}` }),
  /** One alert, keyed by what it is about, so the same event is never published twice (docs/ALERTS.md). */
  alert: (dedupeKey: string, day: string) => ({ PK: `ALERT#${dedupeKey}`, SK: 'ALERT', GSI1PK: 'ALERTS', GSI1SK: `${day}#${dedupeKey}` }),
};

/** Months (yyyy-mm) that a day range touches: one GSI1 query each. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    months.push(month);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

/** Segment key for a filter, e.g. {lang:'de'} → "lang:de". One dimension at a time. */
export function segmentKey(filter: { lang?: string; channel?: string; segment?: string; team?: string; source?: string }): string {
  const given = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
  if (given.length > 1) throw new InvalidInput(`filter by one of lang, channel, segment, team, source at a time (got ${given.map(([k]) => k).join(' and ')})`, { accepted: SEGMENT_FILTERS });
  return given.length ? `${given[0]![0]}:${given[0]![1]}` : ALL_SEGMENT;
}

/** Hex digits of the conversation-thread bucket (256 partitions): spreads the threads without a partition (or a folder) per conversation. */
function threadBucket(conversationId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < conversationId.length; i++) h = Math.imul(h ^ conversationId.charCodeAt(i), 0x01000193);
  return ((h >>> 24) & 0xff).toString(16).padStart(2, '0');
}

/** The conversations index (core/conversations/index-items.ts). */
export const conversationKeys = {
  /** The list rows of one day's conversations of one theme; `part` > 0 only past LIST_ITEM_BYTES. */
  list: (day: string, themeId: string, part = 0) => ({ PK: `CONVS#${day}`, SK: `${themeId}#${String(part).padStart(2, '0')}` }),
  /** The partition of one day's list items. */
  listDay: (day: string) => `CONVS#${day}`,
  thread: (conversationId: string) => ({ PK: `CONV#${threadBucket(conversationId)}`, SK: conversationId }),
};

/** What the nightly run stores for readers beside the aggregates (stages/nightly-report.ts). */
export const reportKeys = {
  templates: () => ({ PK: 'REPORT#TEMPLATES', SK: 'LATEST' }),
  kpiTargets: () => ({ PK: 'CONFIG#KPIS', SK: 'IN_EFFECT' }),
};
