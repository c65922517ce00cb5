/**
 * Synthesises VocInsightsStack once (with real esbuild bundling of the six handlers) and checks
 * the properties that matter: encryption, TLS, lifecycle, keys, runtimes, the state machine shape,
 * the schedule, IAM on the API, alarms, and that every handler entry and bundle is real.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { HANDLER_ENTRIES, LAMBDA_TRANSIENT_ERRORS, PIPELINE_ACCESS } from '../../lib/pipeline.js';
import { BUNDLE_BUDGET_BYTES, REPO_ROOT } from '../../lib/handler-function.js';
import { ANALYSIS_COLUMNS } from '../../lib/analytics.js';
import { analyseConversation } from '../../src/core/conversation-analysis.js';
import { Conversation } from '../../src/core/schema/conversation.js';
import { allStates, buildStack, stateMachineDefinition } from './synth.js';

const CONTEXT = {
  'voc:stage': 'dev',
  'voc:nightlySchedule': 'cron(30 1 * * ? *)',
  'voc:timeZone': 'Europe/Amsterdam',
  'voc:alarmEmail': 'ops@example.com',
  'voc:dashboardOrigin': 'https://voc.example.com',
};

let template: Template;
let assemblyDir: string;
let asl: any;
let states: Record<string, any>;

type Res = { Type: string; Properties: any; Metadata?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string };
const resources = (type: string): Record<string, Res> => template.findResources(type) as Record<string, Res>;
const logicalIdOf = (type: string, predicate: (r: Res) => boolean): string => {
  const hits = Object.entries(resources(type)).filter(([, r]) => predicate(r));
  if (hits.length !== 1) throw new Error(`expected one ${type}, found ${hits.length}`);
  return hits[0]![0];
};
/** Functions by handler name, from their logical ids (Pipeline<Name>Function…, ApiQueryFunction…). */
const functionsByHandler = (): Record<string, Res> => {
  const out: Record<string, Res> = {};
  for (const [id, r] of Object.entries(resources('AWS::Lambda::Function'))) {
    const name = /^(?:Pipeline|Api)([A-Z][a-z]+)Function[0-9A-F]{8}$/.exec(id)?.[1]?.toLowerCase();
    if (name) out[name] = r;
  }
  return out;
};

beforeAll(() => {
  const { app, stack } = buildStack({ context: CONTEXT, bundle: true });
  template = Template.fromStack(stack);
  assemblyDir = app.outdir;
  asl = stateMachineDefinition(template);
  states = allStates(asl);
}, 240_000);

describe('storage', () => {
  const archiveId = () => logicalIdOf('AWS::S3::Bucket', (r) => r.Properties.VersioningConfiguration?.Status === 'Enabled');
  // The access-log bucket is the only one that does not log its own access.
  const logBucketId = () => logicalIdOf('AWS::S3::Bucket', (r) => r.Properties.LoggingConfiguration === undefined);

  it('encrypts every bucket (archive, access logs, Athena results) and blocks all public access', () => {
    const buckets = Object.values(resources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(3);
    for (const b of buckets) {
      expect(b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(/^(AES256|aws:kms)$/);
      expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.DeletionPolicy).toBe('Retain');
    }
  });

  it('denies non-TLS access to every bucket', () => {
    for (const bucketId of Object.keys(resources('AWS::S3::Bucket'))) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('versions the archive, logs access to the log bucket and applies the lifecycle rules', () => {
    const archive = resources('AWS::S3::Bucket')[archiveId()]!;
    expect(archive.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logBucketId() });
    const rules: any[] = archive.Properties.LifecycleConfiguration.Rules;
    const byPrefix = (p: string) => rules.find((r) => r.Prefix === p);
    expect(byPrefix('raw/')).toMatchObject({ Status: 'Enabled', ExpirationInDays: 90 });
    expect(byPrefix('inbox/')).toMatchObject({ Status: 'Enabled', ExpirationInDays: 90 });
    expect(rules.find((r) => r.NoncurrentVersionExpiration)).toMatchObject({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } });
    // quarantine/ is kept: no rule expires current objects outside raw/ and inbox/.
    expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => r.Prefix).sort()).toEqual(['inbox/', 'raw/']);
  });

  it('has one on-demand table with PK/SK, GSI1 and point-in-time recovery', () => {
    const tables = Object.values(resources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect(t.Properties.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(t.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    for (const k of ['PK', 'SK', 'GSI1PK', 'GSI1SK']) expect(t.Properties.AttributeDefinitions).toContainEqual({ AttributeName: k, AttributeType: 'S' });
    // Run-state items carry expiresAt (epoch seconds); DynamoDB deletes them after it.
    expect(t.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    // dev: no deletion protection, destroyed with the stack
    expect(t.Properties.DeletionProtectionEnabled).toBe(false);
    expect(t.DeletionPolicy).toBe('Delete');
  });

  it('protects and retains the table in prod', () => {
    const prod = Template.fromStack(buildStack({ context: { 'voc:stage': 'prod' } }).stack);
    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
  });
});

describe('lambda functions', () => {
  it('runs every function on Node 20+ and arm64 with X-Ray', () => {
    const fns = Object.values(resources('AWS::Lambda::Function'));
    expect(fns).toHaveLength(7);
    for (const f of fns) {
      const major = Number(/^nodejs(\d+)\.x$/.exec(f.Properties.Runtime)?.[1]);
      expect(major).toBeGreaterThanOrEqual(20);
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(f.Properties.Handler).toBe('index.handler');
      expect(f.Properties.LoggingConfig?.LogGroup).toBeDefined();
    }
  });

  it('sets memory, timeout, environment and DLQs per handler', () => {
    const fns = functionsByHandler();
    expect(Object.keys(fns).sort()).toEqual(['aggregate', 'analyze', 'curate', 'discover', 'finalize', 'ingest', 'query']);
    expect(fns.analyze!.Properties).toMatchObject({ MemorySize: 1769, Timeout: 300 });
    // discover reads the whole window on one core: a full vCPU and the longest timeout.
    expect(fns.discover!.Properties).toMatchObject({ MemorySize: 1769, Timeout: 900 });
    for (const name of ['ingest', 'aggregate', 'finalize', 'query']) expect(fns[name]!.Properties.MemorySize).toBe(1024);
    for (const [name, f] of Object.entries(fns)) {
      expect(f.Properties.Environment.Variables).toMatchObject({
        VOC_BUCKET: { Ref: expect.any(String) },
        VOC_TABLE: { Ref: expect.any(String) },
        POWERTOOLS_SERVICE_NAME: 'voc-insights',
        POWERTOOLS_METRICS_NAMESPACE: 'VocInsights',
        LOG_LEVEL: 'INFO',
      });
      // Pipeline functions dead-letter failed async invocations; the API-only query and curate functions do not.
      if (name === 'query' || name === 'curate') expect(f.Properties.DeadLetterConfig).toBeUndefined();
      else expect(f.Properties.DeadLetterConfig.TargetArn['Fn::GetAtt'][1]).toBe('Arn');
    }
  });

  it('points every NodejsFunction entry at an existing lambdas/*.ts file that exports handler', () => {
    expect(Object.keys(HANDLER_ENTRIES).sort()).toEqual(['aggregate', 'analyze', 'curate', 'discover', 'finalize', 'ingest', 'query']);
    for (const entry of Object.values(HANDLER_ENTRIES)) {
      expect(relative(REPO_ROOT, entry).split(sep)[0]).toBe('lambdas');
      expect(existsSync(entry), entry).toBe(true);
      const source = readFileSync(entry, 'utf8');
      expect(source, entry).toMatch(/export\s+(const|let|async\s+function|function)\s+handler\b|export\s*\{[^}]*\bhandler\b[^}]*\}/);
    }
  });

  it('produces ESM bundles that load under Node and export handler', () => {
    const paths = Object.values(resources('AWS::Lambda::Function')).map((f) => f.Metadata?.['aws:asset:path'] as string);
    expect(paths.every(Boolean)).toBe(true);
    for (const p of paths) {
      const file = join(assemblyDir, p, 'index.mjs');
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8').slice(0, 200)).toContain('createRequire');
      // A fresh Node process, as Lambda would: module init must not throw (e.g. native deps, __dirname).
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(file)}); process.stdout.write(typeof m.handler);`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1' },
      });
      expect(out, p).toBe('function');
    }
  });

  it('keeps every handler bundle within its budget (1 MB minified, source map apart)', () => {
    const sizes = Object.entries(functionsByHandler()).map(([name, f]) => {
      const file = join(assemblyDir, f.Metadata?.['aws:asset:path'] as string, 'index.mjs');
      return { name, bytes: statSync(file).size };
    });
    expect(sizes.map((s) => s.name).sort()).toEqual(Object.keys(HANDLER_ENTRIES).sort());
    // Over budget: `npx tsx scripts/lambda-init.ts`, then an esbuild metafile says what the bundle carries (docs/DEPLOY.md).
    expect(sizes.filter((s) => s.bytes > BUNDLE_BUDGET_BYTES)).toEqual([]);
  });

  it('grants each role only what its handler needs', () => {
    const policies = Object.values(resources('AWS::IAM::Policy'));
    const actionsOf = (roleLogicalIdPrefix: string) =>
      policies
        .filter((p) => p.Properties.Roles?.some((r: any) => String(r.Ref).startsWith(roleLogicalIdPrefix)))
        .flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
    // No role gets the AWS managed basic execution policy: each writes only to its own log group.
    for (const role of Object.values(resources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(actionsOf('PipelineIngestRole').some((a: string) => a.startsWith('dynamodb:'))).toBe(false);
    expect(actionsOf('ApiQueryRole').filter((a: string) => a.startsWith('dynamodb:')).every((a: string) => !/Put|Delete|Update|Write/.test(a))).toBe(true);
    expect(actionsOf('ApiQueryRole').some((a: string) => a.startsWith('s3:'))).toBe(false);
    expect(PIPELINE_ACCESS.ingest.delete).toContain('inbox/');
  });
});

describe('state machine', () => {
  const distributedMaps = () => Object.entries(states).filter(([, s]) => s.Type === 'Map' && s.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED');

  it('has two Distributed Maps in order: ingest → discover → analyse/aggregate → finalize', () => {
    expect(distributedMaps().map(([n]) => n).sort()).toEqual(['AnalyzePartitions', 'IngestInbox']);
    expect(asl.StartAt).toBe('AsOfGiven');
    expect(states.RunRequest.Next).toBe('IngestInbox');
    expect(states.RunRequestWithAsOf.Next).toBe('IngestInbox');
    expect(states.IngestInbox.Next).toBe('Discover');
    expect(states.Discover.Next).toBe('AnalyzePartitions');
    expect(states.AnalyzePartitions.Next).toBe('Finalize');
    expect(states.Finalize.Next).toBe('RunComplete');
    // finalize says failed when a listed day is not aggregated: the execution fails, naming the days.
    expect(states.RunComplete.Choices).toEqual([{ Variable: '$.finalized.status', StringEquals: 'failed', Next: 'DaysUnfinished' }]);
    expect(states.RunComplete.Default).toBe('RunSucceeded');
    expect(states.DaysUnfinished).toMatchObject({ Type: 'Fail', Error: 'DaysUnfinished', CausePath: '$.finalized.error' });
  });

  it('ingests every inbox/ object via S3 ListObjectsV2, 10 at a time, tolerating 5% failures', () => {
    const m = states.IngestInbox;
    expect(m.ItemReader.Resource).toMatch(/:states:::s3:listObjectsV2$/);
    expect(m.ItemReader.Parameters).toMatchObject({ Bucket: '${TOKEN}', Prefix: 'inbox/' });
    expect(m.MaxConcurrency).toBe(10);
    expect(m.ToleratedFailurePercentage).toBe(5);
    expect(m.ItemSelector).toEqual({ 'runId.$': '$.runId', 'Key.$': '$$.Map.Item.Value.Key' });
    expect(m.ItemProcessor.States.Ingest.Parameters.Payload).toEqual({ 'runId.$': '$.runId', 'Key.$': '$.Key' });
    expect(states.RunRequest.Parameters).toEqual({ 'runId.$': '$$.Execution.Name' });
  });

  it('analyses + aggregates each { date, analyse } of the JSON partitions file, 20 at a time; a day that fails after its retries is recorded and left for the next run', () => {
    const m = states.AnalyzePartitions;
    expect(m.ItemReader.Resource).toMatch(/:states:::s3:getObject$/);
    expect(m.ItemReader.ReaderConfig).toEqual({ InputType: 'JSON' });
    expect(m.ItemReader.Parameters).toEqual({ 'Bucket.$': '$.discovered.bucket', 'Key.$': '$.discovered.partitionsKey' });
    expect(states.Discover.ResultSelector).toMatchObject({ 'partitionsKey.$': '$.Payload.partitionsKey' });
    expect(m.MaxConcurrency).toBe(20);
    // 0 % is the ASL default and CDK omits it; either way no failure is tolerated.
    expect(m.ToleratedFailurePercentage ?? 0).toBe(0);
    expect(m.ToleratedFailureCount ?? 0).toBe(0);
    expect(m.ItemSelector).toEqual({ 'runId.$': '$.runId', 'date.$': '$$.Map.Item.Value.date', 'analyse.$': '$$.Map.Item.Value.analyse' });
    const child = m.ItemProcessor.States;
    expect(m.ItemProcessor.StartAt).toBe('AnalyseOrOnlyAggregate');
    // A day whose analysis is current but whose aggregation did not finish goes straight to Aggregate.
    expect(child.AnalyseOrOnlyAggregate.Choices).toEqual([{ Variable: '$.analyse', BooleanEquals: false, Next: 'Aggregate' }]);
    expect(child.AnalyseOrOnlyAggregate.Default).toBe('Analyze');
    expect(child.Analyze.Next).toBe('Aggregate');
    for (const t of ['Analyze', 'Aggregate']) {
      expect(child[t].Parameters.Payload).toEqual({ 'runId.$': '$.runId', 'date.$': '$.date' });
      expect(child[t].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordDayFailure' }]);
    }
    expect(child.RecordDayFailure.Parameters.Payload).toEqual({ 'runId.$': '$.runId', failedDay: { 'date.$': '$.date', 'error.$': '$.error' } });
    expect(child.RecordDayFailure.Next).toBe('DayLeftForNextRun');
  });

  it('retries every Lambda task on service errors and throttling with exponential backoff', () => {
    const tasks = Object.entries(states).filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([n]) => n).sort()).toEqual(['Aggregate', 'Analyze', 'Discover', 'Finalize', 'Ingest', 'RecordDayFailure', 'RecordFailure']);
    for (const [name, t] of tasks) {
      expect(t.Resource, name).toMatch(/:states:::lambda:invoke$/);
      const retry = t.Retry?.find((r: any) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
      expect(retry, name).toBeDefined();
      expect(retry.ErrorEquals).toEqual(expect.arrayContaining(LAMBDA_TRANSIENT_ERRORS));
      expect(retry.BackoffRate).toBeGreaterThan(1);
      expect(retry.MaxAttempts).toBeGreaterThanOrEqual(3);
      // Handler errors too (throttling that outlived the SDK's retries): every handler is idempotent.
      const handlerError = t.Retry.find((r: any) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(handlerError, name).toMatchObject({ ErrorEquals: ['States.TaskFailed', 'States.Timeout'], MaxAttempts: 2, BackoffRate: 3 });
    }
  });

  it('records a failure with finalize and then fails', () => {
    for (const name of ['IngestInbox', 'Discover', 'AnalyzePartitions', 'Finalize']) {
      expect(states[name].Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailure' }]);
    }
    expect(states.RecordFailure.Parameters.Payload).toMatchObject({ 'runId.$': '$$.Execution.Name', 'error.$': '$.error' });
    expect(states.RecordFailure.Next).toBe('RunFailed');
    expect(states.RunFailed).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' });
  });

  it('is a traced STANDARD state machine logging ALL events', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  it('lets the state machine read only runs/* objects directly (the partitions file)', () => {
    const smRole = logicalIdOf('AWS::IAM::Role', (r) =>
      JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('states.amazonaws.com'),
    );
    const getObject = Object.values(resources('AWS::IAM::Policy'))
      .filter((p) => p.Properties.Roles.some((r: any) => r.Ref === smRole))
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().includes('s3:GetObject'));
    expect(getObject).toHaveLength(1);
    expect(JSON.stringify(getObject[0].Resource)).toMatch(/"\/runs\/\*"\]/);
  });
});

describe('nightly schedule', () => {
  it('starts the state machine on the configured cron in the configured time zone', () => {
    const smId = logicalIdOf('AWS::StepFunctions::StateMachine', () => true);
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 1 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { Ref: smId }, DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
  });
});

describe('query API', () => {
  it('routes every read endpoint with AWS_IAM authorisation', () => {
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(['GET /alerts', 'GET /areas/{id}', 'GET /conversations', 'GET /conversations/{id}', 'GET /curation', 'GET /kpis', 'GET /quotes', 'GET /runs', 'GET /templates', 'GET /themes', 'GET /themes/{id}', 'GET /timeline', 'POST /curation']);
    for (const r of routes) expect(r.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('lets the curate function write only the CURATION partition of the table', () => {
    const role = Object.keys(resources('AWS::IAM::Role')).find((id) => /^ApiCurate/.test(id))!;
    expect(role).toBeDefined();
    const policies = Object.values(resources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(role));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Condition?: unknown }>);
    const writes = statements.filter((st) => [st.Action].flat().some((a) => /dynamodb:(Put|BatchWrite|Update|Delete)/.test(a)));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.Condition).toEqual({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['CURATION'] } });
    expect([writes[0]!.Action].flat().sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:PutItem']);
  });

  it('throttles and access-logs the default stage and allows GET from the dashboard origin', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://voc.example.com'], AllowMethods: ['GET', 'POST'] }),
    });
  });
});

describe('observability', () => {
  const alarms = () => Object.values(resources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const metricAlarms = (namespace: string, metric: string) => alarms().filter((a) => a.Namespace === namespace && a.MetricName === metric);

  it('alarms on failed executions, Lambda errors and throttles, DLQ depth and API 5xx', () => {
    expect(metricAlarms('AWS/States', 'ExecutionsFailed')).toHaveLength(1);
    expect(metricAlarms('AWS/Lambda', 'Errors')).toHaveLength(6);
    expect(metricAlarms('AWS/Lambda', 'Throttles')).toHaveLength(6);
    const dlq = metricAlarms('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(dlq).toHaveLength(Object.keys(resources('AWS::SQS::Queue')).length);
    for (const a of dlq) expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(metricAlarms('AWS/ApiGateway', '5xx')).toHaveLength(1);
  });

  it('publishes alerts to their own encrypted, TLS-only topic, from the finalize function only', () => {
    const topicId = logicalIdOf('AWS::SNS::Topic', (t) => String(t.Properties.DisplayName).endsWith('alerts'));
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: Match.stringLikeRegexp('alerts$'), KmsMasterKeyId: Match.anyValue() });
    const fns = functionsByHandler();
    expect(fns.finalize!.Properties.Environment.Variables.VOC_ALERT_TOPIC_ARN).toEqual({ Ref: topicId });
    for (const [name, f] of Object.entries(fns)) if (name !== 'finalize') expect(f.Properties.Environment.Variables.VOC_ALERT_TOPIC_ARN, name).toBeUndefined();
    const publishers = Object.values(resources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('sns:Publish'));
    expect(publishers).toHaveLength(1);
    expect(JSON.stringify(publishers[0]!.Properties.Roles)).toMatch(/Finalize/);
  });

  it('sends every alarm to the encrypted, TLS-only topic with the e-mail subscription', () => {
    const topicId = logicalIdOf('AWS::SNS::Topic', (t) => String(t.Properties.DisplayName).endsWith('alarms'));
    for (const a of alarms()) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('encrypts every queue and denies non-TLS access', () => {
    const queues = resources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(6); // five Lambda DLQs + the schedule DLQ
    for (const [id, q] of Object.entries(queues)) {
      expect(q.Properties.SqsManagedSseEnabled ?? q.Properties.KmsMasterKeyId, id).toBeTruthy();
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });
});

/** An Fn::Join / Ref value as a readable string: Refs become ${LogicalId}, other intrinsics ${TOKEN}. */
const render = (v: any): string => {
  if (typeof v === 'string') return v;
  if (v?.Ref) return `\${${v.Ref}}`;
  if (v?.['Fn::Join']) return (v['Fn::Join'][1] as any[]).map(render).join(v['Fn::Join'][0]);
  return '${TOKEN}';
};

describe('reserved concurrency', () => {
  it('reserves 20 for the query function and 10 for ingest, nothing for the others', () => {
    const fns = functionsByHandler();
    expect(fns.query!.Properties.ReservedConcurrentExecutions).toBe(20);
    expect(fns.ingest!.Properties.ReservedConcurrentExecutions).toBe(10);
    for (const name of ['discover', 'analyze', 'aggregate', 'finalize']) expect(fns[name]!.Properties.ReservedConcurrentExecutions, name).toBeUndefined();
  });

  it('reserves nothing when the context sets 0 (accounts with a low concurrency quota)', () => {
    const t = Template.fromStack(buildStack({ context: { 'voc:queryConcurrency': 0, 'voc:ingestConcurrency': '0' } }).stack);
    for (const f of Object.values(t.findResources('AWS::Lambda::Function'))) expect(f.Properties.ReservedConcurrentExecutions).toBeUndefined();
    // The ingest Distributed Map keeps its own limit of 10.
    expect(allStates(stateMachineDefinition(t)).IngestInbox.MaxConcurrency).toBe(10);
  });

  it('never lets the ingest map run more children than ingest may run', () => {
    const t = Template.fromStack(buildStack({ context: { 'voc:ingestConcurrency': 4 } }).stack);
    expect(allStates(stateMachineDefinition(t)).IngestInbox.MaxConcurrency).toBe(4);
    expect(() => buildStack({ context: { 'voc:queryConcurrency': -1 } })).toThrow(/voc:queryConcurrency/);
  });
});

describe('pseudonymisation key', () => {
  it('is a generated secret whose ARN (never its value) only the ingest function receives', () => {
    const secrets = resources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(1);
    const [secretId, secret] = Object.entries(secrets)[0]!;
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    const fns = functionsByHandler();
    expect(fns.ingest!.Properties.Environment.Variables.VOC_PSEUDONYM_SECRET_ARN).toEqual({ Ref: secretId });
    for (const [name, f] of Object.entries(fns)) {
      if (name !== 'ingest') expect(f.Properties.Environment.Variables.VOC_PSEUDONYM_SECRET_ARN, name).toBeUndefined();
      expect(f.Properties.Environment.Variables.VOC_PSEUDONYM_KEY, name).toBeUndefined();
    }
    // No deploy-time resolution of the value into the template.
    expect(JSON.stringify(template.toJSON())).not.toContain('{{resolve:secretsmanager');
  });

  it('is readable by the ingest role only', () => {
    const secretId = Object.keys(resources('AWS::SecretsManager::Secret'))[0]!;
    const readers = Object.values(resources('AWS::IAM::Policy'))
      .filter((p) =>
        p.Properties.PolicyDocument.Statement.some(
          (st: any) => [st.Action].flat().some((a: string) => a.startsWith('secretsmanager:')) && JSON.stringify(st.Resource).includes(secretId),
        ),
      )
      .flatMap((p) => p.Properties.Roles.map((r: any) => r.Ref as string));
    expect(readers).toHaveLength(1);
    expect(readers[0]).toMatch(/^PipelineIngestRole/);
    // Nothing else gets secretsmanager: actions at all.
    const others = Object.values(resources('AWS::IAM::Policy'))
      .filter((p) => !p.Properties.Roles.some((r: any) => String(r.Ref).startsWith('PipelineIngestRole')))
      .flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat()))
      .filter((a: string) => a.startsWith('secretsmanager:'));
    expect(others).toEqual([]);
  });
});

describe('analytics (Glue + Athena)', () => {
  const archiveId = () => logicalIdOf('AWS::S3::Bucket', (r) => r.Properties.VersioningConfiguration?.Status === 'Enabled');
  const resultsId = () =>
    logicalIdOf('AWS::S3::Bucket', (r) => r.Properties.LoggingConfiguration?.LogFilePrefix === 'athena-results/');
  const table = () => Object.values(resources('AWS::Glue::Table'))[0]!.Properties.TableInput;

  it('has one database and one external table over analysis/, partitioned by date', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.resourceCountIs('AWS::Glue::Table', 1);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'voc_insights_dev', Description: Match.anyValue() } });
    const t = table();
    expect(t.TableType).toBe('EXTERNAL_TABLE');
    expect(t.PartitionKeys).toEqual([expect.objectContaining({ Name: 'date', Type: 'string' })]);
    expect(render(t.StorageDescriptor.Location)).toBe(`s3://\${${archiveId()}}/analysis/`);
  });

  it('uses partition projection on date (no crawler, no MSCK) with the analysis key layout', () => {
    const p = table().Parameters;
    expect(p).toMatchObject({
      'projection.enabled': 'true',
      'projection.date.type': 'date',
      'projection.date.format': 'yyyy-MM-dd',
      'projection.date.range': '2015-01-01,NOW',
      compressionType: 'gzip',
    });
    // Same layout as src/core/storage-layout.ts: analysis/date=<day>/analysis.jsonl.gz
    expect(render(p['storage.location.template'])).toBe(`s3://\${${archiveId()}}/analysis/date=\${date}/`);
    template.resourceCountIs('AWS::Glue::Crawler', 0);
  });

  it('reads gzip JSON Lines with the OpenX SerDe, mapping the reserved start/end keys', () => {
    const sd = table().StorageDescriptor;
    expect(sd.InputFormat).toBe('org.apache.hadoop.mapred.TextInputFormat');
    expect(sd.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    expect(sd.SerdeInfo.Parameters).toMatchObject({ 'mapping.end_score': 'end', 'mapping.start_score': 'start' });
    const columns = Object.fromEntries((sd.Columns as any[]).map((c) => [c.Name, c.Type]));
    for (const name of ['id', 'day', 'source', 'channel', 'language', 'team', 'segment', 'plan', 'country', 'productarea', 'trajectory', 'quote']) {
      expect(columns[name], name).toBe('string');
    }
    expect(columns).toMatchObject({
      theme: 'struct<id:string,label:string>',
      sentiment: 'struct<label:string,score:double,mixed:struct<positive:double,negative:double>,unscored:boolean>',
      start_score: 'double',
      end_score: 'double',
      agentsentiment: 'double',
      customermessages: 'int',
      agentmessages: 'int',
      firstresponseminutes: 'int',
      resolutionminutes: 'int',
      csat: 'double',
    });
    expect(columns.end).toBeUndefined();
    expect(columns.date).toBeUndefined(); // a partition key, not a data column
  });

  it('has a column for every field of AnalysedConversation (src/core/conversation-analysis.ts)', () => {
    const source = readFileSync(join(REPO_ROOT, 'src', 'core', 'conversation-analysis.ts'), 'utf8');
    const body = /export interface AnalysedConversation \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const fields = [...body.matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]!);
    expect(fields.length).toBeGreaterThan(10);
    const jsonKeys = ANALYSIS_COLUMNS.map((c) => c.jsonKey ?? c.name);
    for (const f of fields) expect(jsonKeys, `no Glue column for AnalysedConversation.${f}`).toContain(f.toLowerCase());
  });

  it('types every key of real analysis rows, nested ones included', () => {
    // Hive type → tree of lower-case field names (arrays are looked through).
    type Shape = { [field: string]: Shape } | null;
    const parse = (type: string): Shape => {
      let i = 0;
      const node = (): Shape => {
        const word = /^\w+/.exec(type.slice(i))![0];
        i += word.length;
        if (word === 'array') {
          i++; // <
          const inner = node();
          i++; // >
          return inner;
        }
        if (word !== 'struct') return null;
        const fields: Record<string, Shape> = {};
        i++; // <
        while (type[i] !== '>') {
          const name = /^\w+/.exec(type.slice(i))![0];
          i += name.length + 1; // name:
          fields[name] = node();
          if (type[i] === ',') i++;
        }
        i++; // >
        return fields;
      };
      return node();
    };
    const columns: Record<string, Shape> = Object.fromEntries(ANALYSIS_COLUMNS.map((c) => [c.jsonKey ?? c.name, parse(c.type)]));
    const missing = new Set<string>();
    const walk = (value: unknown, shape: Shape | undefined, path: string) => {
      if (Array.isArray(value)) return value.forEach((v) => walk(v, shape, path));
      if (value === null || typeof value !== 'object') return;
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        if (!shape || !(k.toLowerCase() in shape)) missing.add(`${path}${k}`);
        else walk(v, shape[k.toLowerCase()], `${path}${k}.`);
      }
    };
    const lines = readFileSync(join(REPO_ROOT, 'data', 'sample', 'archive', 'helpdesk-en.jsonl'), 'utf8').trim().split('\n').slice(0, 200);
    for (const line of lines) walk(analyseConversation(Conversation.parse(JSON.parse(line)), undefined), columns, '');
    expect([...missing]).toEqual([]);
  });

  it('has an enforced workgroup writing SSE-encrypted results to its own bucket, with a scan cutoff', () => {
    const wgs = Object.values(resources('AWS::Athena::WorkGroup'));
    expect(wgs).toHaveLength(1);
    const cfg = wgs[0]!.Properties.WorkGroupConfiguration;
    expect(wgs[0]!.Properties.Name).toBe('voc-insights-dev');
    expect(cfg.EnforceWorkGroupConfiguration).toBe(true);
    expect(cfg.BytesScannedCutoffPerQuery).toBe(10 * 1024 ** 3);
    expect(cfg.EngineVersion).toEqual({ SelectedEngineVersion: 'AUTO' });
    expect(cfg.PublishCloudWatchMetricsEnabled).toBe(true);
    expect(cfg.ResultConfiguration.EncryptionConfiguration).toEqual({ EncryptionOption: 'SSE_S3' });
    expect(render(cfg.ResultConfiguration.OutputLocation)).toBe(`s3://\${${resultsId()}}/results/`);
    const results = resources('AWS::S3::Bucket')[resultsId()]!;
    expect(results.Properties.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })]);
  });

  it('ships example named queries in the workgroup and database', () => {
    const wgId = Object.keys(resources('AWS::Athena::WorkGroup'))[0]!;
    const queries = Object.values(resources('AWS::Athena::NamedQuery')).map((q) => q.Properties);
    expect(queries.map((q) => q.Name).sort()).toEqual(['Negative share by language, last 30 days', 'Top themes, last 30 days']);
    for (const q of queries) {
      expect(q).toMatchObject({ Database: 'voc_insights_dev', WorkGroup: { Ref: wgId } });
      expect(q.QueryString).toMatch(/FROM analysed_conversations\s+WHERE "date" >= /);
    }
  });

  it('offers researchers a managed policy limited to the workgroup, the table and analysis/', () => {
    const policies = Object.values(resources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    const statements: any[] = policies[0]!.Properties.PolicyDocument.Statement;
    const bySid = Object.fromEntries(statements.map((st) => [st.Sid, st]));
    expect(JSON.stringify(bySid.AthenaWorkGroup.Resource)).toContain(':workgroup/');
    expect(bySid.ReadAnalysisOnly.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [archiveId(), 'Arn'] }, '/analysis/*']] });
    expect(bySid.ListAnalysisOnly.Condition).toEqual({ StringLike: { 's3:prefix': ['analysis/*', ''] } });
    // Nothing on the archive beyond analysis/: no write, no delete, no other prefix.
    const archiveStatements = statements.filter((st) => JSON.stringify(st.Resource).includes(archiveId()));
    expect(archiveStatements.flatMap((st) => [st.Action].flat()).sort()).toEqual(['s3:GetBucketLocation', 's3:GetObject', 's3:ListBucket']);
    expect(statements.flatMap((st) => [st.Action].flat()).some((a: string) => a.endsWith('*'))).toBe(false);
  });

  it('outputs the workgroup, database, results bucket, researcher policy and secret ARN', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining(['AthenaWorkGroup', 'GlueDatabase', 'AthenaResultsBucketName', 'ResearcherPolicyArn', 'PseudonymSecretArn']),
    );
  });
});

describe('handler coverage', () => {
  it('exercises every deployed handler in the integration tests', () => {
    const source = readFileSync(join(REPO_ROOT, 'test', 'integration', 'handlers.test.ts'), 'utf8');
    const imported = new Set([...source.matchAll(/from\s+['"]\.\.\/\.\.\/lambdas\/([\w-]+)(?:\.js|\.ts)?['"]/g)].map((m) => m[1]));
    const deployed = Object.values(resources('AWS::Lambda::Function')).length;
    expect(deployed).toBe(Object.keys(HANDLER_ENTRIES).length);
    for (const [name, entry] of Object.entries(HANDLER_ENTRIES)) {
      const file = relative(join(REPO_ROOT, 'lambdas'), entry).replace(/\.ts$/, '');
      expect(imported, `test/integration/handlers.test.ts should import lambdas/${file} (${name})`).toContain(file);
    }
  });
});
