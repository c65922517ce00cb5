import { Duration, RemovalPolicy, Stack, TimeZone, Token } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import { HandlerFunction } from './handler-function.js';
import { ARCHIVE_PREFIX } from './storage.js';

export { HANDLER_ENTRIES, HANDLER_RUNTIME, ESM_REQUIRE_BANNER } from './handler-function.js';

type Prefix = (typeof ARCHIVE_PREFIX)[keyof typeof ARCHIVE_PREFIX];
type PipelineHandler = 'ingest' | 'discover' | 'analyze' | 'aggregate' | 'finalize';

interface Access {
  /** s3:GetObject* (+ bucket-level List/GetBucket*) on these prefixes. */
  readonly read: readonly Prefix[];
  /** s3:PutObject (+ tagging/retention/abort) on these prefixes. */
  readonly put: readonly Prefix[];
  /** s3:DeleteObject* on these prefixes. */
  readonly delete: readonly Prefix[];
  readonly table: 'none' | 'read' | 'readWrite';
}

const P = ARCHIVE_PREFIX;

/**
 * Who may touch what, per handler (from src/stages and src/core/storage-layout.ts). The handler integration
 * tests run every handler through an adapter that enforces exactly what the synthesized template grants
 * (test/support/iam.ts): a stage that touches a prefix or table action not listed here fails a test.
 */
export const PIPELINE_ACCESS: Record<PipelineHandler, Access> = {
  // inbox/ → raw/ (copy, then delete the inbox object; an unreadable upload is set aside the same way), conversations/,
  // ratings/ and quarantine/ parts (stale parts of a re-ingested file are deleted), manifests/ingest/ for idempotency.
  ingest: {
    read: [P.inbox, P.raw, P.ingestManifests],
    put: [P.raw, P.conversations, P.ratings, P.quarantine, P.ingestManifests],
    delete: [P.inbox, P.conversations, P.ratings, P.quarantine],
    table: 'none',
  },
  // Learns the sentiment model from the rated conversations (models/), then reads the window of conversations/, the
  // ratings/ listing, the settings (config/) and analysis/ manifests; writes themes/ and runs/<id>/; theme and area
  // entries and the day manifests (which days are done) in the table.
  discover: {
    read: [P.conversations, P.ratings, P.analysis, P.themes, P.config, P.models, P.runs],
    put: [P.themes, P.models, P.runs],
    delete: [],
    table: 'readWrite',
  },
  // One day of conversations/ + the ratings given in the 30 days after it + the catalogue, settings and sentiment model → analysis/date=…/.
  analyze: { read: [P.conversations, P.ratings, P.analysis, P.themes, P.config, P.models], put: [P.analysis], delete: [], table: 'none' },
  // One day of analysis/ (and its manifest: the analysis id that marks the day done) → DynamoDB segment × day items.
  aggregate: { read: [P.analysis], put: [], delete: [], table: 'readWrite' },
  // Folds manifests/ingest/ into watermarks, checks every listed day is done (analysis/ manifests, day manifests),
  // reads runs/<id>/ (discover.json, failed days), writes runs/<id>/manifest.json and the run state item; records a failed day.
  // The nightly report reads the window's conversations/ and analysis/ and the SLA settings (config/) for the templates report;
  // then the night's alerts (config/alerts.json thresholds, ALERT# items, the alerts topic).
  finalize: { read: [P.ingestManifests, P.conversations, P.analysis, P.config, P.runs], put: [P.runs], delete: [], table: 'readWrite' },
};

/** Labels of the two Distributed Maps (they name the child executions). */
const MAP_LABELS = ['IngestInbox', 'AnalyzePartitions'] as const;

/** Errors a Lambda task should retry: Lambda service faults and throttling, never handler errors. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
];

/**
 * Retry of every task on a handler error too: every handler is idempotent, and the errors that reach the state
 * machine have outlived the SDK's own retries (DynamoDB throttling, S3 500s, timeouts). Three attempts in all, as the
 * local day runner's (DAY_ATTEMPTS in src/stages/days.ts).
 */
export const HANDLER_ERROR_RETRY: sfn.RetryProps = {
  errors: ['States.TaskFailed', 'States.Timeout'],
  interval: Duration.seconds(5),
  maxAttempts: 2,
  backoffRate: 3,
  maxDelay: Duration.minutes(2),
  jitterStrategy: sfn.JitterType.FULL,
};

export interface PipelineProps {
  readonly stage: string;
  readonly bucket: s3.IBucket;
  readonly table: dynamodb.ITable;
  readonly nightlySchedule: string;
  readonly timeZone: string;
  readonly logLevel: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Reserved concurrency of the ingest function; 0/undefined = none. */
  readonly ingestConcurrency?: number;
  /** Where finalize publishes the night's alerts (docs/ALERTS.md). */
  readonly alertTopic?: sns.ITopic;
}

export class Pipeline extends Construct {
  readonly functions: Record<PipelineHandler, HandlerFunction>;
  readonly stateMachine: sfn.StateMachine;
  readonly schedule: scheduler.Schedule;
  readonly scheduleDeadLetterQueue: sqs.Queue;
  /** Every DLQ of this construct (Lambda async invocations and the schedule target). */
  readonly deadLetterQueues: sqs.Queue[];
  /** The pseudonymisation key (HMAC secret for customer identities); readable by ingest only. */
  readonly pseudonymSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: PipelineProps) {
    super(scope, id);
    const { bucket, table } = props;

    const environment = {
      VOC_BUCKET: bucket.bucketName,
      VOC_TABLE: table.tableName,
      POWERTOOLS_SERVICE_NAME: 'voc-insights',
      LOG_LEVEL: props.logLevel,
    };

    // ── pseudonymisation key ────────────────────────────────────────────────────────────────────
    // Generated by Secrets Manager (the value never appears in the template, in CloudFormation or
    // in a function's configuration); ingest receives only the ARN and reads the value at cold start.
    this.pseudonymSecret = new secretsmanager.Secret(this, 'PseudonymKey', {
      description: `voc-insights ${props.stage}: HMAC key that pseudonymises customer identities at ingest`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Default aws/secretsmanager key: only IAM decides who reads it, and only ingest is granted.
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.pseudonymSecret,
      'AwsSolutions-SMG4',
      'The pseudonymisation key is deliberately not rotated: pseudonyms must stay stable so one customer links across nights and months; ' +
        'a new key re-keys every identity, which needs a planned re-ingest (raw/ expires after rawRetentionDays). Rotate by hand after a compromise (docs/DEPLOY.md).',
    );

    const make = (
      handler: PipelineHandler,
      description: string,
      memorySize: number,
      timeout: Duration,
      extra: { environment?: Record<string, string>; reservedConcurrency?: number } = {},
    ) =>
      new HandlerFunction(this, handler[0]!.toUpperCase() + handler.slice(1), {
        handler,
        description,
        memorySize,
        timeout,
        environment: { ...environment, ...extra.environment },
        logRetention: props.logRetention,
        removalPolicy: props.removalPolicy,
        deadLetterQueue: true,
        reservedConcurrency: extra.reservedConcurrency,
      });

    this.functions = {
      ingest: make('ingest', 'voc-insights: normalise, redact and partition one uploaded export', 1024, Duration.minutes(10), {
        environment: { VOC_PSEUDONYM_SECRET_ARN: this.pseudonymSecret.secretArn },
        reservedConcurrency: props.ingestConcurrency,
      }),
      // CPU-bound over the whole 30-day window (≈0.56 ms per conversation on one core, docs/DEPLOY.md):
      // a full vCPU (1,769 MB) and the 15-minute maximum cost the same GB-s and leave room for ~1M conversations in the window.
      discover: make('discover', 'voc-insights: discover themes over the window and list partitions to analyse', 1769, Duration.minutes(15)),
      analyze: make('analyze', 'voc-insights: language, sentiment and theme for one day of conversations', 1769, Duration.minutes(5)),
      aggregate: make('aggregate', 'voc-insights: aggregate one analysed day into DynamoDB', 1024, Duration.minutes(5)),
      finalize: make('finalize', 'voc-insights: the templates report, the run manifest and run state', 1024, Duration.minutes(5)),
    };

    for (const [name, hf] of Object.entries(this.functions) as [PipelineHandler, HandlerFunction][]) {
      grantAccess(hf, PIPELINE_ACCESS[name], bucket, table);
    }
    this.pseudonymSecret.grantRead(this.functions.ingest.role);
    if (props.alertTopic) {
      this.functions.finalize.fn.addEnvironment('VOC_ALERT_TOPIC_ARN', props.alertTopic.topicArn);
      props.alertTopic.grantPublish(this.functions.finalize.role);
      acknowledge(this.functions.finalize.role, 'AwsSolutions-IAM5', 'grantPublish on the KMS-encrypted alerts topic adds kms:GenerateDataKey* on that topic\'s own key (the wildcard is in the action name only).', ['Action::kms:GenerateDataKey*']);
    }

    this.stateMachine = this.buildStateMachine(props);

    // ── nightly schedule ────────────────────────────────────────────────────────────────────────
    this.scheduleDeadLetterQueue = new sqs.Queue(this, 'ScheduleDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.scheduleDeadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the EventBridge Scheduler target (failed StartExecution calls); cdk-nag only recognises SQS redrive and Lambda DLQ references as DLQ use.',
    );

    this.schedule = new scheduler.Schedule(this, 'Nightly', {
      description: `voc-insights ${props.stage}: nightly pipeline run`,
      schedule: scheduler.ScheduleExpression.expression(props.nightlySchedule, TimeZone.of(props.timeZone)),
      timeWindow: scheduler.TimeWindow.off(),
      target: new schedulerTargets.StepFunctionsStartExecution(this.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({ trigger: 'nightly-schedule' }),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });

    this.deadLetterQueues = [
      ...Object.values(this.functions).map((f) => f.deadLetterQueue!),
      this.scheduleDeadLetterQueue,
    ];
  }

  private buildStateMachine(props: PipelineProps): sfn.StateMachine {
    const { bucket } = props;
    const fns = this.functions;
    // States get their own scope: their construct ids are the ASL state names.
    const states = new Construct(this, 'States');

    const invoke = (id: string, hf: HandlerFunction, payload: Record<string, unknown> | sfn.TaskInput, opts: Partial<tasks.LambdaInvokeProps> = {}) => {
      const task = new tasks.LambdaInvoke(states, id, {
        lambdaFunction: hf.fn,
        payload: payload instanceof sfn.TaskInput ? payload : sfn.TaskInput.fromObject(payload),
        retryOnServiceExceptions: false, // replaced by the explicit retry below (adds throttling)
        ...opts,
      });
      task.addRetry({
        errors: LAMBDA_TRANSIENT_ERRORS,
        interval: Duration.seconds(2),
        maxAttempts: 6,
        backoffRate: 2,
        maxDelay: Duration.minutes(1),
        jitterStrategy: sfn.JitterType.FULL,
      });
      task.addRetry(HANDLER_ERROR_RETRY);
      return task;
    };

    // ── failure path: record the failed run, then fail with the original error ─────────────────
    const runFailed = new sfn.Fail(states, 'RunFailed', {
      comment: 'The run failed; finalize has recorded it.',
      errorPath: '$.error.Error',
      causePath: '$.error.Cause',
    });
    // finalize's event: { runId, startedAt?, error?: { Error, Cause } } — an error marks the run failed.
    const startedAt = sfn.JsonPath.stringAt('$$.Execution.StartTime');
    const recordFailure = invoke('RecordFailure', fns.finalize, {
      runId: sfn.JsonPath.stringAt('$$.Execution.Name'),
      startedAt,
      error: sfn.JsonPath.objectAt('$.error'),
    }, { resultPath: sfn.JsonPath.DISCARD, comment: 'finalize with the error that stopped the run' });
    recordFailure.addCatch(runFailed, { resultPath: '$.finalizeError' });
    recordFailure.next(runFailed);
    const onError = { resultPath: '$.error' };

    // ── a) ingest every object under inbox/ ────────────────────────────────────────────────────
    const ingest = invoke('Ingest', fns.ingest, {
      runId: sfn.JsonPath.stringAt('$.runId'),
      Key: sfn.JsonPath.stringAt('$.Key'),
    }, {
      // Keep each child's output tiny: the Map collects all of them (256 KiB state limit).
      resultSelector: { 'normalised.$': '$.Payload.normalised', 'quarantined.$': '$.Payload.quarantined' },
    });
    const ingestInbox = new sfn.DistributedMap(states, 'IngestInbox', {
      comment: 'One child execution per object under inbox/ (S3 ListObjectsV2).',
      label: MAP_LABELS[0],
      itemReader: new sfn.S3ObjectsItemReader({ bucket, prefix: ARCHIVE_PREFIX.inbox }),
      // Evaluated in the parent execution: $ is the Map's input, $$.Map.Item.Value the listed object.
      itemSelector: {
        runId: sfn.JsonPath.stringAt('$.runId'),
        Key: sfn.JsonPath.stringAt('$$.Map.Item.Value.Key'),
      },
      // Never more children than ingest may run at once: excess invocations would only be throttled.
      maxConcurrency: Math.min(10, props.ingestConcurrency || 10),
      toleratedFailurePercentage: 5,
      resultPath: sfn.JsonPath.DISCARD,
    });
    ingestInbox.itemProcessor(ingest);
    ingestInbox.addCatch(recordFailure, onError);

    // ── b) discover themes and the partitions to analyse ───────────────────────────────────────
    // asOf is optional in the execution input; a JSONPath payload cannot omit a missing field, so
    // a Choice builds the run request { runId, asOf? } before anything else runs.
    const discover = invoke('Discover', fns.discover, sfn.TaskInput.fromJsonPathAt('$'), {
      resultSelector: {
        partitionsKey: sfn.JsonPath.stringAt('$.Payload.partitionsKey'),
        // The JSON item reader reads the bucket from the state (bucketNamePath) so the state machine
        // can be granted s3:GetObject on runs/* only; with `bucket` CDK would grant the whole bucket.
        bucket: bucket.bucketName,
      },
      resultPath: '$.discovered',
    });
    discover.addCatch(recordFailure, onError);

    // ── c) analyse + aggregate every partition listed by discover ──────────────────────────────
    // A day whose analysis is current but whose aggregation did not finish (`analyse: false`, day-state.ts) goes
    // straight to Aggregate. A day that still fails after its retries (HANDLER_ERROR_RETRY) is recorded by finalize
    // and left for the next night, whose discovery lists it again, while the other days go on.
    const dayPayload = { runId: sfn.JsonPath.stringAt('$.runId'), date: sfn.JsonPath.stringAt('$.date') };
    const analyze = invoke('Analyze', fns.analyze, dayPayload, { resultPath: sfn.JsonPath.DISCARD });
    const aggregate = invoke('Aggregate', fns.aggregate, dayPayload, {
      resultSelector: { 'date.$': '$.Payload.date', 'items.$': '$.Payload.items' },
    });
    const dayFailed = invoke('RecordDayFailure', fns.finalize, {
      runId: sfn.JsonPath.stringAt('$.runId'),
      failedDay: { date: sfn.JsonPath.stringAt('$.date'), error: sfn.JsonPath.objectAt('$.error') },
    }, { resultPath: sfn.JsonPath.DISCARD, comment: 'the day failed after its retries: say why for finalize; the next run lists it again' });
    dayFailed.next(new sfn.Pass(states, 'DayLeftForNextRun'));
    for (const task of [analyze, aggregate]) task.addCatch(dayFailed, { resultPath: '$.error' });
    const analyseOrAggregate = new sfn.Choice(states, 'AnalyseOrOnlyAggregate', { comment: 'analyse: false — the analysis is current, only its aggregates are missing' })
      .when(sfn.Condition.booleanEquals('$.analyse', false), aggregate)
      .otherwise(analyze.next(aggregate));
    const analyzePartitions = new sfn.DistributedMap(states, 'AnalyzePartitions', {
      comment: 'One child execution per { date, analyse } in the partitions file written by discover.',
      label: MAP_LABELS[1],
      itemReader: new sfn.S3JsonItemReader({
        bucketNamePath: sfn.JsonPath.stringAt('$.discovered.bucket'),
        key: sfn.JsonPath.stringAt('$.discovered.partitionsKey'),
      }),
      itemSelector: {
        runId: sfn.JsonPath.stringAt('$.runId'),
        date: sfn.JsonPath.stringAt('$$.Map.Item.Value.date'),
        analyse: sfn.JsonPath.stringAt('$$.Map.Item.Value.analyse'),
      },
      maxConcurrency: 20,
      // 0 is the ASL default, so CDK does not render the field. Children catch their own day's failure, so a failed
      // child means the failure could not even be recorded: the run fails.
      toleratedFailurePercentage: 0,
      resultPath: sfn.JsonPath.DISCARD,
    });
    analyzePartitions.itemProcessor(analyseOrAggregate);
    analyzePartitions.addCatch(recordFailure, onError);

    // ── d) finalize ─────────────────────────────────────────────────────────────────────────────
    // Finalize decides the status: failed when a listed day is not aggregated (it names the days and why).
    const finalize = invoke('Finalize', fns.finalize, { runId: sfn.JsonPath.stringAt('$.runId'), startedAt }, {
      resultSelector: { 'runId.$': '$.Payload.runId', 'status.$': '$.Payload.status', 'error.$': '$.Payload.error' },
      resultPath: '$.finalized',
    });
    finalize.addCatch(recordFailure, onError);
    const daysUnfinished = new sfn.Fail(states, 'DaysUnfinished', {
      comment: 'Some days were not aggregated after their retries; finalize recorded which and why, and the next run lists them again.',
      error: 'DaysUnfinished',
      causePath: '$.finalized.error',
    });
    const finalized = new sfn.Choice(states, 'RunComplete')
      .when(sfn.Condition.stringEquals('$.finalized.status', 'failed'), daysUnfinished)
      .otherwise(new sfn.Succeed(states, 'RunSucceeded'));

    // ── run request: { runId: execution name, asOf?: from the input } ──────────────────────────
    const runId = sfn.JsonPath.stringAt('$$.Execution.Name');
    const withAsOf = new sfn.Pass(states, 'RunRequestWithAsOf', { parameters: { runId, asOf: sfn.JsonPath.stringAt('$.asOf') } });
    const withoutAsOf = new sfn.Pass(states, 'RunRequest', { parameters: { runId } });
    const start = new sfn.Choice(states, 'AsOfGiven', { comment: 'Analyse as of a given day, or as of today.' })
      .when(sfn.Condition.isPresent('$.asOf'), withAsOf)
      .otherwise(withoutAsOf)
      .afterwards();

    const definition = start
      .next(ingestInbox)
      .next(discover)
      .next(analyzePartitions)
      .next(finalize)
      .next(finalized);

    const logGroup = new logs.LogGroup(this, 'StateMachineLogs', {
      logGroupName: `/aws/vendedlogs/states/voc-insights-${props.stage}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    const stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'voc-insights nightly run: ingest inbox/ → discover → analyse + aggregate each day → finalize',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.hours(12),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    // The partitions file written by discover (runs/<runId>/partitions.json), see bucketNamePath above.
    stateMachine.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${ARCHIVE_PREFIX.runs}*`)] }),
    );

    const bucketId = HandlerFunction.logicalId(bucket as unknown as Construct);
    acknowledge(
      stateMachine,
      'AwsSolutions-IAM5',
      'CDK LambdaInvoke grants lambda:InvokeFunction on <function>:* (versions and aliases) of each pipeline function the state machine calls.',
      Object.values(fns).map((f) => `Resource::<${HandlerFunction.logicalId(f.fn)}.Arn>:*`),
    );
    acknowledge(
      stateMachine,
      'AwsSolutions-IAM5',
      'Distributed Map (CDK DistributedMapPolicy): the state machine must describe and stop its executions (execution:<state machine>:*) and redrive the child executions of its two labelled maps (execution:<state machine>/<label>:*); their ids are generated at run time.',
      [distributedMapExecutionFinding(stateMachine), ...MAP_LABELS.map((label) => distributedMapExecutionFinding(stateMachine, label))],
    );
    acknowledge(
      stateMachine,
      'AwsSolutions-IAM5',
      'The analyse Distributed Map reads the partitions file discover writes to runs/<runId>/partitions.json; the run id is only known at run time, so the grant is runs/*.',
      [`Resource::<${bucketId}.Arn>/${ARCHIVE_PREFIX.runs}*`],
    );
    acknowledge(
      stateMachine,
      'AwsSolutions-IAM5',
      'Vended-log delivery for state machine logging (logs:CreateLogDelivery, logs:DescribeResourcePolicies, …) and X-Ray tracing (xray:PutTraceSegments, …) do not support resource-level permissions.',
      ['Resource::*'],
    );
    return stateMachine;
  }
}

function grantAccess(hf: HandlerFunction, access: Access, bucket: s3.IBucket, table: dynamodb.ITable): void {
  const appliesTo: string[] = [];
  const bucketId = HandlerFunction.logicalId(bucket as unknown as Construct);
  for (const prefix of access.read) bucket.grantRead(hf.role, `${prefix}*`);
  for (const prefix of access.put) bucket.grantPut(hf.role, `${prefix}*`);
  for (const prefix of access.delete) bucket.grantDelete(hf.role, `${prefix}*`);
  const prefixes = [...new Set([...access.read, ...access.put, ...access.delete])];
  for (const prefix of prefixes) appliesTo.push(`Resource::<${bucketId}.Arn>/${prefix}*`);
  if (access.read.length) appliesTo.push('Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*');
  if (access.put.length) appliesTo.push('Action::s3:Abort*');
  if (access.delete.length) appliesTo.push('Action::s3:DeleteObject*');
  if (access.table === 'read') table.grantReadData(hf.role);
  if (access.table === 'readWrite') table.grantReadWriteData(hf.role);
  if (access.table !== 'none') appliesTo.push(`Resource::<${HandlerFunction.logicalId(table as unknown as Construct)}.Arn>/index/*`);
  if (!appliesTo.length) return;
  acknowledge(
    hf.role,
    'AwsSolutions-IAM5',
    `CDK bucket/table grants scoped to what the ${hf.handlerName} handler touches: object wildcards are limited to its prefixes ` +
      `(${prefixes.join(', ') || 'none'}); the s3 action wildcards (GetObject*, GetBucket*, List*, Abort*, DeleteObject*) are the ` +
      'action families CDK emits for grantRead/grantPut/grantDelete; <table>/index/* lets it query GSI1.',
    appliesTo,
  );
}

/** The IAM5 finding cdk-nag reports for the child executions of a labelled Distributed Map. */
function distributedMapExecutionFinding(stateMachine: sfn.StateMachine, label?: string): string {
  const stack = Stack.of(stateMachine);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const name = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${HandlerFunction.logicalId(stateMachine)}"}]}]}`;
  return `Resource::arn:<AWS::Partition>:states:${region}:${account}:execution:${name}${label ? `/${label}` : ''}:*`;
}
