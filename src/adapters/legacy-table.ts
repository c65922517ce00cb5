/**
 * Data folders written before the local runtime moved to files kept the table in dynalite's LevelDB under
 * `dynamodb/`. The first open of such a folder copies its items into `table/` once (run history, theme
 * catalogue entries, watermarks, day manifests), so nothing is lost; the old per-theme aggregate rows are
 * left behind, since every day is aggregated again into segment × day items on the next run (ANALYSIS_VERSION 5)
 * and the day manifests then drop them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KeyValueTable, TableItem } from '../ports';
import { LOCAL_TABLE } from './data-folder';

export function hasLegacyTable(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'dynamodb')) && !fs.existsSync(path.join(dataDir, 'table'));
}

export async function migrateLegacyTable(dataDir: string, table: KeyValueTable, log: (message: string) => void): Promise<number> {
  const [{ startEmbeddedDynamo }, { ScanCommand }, { createAwsClients }] = await Promise.all([
    import('./embedded/dynamodb-emulator'),
    import('@aws-sdk/lib-dynamodb'),
    import('./aws-clients'),
  ]);
  log(`voc: this data folder keeps its table in ${path.join(dataDir, 'dynamodb')} (an earlier voc); copying it to table/ once…`);
  const dynamo = await startEmbeddedDynamo({ dir: path.join(dataDir, 'dynamodb'), tables: [LOCAL_TABLE] });
  const clients = createAwsClients({ region: 'us-east-1', dynamoEndpoint: dynamo.endpoint });
  let copied = 0;
  try {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await clients.dynamo.send(new ScanCommand({ TableName: LOCAL_TABLE, ExclusiveStartKey: start }));
      const items = ((page.Items ?? []) as TableItem[]).filter((item) => item.type !== 'theme-day');
      await table.putMany(items);
      copied += items.length;
      start = page.LastEvaluatedKey;
    } while (start);
  } finally {
    clients.destroy();
    await dynamo.stop();
  }
  log(`voc: copied ${copied} items; the next voc run aggregates every day again. ${path.join(dataDir, 'dynamodb')} can be deleted.`);
  return copied;
}
