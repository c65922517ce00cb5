import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import { HandlerFunction } from './handler-function.js';

export interface QueryApiProps {
  readonly stage: string;
  readonly table: dynamodb.ITable;
  readonly logLevel: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** Origin allowed by CORS (the dashboard), e.g. "https://voc.example.com". */
  readonly dashboardOrigin: string;
  /** Steady-state requests per second of the default stage. @default 50 */
  readonly throttleRateLimit?: number;
  /** Burst of the default stage. @default 100 */
  readonly throttleBurstLimit?: number;
  /** Bucket name for the handler's VOC_BUCKET (it gets no S3 permissions). */
  readonly bucketName: string;
  /** Reserved concurrency of the query function; 0/undefined = none. */
  readonly reservedConcurrency?: number;
}

/** The read API's paths (all GET); `voc serve` answers the same ones under /api. */
export const QUERY_ROUTES = ['/themes', '/themes/{id}', '/areas/{id}', '/timeline', '/kpis', '/runs', '/conversations', '/conversations/{id}', '/quotes', '/templates', '/alerts'] as const;
/** The write API's path (GET lists the edits, POST makes one); its own function, the only one that writes from the API. */
export const CURATION_ROUTE = '/curation';

/** GET /themes, /themes/{id}, /areas/{id}, /timeline, /kpis, /runs, /conversations, /conversations/{id}, /quotes, /templates: the query Lambda behind an IAM-authorised HTTP API. */
export class QueryApi extends Construct {
  readonly handler: HandlerFunction;
  readonly curate: HandlerFunction;
  readonly httpApi: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);

    this.handler = new HandlerFunction(this, 'Query', {
      handler: 'query',
      description: 'voc-insights: themes and sentiment for the HTTP API',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        VOC_BUCKET: props.bucketName,
        VOC_TABLE: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'voc-insights',
        LOG_LEVEL: props.logLevel,
      },
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      // Invoked synchronously by API Gateway only: there are no async invocations to dead-letter.
      deadLetterQueue: false,
      reservedConcurrency: props.reservedConcurrency,
    });
    props.table.grantReadData(this.handler.role);
    acknowledge(
      this.handler.role,
      'AwsSolutions-IAM5',
      'grantReadData on the table includes <table>/index/* so the query handler can read GSI1; the grant is read-only.',
      [`Resource::<${HandlerFunction.logicalId(props.table as unknown as Construct)}.Arn>/index/*`],
    );

    // Theme edits (docs/CURATION.md): reads the catalogue entries and edits, and may write only the CURATION partition.
    this.curate = new HandlerFunction(this, 'Curate', {
      handler: 'curate',
      description: 'voc-insights: theme edits (rename, merge, split, move, hide, undo) for the HTTP API',
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: { VOC_BUCKET: props.bucketName, VOC_TABLE: props.table.tableName, POWERTOOLS_SERVICE_NAME: 'voc-insights', LOG_LEVEL: props.logLevel },
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      deadLetterQueue: false,
    });
    props.table.grantReadData(this.curate.role);
    this.curate.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteCurationEditsOnly',
        actions: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['CURATION'] } },
      }),
    );
    acknowledge(
      this.curate.role,
      'AwsSolutions-IAM5',
      'grantReadData on the table includes <table>/index/* (read-only); writes are limited to the CURATION partition by dynamodb:LeadingKeys.',
      [`Resource::<${HandlerFunction.logicalId(props.table as unknown as Construct)}.Arn>/index/*`],
    );

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `voc-insights-${props.stage}`,
      description: 'voc-insights query API (IAM/SigV4)',
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
      corsPreflight: {
        allowOrigins: [props.dashboardOrigin],
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST],
        allowHeaders: ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'],
        maxAge: Duration.hours(1),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 50, burstLimit: props.throttleBurstLimit ?? 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        // HTTP API $context variables (the REST-API jsonWithStandardFields uses some HTTP APIs lack).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            caller: '$context.identity.caller',
            user: '$context.identity.user',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('QueryIntegration', this.handler.fn);
    // One handler routes by path (src/server/read-api.ts); every route inherits the IAM default authorizer.
    for (const path of QUERY_ROUTES) this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod.GET], integration });
    // IAM-authorised like every route: the signed principal is recorded as who made the edit.
    this.httpApi.addRoutes({ path: CURATION_ROUTE, methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('CurateIntegration', this.curate.fn) });
  }

  /** Invoke URL of the default stage. */
  get url(): string {
    return this.stage.url;
  }
}
