/** The dimensions a KPI report can be broken down by (kept apart so the CLI can list them without loading the reports). */
export const KPI_DIMENSIONS = ['theme', 'area', 'team', 'channel', 'lang', 'source', 'segment'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];
