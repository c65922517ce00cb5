import { type CfnElement, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (lib/..): the esbuild project root and the home of package-lock.json. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The handlers, by name. Every path is passed verbatim to NodejsFunction's `entry`. */
export const HANDLER_ENTRIES = {
  ingest: join(REPO_ROOT, 'lambdas', 'ingest.ts'),
  discover: join(REPO_ROOT, 'lambdas', 'discover.ts'),
  analyze: join(REPO_ROOT, 'lambdas', 'analyze.ts'),
  aggregate: join(REPO_ROOT, 'lambdas', 'aggregate.ts'),
  finalize: join(REPO_ROOT, 'lambdas', 'finalize.ts'),
  query: join(REPO_ROOT, 'lambdas', 'query.ts'),
  curate: join(REPO_ROOT, 'lambdas', 'curate.ts'),
} as const;

export type HandlerName = keyof typeof HANDLER_ENTRIES;

/**
 * Packages replaced in every Lambda bundle (esbuild --alias): each stand-in keeps what the handlers use and
 * drops what only inflates the bundle and its cold start. scripts/lambda-init.ts bundles with the same map.
 */
export const HANDLER_ALIASES: Record<string, string> = {
  'stopwords-iso': join(REPO_ROOT, 'lib', 'bundling', 'stopwords-iso-german.ts'),
  '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'lib', 'bundling', 'credentials-from-lambda-environment.ts'),
};

/**
 * Each handler's budget (issue 13): minified bundle bytes (1 MB taken as 10^6 bytes) and module init, measured by
 * `npx tsx scripts/lambda-init.ts`, which exits 1 over either; test/infra/stack.test.ts checks the size of the bundles
 * the stack builds.
 */
export const BUNDLE_BUDGET_BYTES = 1_000_000;
export const INIT_BUDGET_MS = 300;

/** The Lambda runtime of every handler (Node 24 is the newest Node runtime this aws-cdk-lib knows; cdk-nag L1 wants the newest). */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * ESM output needs `require` for the CommonJS dependencies esbuild inlines (natural, …).
 * Aliased import so it cannot clash with a bundled module's own `createRequire` import.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __vocCreateRequire } from 'node:module'; const require = __vocCreateRequire(import.meta.url);";


export interface HandlerFunctionProps {
  readonly handler: HandlerName;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Give the function an encrypted SQS dead-letter queue for failed asynchronous invocations. */
  readonly deadLetterQueue?: boolean;
  /** Reserved concurrency; undefined or 0 = none (0 would mean "never run" to Lambda, so it is not passed). */
  readonly reservedConcurrency?: number;
}

/** Powertools metrics namespace of every handler (lambdas/runtime.ts uses the same name). */
export const METRICS_NAMESPACE = 'VocInsights';

/**
 * One handler from lambdas/: a NodejsFunction (ARM64, ESM, local esbuild, X-Ray) with its own role,
 * its own log group and, optionally, its own DLQ. The role starts with nothing but write access to
 * its log group (no AWSLambdaBasicExecutionRole); callers add grants.
 */
export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly deadLetterQueue?: sqs.Queue;
  readonly handlerName: HandlerName;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    this.handlerName = props.handler;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `voc-insights ${props.handler} handler`,
    });
    this.logGroup.grantWrite(this.role);

    if (props.deadLetterQueue) {
      this.deadLetterQueue = new sqs.Queue(this, 'Dlq', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: props.removalPolicy,
      });
    }

    this.fn = new NodejsFunction(this, 'Function', {
      entry: HANDLER_ENTRIES[props.handler],
      handler: 'handler',
      description: props.description,
      runtime: HANDLER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: this.deadLetterQueue,
      reservedConcurrentExecutions: props.reservedConcurrency ? props.reservedConcurrency : undefined,
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE, ...props.environment },
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        // Bundle the AWS SDK too: the project pins newer clients than the runtime ships.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        esbuildArgs: {
          // The lexicons are Arabic, Persian, Chinese, German…: as UTF-8 they take a third of their \u-escaped size.
          // (Passed as an argument: this aws-cdk-lib's local bundling does not forward the `charset` option.)
          '--charset': 'utf8',
          ...Object.fromEntries(Object.entries(HANDLER_ALIASES).map(([pkg, path]) => [`--alias:${pkg}`, path])),
        },
      },
    });

    acknowledge(
      this.role,
      'AwsSolutions-IAM5',
      'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so the statement CDK adds for Tracing.ACTIVE must use "*".',
      ['Resource::*'],
    );
  }

  /** CloudFormation logical ID of a construct's default resource, for exact nag appliesTo strings. */
  static logicalId(construct: Construct): string {
    const child = construct.node.defaultChild as CfnElement | undefined;
    if (!child) throw new Error(`${construct.node.path} has no default child`);
    const stack = Stack.of(construct);
    return stack.resolve(stack.getLogicalId(child)) as string;
  }
}
