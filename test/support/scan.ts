/** Reads a whole table through the real SDK, for comparing DynamoDB before and after a re-run. */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../../src/adapters/aws-clients';
import type { VocEnvironment } from '../../src/adapters/environment';

export async function scanTable(env: VocEnvironment): Promise<Record<string, unknown>[]> {
  const clients = createAwsClients({ region: 'us-east-1', s3Endpoint: env.endpoints!.s3, dynamoEndpoint: env.endpoints!.dynamodb });
  try {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await clients.dynamo.send(new ScanCommand({ TableName: env.tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
  } finally {
    clients.destroy();
  }
}
