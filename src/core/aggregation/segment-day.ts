/**
 * Aggregates as stored: one table item per segment × day holding every theme's aggregate (docs/STORAGE.md).
 * Kept apart from aggregate.ts so readers load only this, not the KPI code that computes aggregates.
 */
import type { ThemeDayAggregate } from './aggregate';
import { keys } from './keys';

/**
 * Stored size a segment × day item may reach before its themes go on in another item. DynamoDB takes
 * 400 KB per item (attribute names and values); JSON is a close, slightly larger measure of that.
 */
export const SEGMENT_DAY_ITEM_BYTES = 300_000;

/** A theme's aggregate as stored inside its segment × day item: day and segment are the item's. */
export type StoredThemeAggregate = Omit<ThemeDayAggregate, 'day' | 'segment'>;

/**
 * One day's aggregates as table items: one item per segment (all, lang:de, team:billing…) holding every
 * theme's aggregate, so a range of days in one segment is one Query however many themes there are, and
 * a day is ~25 writes instead of themes × segments (docs/STORAGE.md). A segment with more themes than fit
 * in one item continues in parts 01, 02…
 */
export interface SegmentDayItem extends Record<string, unknown> {
  PK: string;
  SK: string;
  type: 'segment-day';
  segment: string;
  day: string;
  themes: StoredThemeAggregate[];
}

export function toSegmentDayItems(aggs: ThemeDayAggregate[]): SegmentDayItem[] {
  return segmentDayItemsWithJson(aggs).map(({ item }) => item);
}

/**
 * The items and, for each, exactly `JSON.stringify(item)`, built from the theme entries' JSON that sizing
 * the parts needs anyway: an item's content hash (stages/aggregate.ts) then costs no second serialisation.
 */
export function segmentDayItemsWithJson(aggs: ThemeDayAggregate[]): Array<{ item: SegmentDayItem; json: string }> {
  const bySegment = new Map<string, ThemeDayAggregate[]>();
  for (const a of aggs) {
    const list = bySegment.get(a.segment);
    if (list) list.push(a);
    else bySegment.set(a.segment, [a]);
  }
  const items: Array<{ item: SegmentDayItem; json: string }> = [];
  for (const [segment, list] of [...bySegment].sort(([a], [b]) => a.localeCompare(b))) {
    const day = list[0]!.day;
    let part: StoredThemeAggregate[] = [];
    let partJson: string[] = [];
    let bytes = 0;
    let parts = 0;
    const flush = () => {
      const item: SegmentDayItem = { ...keys.segmentDay(segment, day, parts++), type: 'segment-day', segment, day, themes: part };
      const head = JSON.stringify({ PK: item.PK, SK: item.SK, type: item.type, segment, day });
      items.push({ item, json: `${head.slice(0, -1)},"themes":[${partJson.join(',')}]}` });
      part = [];
      partJson = [];
      bytes = 0;
    };
    for (const { day: _day, segment: _segment, ...theme } of [...list].sort((a, b) => a.themeId.localeCompare(b.themeId))) {
      const json = JSON.stringify(theme);
      const size = Buffer.byteLength(json);
      if (part.length && bytes + size > SEGMENT_DAY_ITEM_BYTES) flush();
      part.push(theme);
      partJson.push(json);
      bytes += size;
    }
    flush();
  }
  return items;
}

/** The theme aggregates of a stored segment × day item. */
export function fromSegmentDayItem(item: Record<string, unknown>): ThemeDayAggregate[] {
  const { day, segment } = item as { day: string; segment: string };
  return ((item.themes as StoredThemeAggregate[] | undefined) ?? []).map((t) => ({ ...t, day, segment }) as ThemeDayAggregate);
}
