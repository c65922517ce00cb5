/**
 * Stack configuration: the props of VocInsightsStack, and how they are read from CDK context
 * (cdk.json or `-c key=value`). Shared by bin/app.ts and the infrastructure tests so both
 * synthesise the same stack.
 */
import type { Node } from 'constructs';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface VocConfig {
  /** Deployment stage, e.g. "dev" or "prod". "prod" turns on deletion protection and RETAIN. */
  readonly stage: string;
  /** EventBridge Scheduler cron expression for the nightly run, e.g. "cron(0 2 * * ? *)". */
  readonly nightlySchedule: string;
  /** IANA time zone the nightly schedule is evaluated in, e.g. "Europe/Amsterdam". */
  readonly timeZone: string;
  /** Days before objects under raw/ and inbox/ expire (they still hold PII). */
  readonly rawRetentionDays: number;
  /** LOG_LEVEL of every handler (Powertools). */
  readonly logLevel: LogLevel;
  /** E-mail address subscribed to the alarm topic, if any. */
  readonly alarmEmail?: string;
  /** E-mail address subscribed to the alerts topic (rising themes, sentiment and SLA shifts), if any. */
  readonly alertEmail?: string;
  /** Origin of the dashboard allowed by the HTTP API's CORS configuration. */
  readonly dashboardOrigin?: string;
  /**
   * Reserved concurrency of the query (HTTP API) function: caps what an API flood can read from
   * DynamoDB and guarantees the API capacity the nightly fan-out cannot take. 0 = no reservation.
   */
  readonly queryConcurrency?: number;
  /**
   * Reserved concurrency of the ingest function (matches the ingest Distributed Map's
   * maxConcurrency of 10): bounds S3 request rates and memory spend on a large upload batch.
   * 0 = no reservation.
   */
  readonly ingestConcurrency?: number;
  /** Athena workgroup per-query scan limit, GiB. */
  readonly athenaScanLimitGb?: number;
}

export const DEFAULTS = {
  stage: 'dev',
  nightlySchedule: 'cron(0 2 * * ? *)',
  timeZone: 'UTC',
  rawRetentionDays: 90,
  logLevel: 'INFO',
  dashboardOrigin: 'http://localhost:5173',
  queryConcurrency: 20,
  ingestConcurrency: 10,
  athenaScanLimitGb: 10,
} as const satisfies Partial<VocConfig>;

const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** Reads `voc:*` context keys. Throws with a readable message on an invalid value. */
export function configFromContext(node: Node): VocConfig {
  const str = (key: string): string | undefined => {
    const v: unknown = node.tryGetContext(key);
    if (v === undefined || v === null || v === '') return undefined;
    return String(v);
  };

  const stage = str('voc:stage') ?? DEFAULTS.stage;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,20}$/.test(stage)) throw new Error(`voc:stage must be alphanumeric (got "${stage}")`);

  const nightlySchedule = str('voc:nightlySchedule') ?? DEFAULTS.nightlySchedule;
  if (!/^cron\(.+\)$/.test(nightlySchedule)) {
    throw new Error(`voc:nightlySchedule must be an EventBridge Scheduler cron expression like "cron(0 2 * * ? *)" (got "${nightlySchedule}")`);
  }

  const timeZone = str('voc:timeZone') ?? DEFAULTS.timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`voc:timeZone must be an IANA time zone such as "Europe/Amsterdam" (got "${timeZone}")`);
  }

  const retention = str('voc:rawRetentionDays');
  const rawRetentionDays = retention === undefined ? DEFAULTS.rawRetentionDays : Number(retention);
  if (!Number.isInteger(rawRetentionDays) || rawRetentionDays < 1) {
    throw new Error(`voc:rawRetentionDays must be a positive integer (got "${retention}")`);
  }

  const logLevel = (str('voc:logLevel') ?? DEFAULTS.logLevel).toUpperCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`voc:logLevel must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);

  // 0 (or "off") disables a reservation: new accounts whose concurrency quota is 10 cannot reserve
  // any (Lambda keeps 10 unreserved), and CloudFormation would fail the deployment, not synth.
  const concurrency = (key: string, fallback: number): number => {
    const raw = str(key);
    if (raw === undefined) return fallback;
    if (/^(off|none|false)$/i.test(raw)) return 0;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Error(`${key} must be an integer from 0 (no reservation) to 1000 (got "${raw}")`);
    return n;
  };
  const queryConcurrency = concurrency('voc:queryConcurrency', DEFAULTS.queryConcurrency);
  const ingestConcurrency = concurrency('voc:ingestConcurrency', DEFAULTS.ingestConcurrency);

  const scan = str('voc:athenaScanLimitGb');
  const athenaScanLimitGb = scan === undefined ? DEFAULTS.athenaScanLimitGb : Number(scan);
  if (!Number.isFinite(athenaScanLimitGb) || athenaScanLimitGb < 0.01) {
    throw new Error(`voc:athenaScanLimitGb must be a number of GiB, at least 0.01 (Athena's 10 MB minimum) (got "${scan}")`);
  }

  return {
    stage,
    nightlySchedule,
    timeZone,
    rawRetentionDays,
    logLevel,
    alarmEmail: str('voc:alarmEmail'),
    alertEmail: str('voc:alertEmail'),
    dashboardOrigin: str('voc:dashboardOrigin') ?? DEFAULTS.dashboardOrigin,
    queryConcurrency,
    ingestConcurrency,
    athenaScanLimitGb,
  };
}
