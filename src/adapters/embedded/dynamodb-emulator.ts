/**
 * An in-process DynamoDB that speaks the real wire protocol (dynalite 4, LevelDB on disk when a
 * folder is given). It supports what the aggregates use — batch writes, queries, a GSI — and not
 * transactions, which is why aggregation never needs them.
 */
import dynalite from 'dynalite';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tableDefinition } from '../table-definition';

export interface EmbeddedDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDynamo(options: { dir?: string; tables: string[] }): Promise<EmbeddedDynamo> {
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });
  const server = dynalite({ path: options.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'voc-local', secretAccessKey: 'voc-local' } });
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err?: Error) => (err ? reject(err) : resolve()));
    });
  try {
    for (const table of options.tables) {
      try {
        await client.send(new CreateTableCommand(tableDefinition(table)));
      } catch (e) {
        if (!(e instanceof ResourceInUseException)) throw e;
      }
      await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: table });
    }
  } catch (e) {
    await stop().catch(() => undefined); // or the open server keeps the process alive
    throw e;
  } finally {
    client.destroy();
  }
  return { endpoint, stop };
}
