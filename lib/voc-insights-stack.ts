import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { Analytics } from './analytics.js';
import { QueryApi } from './api.js';
import { AlertTopic } from './alerts.js';
import { DEFAULTS, type LogLevel } from './config.js';
import { Observability } from './observability.js';
import { Pipeline } from './pipeline.js';
import { Storage } from './storage.js';

export interface VocInsightsStackProps extends StackProps {
  readonly stage: string;
  /** EventBridge Scheduler cron expression, e.g. "cron(0 2 * * ? *)". */
  readonly nightlySchedule: string;
  /** IANA time zone of the schedule. */
  readonly timeZone: string;
  /** @default 90 */
  readonly rawRetentionDays?: number;
  /** @default INFO */
  readonly logLevel?: LogLevel;
  readonly alarmEmail?: string;
  /** Subscribed to the alerts topic (docs/ALERTS.md). */
  readonly alertEmail?: string;
  /** Origin the HTTP API's CORS allows. @default http://localhost:5173 */
  readonly dashboardOrigin?: string;
  /** Reserved concurrency of the query function; 0 = none. @default 20 */
  readonly queryConcurrency?: number;
  /** Reserved concurrency of the ingest function; 0 = none. @default 10 */
  readonly ingestConcurrency?: number;
  /** Athena per-query scan limit in GiB. @default 10 */
  readonly athenaScanLimitGb?: number;
}

/** voc-insights: storage, the nightly pipeline, the query API and their alarms. */
export class VocInsightsStack extends Stack {
  readonly storage: Storage;
  readonly pipeline: Pipeline;
  readonly api: QueryApi;
  readonly alerts: AlertTopic;
  readonly observability: Observability;
  readonly analytics: Analytics;

  constructor(scope: Construct, id: string, props: VocInsightsStackProps) {
    super(scope, id, props);
    const prod = props.stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = prod ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_MONTH;
    const logLevel = props.logLevel ?? DEFAULTS.logLevel;

    this.storage = new Storage(this, 'Storage', {
      stage: props.stage,
      rawRetentionDays: props.rawRetentionDays ?? DEFAULTS.rawRetentionDays,
    });

    this.alerts = new AlertTopic(this, 'Alerts', { stage: props.stage, removalPolicy, alertEmail: props.alertEmail });

    this.pipeline = new Pipeline(this, 'Pipeline', {
      stage: props.stage,
      bucket: this.storage.bucket,
      table: this.storage.table,
      nightlySchedule: props.nightlySchedule,
      timeZone: props.timeZone,
      logLevel,
      logRetention,
      removalPolicy,
      ingestConcurrency: props.ingestConcurrency ?? DEFAULTS.ingestConcurrency,
      alertTopic: this.alerts.topic,
    });

    this.api = new QueryApi(this, 'Api', {
      stage: props.stage,
      table: this.storage.table,
      bucketName: this.storage.bucket.bucketName,
      logLevel,
      logRetention,
      removalPolicy,
      dashboardOrigin: props.dashboardOrigin ?? DEFAULTS.dashboardOrigin,
      reservedConcurrency: props.queryConcurrency ?? DEFAULTS.queryConcurrency,
    });

    this.analytics = new Analytics(this, 'Analytics', {
      stage: props.stage,
      archiveBucket: this.storage.bucket,
      accessLogBucket: this.storage.accessLogBucket,
      bytesScannedCutoffGb: props.athenaScanLimitGb ?? DEFAULTS.athenaScanLimitGb,
      removalPolicy,
    });

    const fns = this.pipeline.functions;
    this.observability = new Observability(this, 'Observability', {
      stage: props.stage,
      stateMachine: this.pipeline.stateMachine,
      functions: [fns.ingest, fns.discover, fns.analyze, fns.aggregate, fns.finalize, this.api.handler],
      deadLetterQueues: [
        ...Object.values(fns).map((f) => ({ id: capitalise(f.handlerName), queue: f.deadLetterQueue! })),
        { id: 'Schedule', queue: this.pipeline.scheduleDeadLetterQueue },
      ],
      httpApi: this.api.httpApi,
      alarmEmail: props.alarmEmail,
      removalPolicy,
    });

    new CfnOutput(this, 'ArchiveBucketName', { value: this.storage.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'StateMachineArn', { value: this.pipeline.stateMachine.stateMachineArn });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'PseudonymSecretArn', { value: this.pipeline.pseudonymSecret.secretArn });
    new CfnOutput(this, 'AthenaWorkGroup', { value: this.analytics.workGroup.ref });
    new CfnOutput(this, 'GlueDatabase', { value: this.analytics.databaseName });
    new CfnOutput(this, 'AthenaResultsBucketName', { value: this.analytics.resultsBucket.bucketName });
    new CfnOutput(this, 'ResearcherPolicyArn', { value: this.analytics.researcherPolicy.managedPolicyArn });
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
