import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function.js';
import { acknowledge } from './nag.js';
import { ARCHIVE_PREFIX } from './storage.js';

export interface AnalyticsProps {
  readonly stage: string;
  /** The archive bucket holding analysis/date=YYYY-MM-DD/analysis.jsonl.gz. */
  readonly archiveBucket: s3.IBucket;
  /** Server-access-log destination for the query-results bucket. */
  readonly accessLogBucket: s3.IBucket;
  /** Per-query scan limit of the workgroup, in GiB. */
  readonly bytesScannedCutoffGb: number;
  /** Days before Athena query results expire. @default 30 */
  readonly resultRetentionDays?: number;
  readonly removalPolicy: RemovalPolicy;
}

/** Glue/Hive column of the analysis table, and the JSON key it reads when that differs. */
interface AnalysisColumn {
  readonly name: string;
  readonly type: string;
  readonly comment: string;
  /** JSON key, when the column name cannot be the key (reserved word in Athena). */
  readonly jsonKey?: string;
}

/**
 * The analysis row (AnalysedConversation in src/core/conversation-analysis.ts) as Hive columns.
 * The OpenX SerDe matches JSON keys case-insensitively, so camelCase keys map to lower-case
 * columns; `start`/`end` are renamed (END is reserved in Athena DML) through `mapping.*`.
 */
const DURATION = 'struct<calendarminutes:double,businessminutes:double>';
const SLA_OUTCOME = 'struct<targetminutes:double,businesshours:boolean,actualminutes:double,met:boolean>';
/** ConversationKpis; struct field names in lower case (the SerDe lower-cases nested keys too). */
const KPIS_TYPE =
  `struct<conversationid:string,firstresponse:${DURATION},fullresolution:${DURATION},requesterwait:${DURATION},` +
  'customermessages:int,agentmessages:int,agentreplies:int,internalnotes:int,botmessages:int,reopens:int,reopensfrom:string,' +
  `onetouch:boolean,csat:double,csatsatisfied:boolean,sla:struct<firstresponse:${SLA_OUTCOME},resolution:${SLA_OUTCOME}>>`;

export const ANALYSIS_COLUMNS: readonly AnalysisColumn[] = [
  { name: 'id', type: 'string', comment: 'conversation id (<source>:<sourceId>)' },
  { name: 'day', type: 'string', comment: 'UTC creation day, YYYY-MM-DD' },
  { name: 'source', type: 'string', comment: 'help desk the conversation came from' },
  { name: 'channel', type: 'string', comment: 'email, chat, phone, …' },
  { name: 'language', type: 'string', comment: 'ISO 639-1 language of the customer' },
  { name: 'team', type: 'string', comment: 'support team' },
  { name: 'segment', type: 'string', comment: 'customer segment' },
  { name: 'plan', type: 'string', comment: 'customer plan' },
  { name: 'country', type: 'string', comment: 'customer country' },
  { name: 'productarea', type: 'string', comment: 'product area (JSON productArea)' },
  { name: 'theme', type: 'struct<id:string,label:string>', comment: 'theme assigned from the catalogue of the run, after the product team\'s edits (docs/CURATION.md)' },
  { name: 'discoveredtheme', type: 'struct<id:string,label:string>', comment: 'the theme discovery gave it, when an edit (merge, split, hide, rename) changed it' },
  { name: 'sentiment', type: 'struct<label:string,score:double,mixed:struct<positive:double,negative:double>,unscored:boolean>', comment: 'customer sentiment overall, score in [-1, 1]; mixed: praise and complaint both stated (each side 0-1); unscored: language without a lexicon' },
  { name: 'start_score', type: 'double', comment: "customer's first message sentiment (JSON start)", jsonKey: 'start' },
  { name: 'end_score', type: 'double', comment: "customer's last message sentiment (JSON end)", jsonKey: 'end' },
  { name: 'trajectory', type: 'string', comment: 'improved, worsened, steady or single' },
  { name: 'agentsentiment', type: 'double', comment: 'mean sentiment of agent messages' },
  { name: 'customermessages', type: 'int', comment: 'public customer messages' },
  { name: 'agentmessages', type: 'int', comment: 'public agent messages' },
  { name: 'firstresponseminutes', type: 'int', comment: 'minutes to the first agent reply' },
  { name: 'resolutionminutes', type: 'int', comment: 'minutes from creation to close' },
  { name: 'csat', type: 'double', comment: 'customer satisfaction 1–5' },
  { name: 'assignee', type: 'string', comment: 'agent the conversation was assigned to' },
  { name: 'kpis', type: KPIS_TYPE, comment: 'support KPIs (src/core/kpis/conversation-kpis.ts); minutes are calendar (and business, with a calendar)' },
  { name: 'goodwill', type: 'array<struct<kind:string,amount:double,currency:string,percent:double,messageid:string,evidence:string>>', comment: 'refunds, credits, discounts, vouchers, replacements offered' },
  { name: 'wow', type: 'array<struct<conversationid:string,kind:string,evidence:string,messageid:string>>', comment: 'recoveries and praise' },
  { name: 'agenttone', type: 'double', comment: 'mean politeness/empathy of agent messages, [-1, 1]' },
  { name: 'quote', type: 'string', comment: 'redacted customer sentence with the strongest sentiment' },
  { name: 'quotescore', type: 'double', comment: 'sentiment of the quoted message in [-1, 1]' },
  { name: 'messages', type: 'array<struct<id:string,role:string,score:double,label:string>>', comment: 'per-message sentiment (no text)' },
  {
    name: 'thread',
    type: 'struct<messages:array<struct<id:string,role:string,at:string,text:string>>,omitted:int,words:array<string>>',
    comment: 'what a product manager may read: public messages redacted, words fewer than 3 customers used masked; search words',
  },
];

export const ANALYSIS_TABLE = 'analysed_conversations';

/**
 * Analytics for researchers: a Glue database and an external table over analysis/ (gzip JSON
 * Lines, partition projection on `date` — no crawler, no MSCK REPAIR), an Athena workgroup whose
 * enforced settings write SSE-encrypted results to a dedicated bucket and stop runaway scans, and
 * example named queries.
 */
export class Analytics extends Construct {
  readonly resultsBucket: s3.Bucket;
  readonly database: glue.CfnDatabase;
  readonly table: glue.CfnTable;
  readonly workGroup: athena.CfnWorkGroup;
  readonly databaseName: string;
  readonly namedQueries: athena.CfnNamedQuery[];
  /** Attach to a researcher's role (or SSO permission set): query the table through the workgroup, nothing else. */
  readonly researcherPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const retentionDays = props.resultRetentionDays ?? 30;

    this.resultsBucket = new s3.Bucket(this, 'QueryResults', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'athena-results/',
      // Query results are reproducible from the archive: expire them rather than keep PII-adjacent copies.
      lifecycleRules: [{ id: 'expire-query-results', expiration: Duration.days(retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Glue names: lower case, letters, digits and underscores.
    this.databaseName = `voc_insights_${props.stage.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: this.databaseName,
        description: `voc-insights ${props.stage}: analysed conversations for research (Athena workgroup voc-insights-${props.stage})`,
      },
    });
    this.database.applyRemovalPolicy(props.removalPolicy);

    const analysisRoot = `s3://${props.archiveBucket.bucketName}/${ARCHIVE_PREFIX.analysis}`;
    const serdeMappings = Object.fromEntries(ANALYSIS_COLUMNS.filter((c) => c.jsonKey).map((c) => [`mapping.${c.name}`, c.jsonKey!]));
    this.table = new glue.CfnTable(this, 'AnalysisTable', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: this.database.ref,
      tableInput: {
        name: ANALYSIS_TABLE,
        description: 'One row per analysed conversation, from analysis/date=YYYY-MM-DD/analysis.jsonl.gz (replaced whole when a day is re-analysed).',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'date', type: 'string', comment: 'UTC creation day, YYYY-MM-DD (partition projection)' }],
        parameters: {
          EXTERNAL: 'TRUE',
          classification: 'json',
          compressionType: 'gzip',
          // Partition projection: Athena computes partitions from the template, so new days are
          // queryable the moment analyze writes them (no crawler, no MSCK REPAIR TABLE).
          'projection.enabled': 'true',
          'projection.date.type': 'date',
          'projection.date.format': 'yyyy-MM-dd',
          'projection.date.range': '2015-01-01,NOW',
          'projection.date.interval': '1',
          'projection.date.interval.unit': 'DAYS',
          'storage.location.template': `${analysisRoot}date=\${date}/`,
        },
        storageDescriptor: {
          location: analysisRoot,
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          compressed: true,
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            parameters: {
              'case.insensitive': 'TRUE',
              'ignore.malformed.json': 'FALSE',
              ...serdeMappings,
            },
          },
          columns: ANALYSIS_COLUMNS.map(({ name, type, comment }) => ({ name, type, comment })),
        },
      },
    });
    this.table.applyRemovalPolicy(props.removalPolicy);

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `voc-insights-${props.stage}`,
      description: `voc-insights ${props.stage}: research queries over ${this.databaseName}.${ANALYSIS_TABLE}`,
      state: 'ENABLED',
      // Lets `cdk destroy` delete the workgroup with its saved queries and query history.
      recursiveDeleteOption: props.removalPolicy === RemovalPolicy.DESTROY,
      workGroupConfiguration: {
        // Clients cannot override the output location, encryption or scan limit.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: Math.round(props.bytesScannedCutoffGb * 1024 ** 3),
        engineVersion: { selectedEngineVersion: 'AUTO' },
        requesterPaysEnabled: false,
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`, // researcherPolicy grants this prefix
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: stack.account,
        },
      },
    });
    this.workGroup.applyRemovalPolicy(props.removalPolicy);

    const lastDays = (n: number) => `"date" >= date_format(current_date - interval '${n}' day, '%Y-%m-%d')`;
    const queries: { id: string; name: string; description: string; sql: string }[] = [
      {
        id: 'TopThemesLast30Days',
        name: 'Top themes, last 30 days',
        description: 'Conversations, average sentiment and negative share per theme over the last 30 days.',
        sql: `SELECT theme.id AS theme_id,
       theme.label AS theme,
       count(*) AS conversations,
       round(avg(sentiment.score), 3) AS avg_sentiment,
       round(100.0 * count_if(sentiment.label = 'negative') / count(*), 1) AS negative_pct
FROM ${ANALYSIS_TABLE}
WHERE ${lastDays(30)}
GROUP BY theme.id, theme.label
ORDER BY conversations DESC
LIMIT 25;`,
      },
      {
        id: 'NegativeShareByLanguage',
        name: 'Negative share by language, last 30 days',
        description: 'Share of conversations whose customer sentiment is negative, per language, over the last 30 days.',
        sql: `SELECT language,
       count(*) AS conversations,
       count_if(sentiment.label = 'negative') AS negative,
       round(100.0 * count_if(sentiment.label = 'negative') / count(*), 1) AS negative_pct,
       round(100.0 * count_if(trajectory = 'improved') / count(*), 1) AS improved_pct
FROM ${ANALYSIS_TABLE}
WHERE ${lastDays(30)}
GROUP BY language
ORDER BY conversations DESC;`,
      },
    ];
    this.namedQueries = queries.map(
      (q) =>
        new athena.CfnNamedQuery(this, q.id, {
          name: q.name,
          description: q.description,
          database: this.databaseName,
          workGroup: this.workGroup.ref,
          queryString: q.sql,
        }),
    );
    for (const q of this.namedQueries) q.node.addDependency(this.table);

    // ── least-privilege access for researchers ─────────────────────────────────────────────────
    const workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup.ref });
    const resultsPrefix = 'results/';
    this.researcherPolicy = new iam.ManagedPolicy(this, 'ResearcherPolicy', {
      description: `voc-insights ${props.stage}: run Athena queries on ${this.databaseName}.${ANALYSIS_TABLE} in workgroup voc-insights-${props.stage}`,
      statements: [
        new iam.PolicyStatement({
          sid: 'AthenaWorkGroup',
          actions: [
            'athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults',
            'athena:GetQueryResultsStream', 'athena:BatchGetQueryExecution', 'athena:ListQueryExecutions', 'athena:GetWorkGroup',
            'athena:ListNamedQueries', 'athena:GetNamedQuery', 'athena:BatchGetNamedQuery',
          ],
          resources: [workGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'GlueCatalogReadOnly',
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
          resources: [
            stack.formatArn({ service: 'glue', resource: 'catalog' }),
            stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
            stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${this.databaseName}/${ANALYSIS_TABLE}` }),
          ],
        }),
        new iam.PolicyStatement({
          sid: 'ReadAnalysisOnly',
          actions: ['s3:GetObject'],
          resources: [props.archiveBucket.arnForObjects(`${ARCHIVE_PREFIX.analysis}*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ListAnalysisOnly',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [props.archiveBucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${ARCHIVE_PREFIX.analysis}*`, ''] } },
        }),
        new iam.PolicyStatement({
          sid: 'QueryResults',
          actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
          resources: [this.resultsBucket.arnForObjects(`${resultsPrefix}*`)],
        }),
        new iam.PolicyStatement({
          sid: 'QueryResultsBucket',
          actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
          resources: [this.resultsBucket.bucketArn],
        }),
      ],
    });
    acknowledge(
      this.researcherPolicy,
      'AwsSolutions-IAM5',
      'Researchers read every object under analysis/ (one file per day, the days are the partitions Athena projects) and Athena writes ' +
        'query results under results/ with generated names; both wildcards are limited to those prefixes.',
      [
        `Resource::<${HandlerFunction.logicalId(props.archiveBucket as unknown as Construct)}.Arn>/${ARCHIVE_PREFIX.analysis}*`,
        `Resource::<${HandlerFunction.logicalId(this.resultsBucket)}.Arn>/${resultsPrefix}*`,
      ],
    );
  }
}
