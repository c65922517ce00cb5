/**
 * The values a filter can take (languages, channels, teams, sources, customer segments), from the segments the
 * aggregate stage has seen (SEGMENTS items), so a filter that matches nothing is answered with the values that
 * would, not with an empty table.
 */
import { keys } from '../core/aggregation/keys';
import type { KeyValueTable } from '../ports';
import { InvalidInput } from '../core/errors';
import { lazy } from '../core/lazy';

export const FILTER_DIMENSIONS = ['lang', 'channel', 'segment', 'team', 'source'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Every `<dimension>:<value>` segment seen in the data, e.g. team:billing. */
export async function listSegments(table: KeyValueTable, dimension: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of table.query({ partition: keys.segment('').PK, beginsWith: `${dimension}:` })) out.push(item.SK);
  return out;
}

// Built on first use: creating it loads the locale's display names, which a cold start should not pay for.
const languageNames = lazy(() => new Intl.DisplayNames(['en'], { type: 'language' }));
const languageName = (code: string) => {
  try {
    const name = languageNames().of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Throws InvalidInput naming the valid values when a filter's value was never seen in the data ("--lang spanish":
 * "lang is one of en (English), es (Spanish) …; did you mean es?"). Values seen but without conversations in the
 * range, and language codes not (yet) in the data, are fine: that is an empty answer, not a mistake.
 */
export async function assertKnownFilterValues(table: KeyValueTable, filters: Partial<Record<FilterDimension, string | undefined>>): Promise<void> {
  for (const dimension of FILTER_DIMENSIONS) {
    const value = filters[dimension];
    if (value === undefined || value === '') continue;
    // A well-formed language code absent from the data is an empty answer (no German yet), not a mistake.
    if (dimension === 'lang' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(value) && languageName(value)) continue;
    const values = (await listSegments(table, dimension)).map((s) => s.slice(dimension.length + 1));
    if (values.includes(value)) continue;
    const shown = dimension === 'lang' ? values.map((v) => (languageName(v) ? `${v} (${languageName(v)})` : v)) : values;
    const guess =
      dimension === 'lang'
        ? values.find((v) => languageName(v)?.toLowerCase() === value.toLowerCase())
        : values.find((v) => v.toLowerCase() === value.toLowerCase());
    const hint = values.length ? `${dimension} is one of ${shown.join(', ')}` : `no ${dimension} values are known yet (has \`voc run\` run?)`;
    throw new InvalidInput(`no conversations with ${dimension} "${value}": ${hint}${guess ? `; did you mean ${guess}?` : ''}`);
  }
}
