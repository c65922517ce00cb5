/**
 * Where everything lives in the archive bucket. Every key the pipeline reads or writes is built
 * here, so the layout documented in docs/STORAGE.md has exactly one implementation. The CDK stack grants
 * each function its prefixes from PREFIX too (lib/pipeline.ts), so there is one table of prefixes.
 */
import { InvalidInput } from './errors';

export const PREFIX = {
  /** Drop zone: exports land here (CLI upload, S3 console, a help-desk sync job). */
  inbox: 'inbox/',
  /** Exports as received, after ingest; expired by lifecycle (raw text still holds PII). */
  raw: 'raw/',
  /** Normalised, redacted conversations partitioned by UTC creation day. */
  conversations: 'conversations/',
  /** Satisfaction ratings exported apart from their conversations, partitioned by the UTC day they were given. */
  ratings: 'ratings/',
  /** Records that could not be normalised, with the reason, per ingested file. */
  quarantine: 'quarantine/',
  /** What each ingested file produced: its parts, counts and watermark (makes re-ingest idempotent). */
  ingestManifests: 'manifests/ingest/',
  /** Per-day analysis output (language, sentiment, theme, KPIs per conversation). */
  analysis: 'analysis/',
  themes: 'themes/',
  /** Settings product and support teams own: KPI targets (kpis.json) and the theme taxonomy (taxonomy.json). */
  config: 'config/',
  /** What the deployment learned from its own data: the sentiment model fitted on its rated conversations. */
  models: 'models/',
  runs: 'runs/',
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as YYYY-MM-DD that exists (2026-02-31 does not: Date would quietly make it March 3rd). */
export function isDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

export function assertDay(day: string): string {
  if (!isDay(day)) throw new InvalidInput(`expected a day as YYYY-MM-DD that exists in the calendar, got "${day}"`, { accepted: ["YYYY-MM-DD, a day that exists (2026-02-28, not 2026-02-31)"] });
  return day;
}

export const layout = {
  inboxKey: (fileName: string) => `${PREFIX.inbox}${fileName}`,
  rawKey: (receivedDay: string, fileId: string, fileName: string) => `${PREFIX.raw}received=${receivedDay}/${fileId}-${fileName}`,
  conversationsPrefix: (day: string) => `${PREFIX.conversations}date=${assertDay(day)}/`,
  /** One part per (ingested file, day, sequence): re-ingesting a file rewrites the same keys. */
  conversationPart: (day: string, fileId: string, seq: number) =>
    `${PREFIX.conversations}date=${assertDay(day)}/part-${fileId}-${String(seq).padStart(4, '0')}.jsonl.gz`,
  ratingsPrefix: (day: string) => `${PREFIX.ratings}date=${assertDay(day)}/`,
  ratingPart: (day: string, fileId: string, seq: number) =>
    `${PREFIX.ratings}date=${assertDay(day)}/part-${fileId}-${String(seq).padStart(4, '0')}.jsonl.gz`,
  quarantinePart: (fileId: string, seq: number) => `${PREFIX.quarantine}${fileId}-${String(seq).padStart(4, '0')}.jsonl.gz`,
  ingestManifest: (fileId: string) => `${PREFIX.ingestManifests}${fileId}.json`,
  analysisPrefix: (day: string) => `${PREFIX.analysis}date=${assertDay(day)}/`,
  analysisKey: (day: string) => `${PREFIX.analysis}date=${assertDay(day)}/analysis.jsonl.gz`,
  analysisManifest: (day: string) => `${PREFIX.analysis}date=${assertDay(day)}/_manifest.json`,
  kpiConfig: () => `${PREFIX.config}kpis.json`,
  taxonomy: () => `${PREFIX.config}taxonomy.json`,
  /** Alert thresholds, quiet themes and the webhook address (docs/ALERTS.md). */
  alertsConfig: () => `${PREFIX.config}alerts.json`,
  /** When a night fits the themes again instead of keeping the catalogue (core/theme-refit.ts). */
  discoveryConfig: () => `${PREFIX.config}discovery.json`,
  catalogue: () => `${PREFIX.themes}catalogue.json`,
  /** The sentiment model learned from ratings (versioned: format version and trainedAt inside). */
  sentimentModel: () => `${PREFIX.models}sentiment/model.json`,
  /** Rated conversations per language per day of the training range, with the day's inputs (sentiment-model.ts). */
  sentimentRatedCounts: () => `${PREFIX.models}sentiment/rated-counts.json`,
  /** What the current catalogue was discovered from (window, its parts, taxonomy). */
  catalogueInputs: () => `${PREFIX.themes}catalogue.inputs.json`,
  catalogueHistory: (runId: string) => `${PREFIX.themes}history/${runId}.json`,
  /** Source watermarks folded so far and the newest ingest manifest folded into them (finalize reads only newer ones). */
  watermarkState: () => `${PREFIX.runs}watermarks.json`,
  runManifest: (runId: string) => `${PREFIX.runs}${runId}/manifest.json`,
  runPartitions: (runId: string) => `${PREFIX.runs}${runId}/partitions.json`,
  runDiscover: (runId: string) => `${PREFIX.runs}${runId}/discover.json`,
  /** What the run's sentiment-model stage did (trained / kept / none, per-language training size and score). */
  runSentimentModel: (runId: string) => `${PREFIX.runs}${runId}/sentiment-model.json`,
  /** Why a day of the run could not be analysed or aggregated (after its retries); finalize reads these. */
  runFailedDay: (runId: string, day: string) => `${PREFIX.runs}${runId}/failed-days/${assertDay(day)}.json`,
  runFailedDays: (runId: string) => `${PREFIX.runs}${runId}/failed-days/`,
};

/** The day of a conversations/, ratings/ or analysis/ key, e.g. "conversations/date=2026-11-20/part-….jsonl.gz" → "2026-11-20". */
export function dayOfKey(key: string): string | undefined {
  return /\/date=(\d{4}-\d{2}-\d{2})\//.exec(key)?.[1];
}

export function addDays(day: string, delta: number): string {
  const d = new Date(`${assertDay(day)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
