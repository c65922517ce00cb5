/**
 * The one place that knows where S3 and DynamoDB are. Handlers, the CLI and the tests all build
 * their clients here: against AWS (default credential chain) or against the embedded emulators.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EMULATOR_CREDENTIALS } from './emulator-credentials';

export interface AwsTarget {
  region: string;
  /** Unset for AWS; http://127.0.0.1:PORT for an emulator. */
  s3Endpoint?: string;
  dynamoEndpoint?: string;
}

export interface AwsClients {
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
  destroy(): void;
}


export function createAwsClients(target: AwsTarget): AwsClients {
  const s3 = new S3Client({
    region: target.region,
    ...(target.s3Endpoint
      ? { endpoint: target.s3Endpoint, forcePathStyle: true, credentials: EMULATOR_CREDENTIALS }
      : {}),
  });
  const raw = new DynamoDBClient({
    region: target.region,
    ...(target.dynamoEndpoint ? { endpoint: target.dynamoEndpoint, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  const dynamo = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    s3,
    dynamo,
    destroy() {
      s3.destroy();
      raw.destroy();
    },
  };
}
