import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import { PREFIX } from '../src/core/storage-layout.js';

export interface StorageProps {
  readonly stage: string;
  /** Days before raw/ and inbox/ objects expire. */
  readonly rawRetentionDays: number;
}

/**
 * Prefixes of the archive bucket: the storage layout's own table (src/core/storage-layout.ts, plain TypeScript with
 * no dependencies), so what the stages read and write and what the functions are granted cannot drift apart.
 */
export const ARCHIVE_PREFIX = PREFIX;

/**
 * The archive bucket (exports, conversations, analysis, runs), its access-log bucket, and the
 * single DynamoDB table (see docs/STORAGE.md).
 */
export class Storage extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const prod = props.stage === 'prod';

    // Buckets are always retained: the archive is the system of record and CloudFormation cannot
    // delete a non-empty versioned bucket anyway (auto-delete would add an unmanaged x86 Lambda).
    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // server access logging only supports SSE-S3 targets
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    acknowledge(
      this.accessLogBucket,
      'AwsSolutions-S1',
      'This bucket is the server-access-log destination of the archive and Athena-results buckets; logging it into itself would recurse, and another log bucket would need one in turn.',
    );

    this.bucket = new s3.Bucket(this, 'Archive', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        // Exports as received still contain PII: keep them only as long as needed to re-ingest.
        { id: 'expire-raw', prefix: ARCHIVE_PREFIX.raw, expiration: Duration.days(props.rawRetentionDays) },
        { id: 'expire-inbox', prefix: ARCHIVE_PREFIX.inbox, expiration: Duration.days(props.rawRetentionDays) },
        // quarantine/ is deliberately kept (no expiration) for investigation.
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(30),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Items that carry `expiresAt` (epoch seconds) are deleted by DynamoDB within days of that
      // time, at no write cost: run-state items (finalize sets it, RUN_HISTORY_DAYS = 400).
      timeToLiveAttribute: 'expiresAt',
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
}
