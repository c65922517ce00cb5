/** Reads a whole table, for comparing it before and after a re-run: through the real SDK on the emulators, from the files otherwise. */
import fs from 'node:fs';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../../src/adapters/aws-clients';
import type { VocEnvironment } from '../../src/adapters/environment';

export async function scanTable(env: VocEnvironment): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  if (env.source?.kind === 'files') {
    const root = path.join(env.source.dataDir, 'table', 'items');
    for (const partition of fs.existsSync(root) ? fs.readdirSync(root) : []) {
      for (const name of fs.readdirSync(path.join(root, partition))) {
        if (name.endsWith('.json')) items.push(JSON.parse(fs.readFileSync(path.join(root, partition, name), 'utf8')));
      }
    }
  } else {
    const clients = createAwsClients({ region: 'us-east-1', s3Endpoint: env.endpoints!.s3, dynamoEndpoint: env.endpoints!.dynamodb });
    try {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await clients.dynamo.send(new ScanCommand({ TableName: env.tableName, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
    } finally {
      clients.destroy();
    }
  }
  return items.sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
}
