/**
 * ALERTS, after each night (docs/ALERTS.md): the events core/alerts/detect.ts finds in the stored aggregates are
 * stored under their dedupe key and published once. An event already stored is not published again, so re-running
 * a night, or the next night while the same event lasts the same week, publishes nothing.
 *
 * Delivery is at least once, per destination: an alert is stored with the destinations that took it; one that
 * failed gets it again on the next run that finds the same event (the same week), the others do not. An event no
 * destination took is not stored, so the next run publishes it anew. Receivers dedupe on the key the payload carries.
 */
import { AlertsConfig, alertsReadFrom, detectAlerts, type Alert } from '../core/alerts/detect';
import { ALL_SEGMENT, keys } from '../core/aggregation/keys';
import { layout } from '../core/storage-layout';
import type { BlobStore, KeyValueTable, Stores } from '../ports';
import { latestState, themeDayRows, themeLabels } from './query';
import { jsonSettingsFile } from './json-settings';

/** Somewhere alerts go: a webhook, an SNS topic (src/adapters). */
export interface AlertPublisher {
  /** for the record: "webhook https://…", "sns arn:…" */
  name: string;
  publish(alert: Alert): Promise<void>;
}

/** config/alerts.json: where the nights' alerts go and what they ignore. */
const alertsFile = jsonSettingsFile(layout.alertsConfig(), AlertsConfig, ' (docs/ALERTS.md lists the settings)');
export const parseAlertsConfig = alertsFile.parse;
export const loadAlertsConfig = alertsFile.load;
export const saveAlertsConfig = alertsFile.save;

export interface StoredAlert extends Alert {
  /** when it was first published */
  publishedAt: string;
  runId: string;
  /** where it went */
  destinations: string[];
}

export interface AlertsResult {
  /** events the night's aggregates show */
  detected: number;
  /** of them, published now (new events) */
  published: StoredAlert[];
  /** of them, published on an earlier run */
  alreadyPublished: number;
  /** events a destination refused: not stored, published again next time */
  failed: Array<{ dedupeKey: string; destination: string; error: string }>;
}

/** The team segments seen in the data (SEGMENTS items), plus everyone. */
async function teamSegments(table: KeyValueTable): Promise<string[]> {
  const teams: string[] = [ALL_SEGMENT];
  for await (const item of table.query({ partition: 'SEGMENTS', beginsWith: 'team:' })) teams.push(item.SK);
  return teams;
}

/** The night's events, as detectAlerts finds them in the stored aggregates ending on the newest day. */
export async function detectNightAlerts(table: KeyValueTable, config: AlertsConfig): Promise<Alert[]> {
  const latest = await latestState(table);
  if (!latest) return [];
  const day = latest.latestDay;
  const from = alertsReadFrom(day);
  const themeRows = await themeDayRows(table, ALL_SEGMENT, from, day);
  const teamRows = new Map<string, typeof themeRows>();
  for (const segment of await teamSegments(table)) {
    const rows = segment === ALL_SEGMENT ? themeRows : await themeDayRows(table, segment, from, day);
    teamRows.set(segment === ALL_SEGMENT ? 'all' : segment.slice('team:'.length), rows);
  }
  const metas = await themeLabels(table, [...new Set(themeRows.map((r) => r.themeId))]);
  const labels = new Map([...metas].map(([id, m]) => [id, m.label as string]));
  return detectAlerts(day, themeRows, teamRows, config, labels);
}

export async function alertStage(stores: Stores, options: { runId: string; publishers: AlertPublisher[]; config?: AlertsConfig; now?: () => Date }): Promise<AlertsResult> {
  const { table, blobs } = stores;
  const config = options.config ?? (await loadAlertsConfig(blobs));
  const alerts = await detectNightAlerts(table, config);
  const result: AlertsResult = { detected: alerts.length, published: [], alreadyPublished: 0, failed: [] };
  const stored = await table.getMany(alerts.map((a) => keys.alert(a.dedupeKey, '')).map(({ PK, SK }) => ({ PK, SK })));
  for (const [i, alert] of alerts.entries()) {
    const prior = stored[i]?.alert as StoredAlert | undefined;
    // Each destination gets an event once: a stored alert goes only to destinations that have not taken it yet.
    const pending = options.publishers.filter((p) => !prior?.destinations.includes(p.name));
    if (prior) result.alreadyPublished++;
    if (prior && !pending.length) continue;
    const delivered = [...(prior?.destinations ?? [])];
    for (const publisher of pending) {
      try {
        await publisher.publish(alert);
        delivered.push(publisher.name);
      } catch (error) {
        result.failed.push({ dedupeKey: alert.dedupeKey, destination: publisher.name, error: (error as Error).message });
      }
    }
    // Stored once some destination took it (or there is none): an event no destination took is tried again whole.
    if (delivered.length === (prior?.destinations.length ?? 0) && (prior || options.publishers.length)) continue;
    const publishedAt = prior?.publishedAt ?? (options.now?.() ?? new Date()).toISOString();
    const record: StoredAlert = { ...alert, publishedAt, runId: prior?.runId ?? options.runId, destinations: delivered };
    await table.putMany([{ ...keys.alert(alert.dedupeKey, alert.day), type: 'alert', alert: record }]);
    if (!prior) result.published.push(record);
  }
  return result;
}

/**
 * The night's alerts with the config stored with the data: a config that cannot be read is reported as a failure
 * (no alerts tonight), never a failed night; a storage fault is thrown, like any other of the night.
 */
export async function alertsAfterNight(stores: Stores, options: { runId: string; publishers?: (config: AlertsConfig) => AlertPublisher[]; now?: () => Date }): Promise<AlertsResult> {
  const config = await loadAlertsConfig(stores.blobs).catch((error: Error) => error);
  if (config instanceof Error) return { detected: 0, published: [], alreadyPublished: 0, failed: [{ dedupeKey: '*', destination: 'alerts config', error: config.message }] };
  return alertStage(stores, { runId: options.runId, config, publishers: options.publishers?.(config) ?? [], now: options.now });
}

/** Alerts published so far, newest day first. */
export async function listAlerts(table: KeyValueTable, limit = 50): Promise<StoredAlert[]> {
  const out: StoredAlert[] = [];
  for await (const item of table.query({ index: 'GSI1', partition: 'ALERTS' })) out.push(item.alert as StoredAlert);
  return out.reverse().slice(0, limit);
}
