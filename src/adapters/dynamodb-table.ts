/** KeyValueTable over DynamoDB (document client): translation only, no pipeline logic. */
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyValueTable, TableItem, TableKey, TableQuery } from '../ports';

type WriteRequest = { PutRequest: { Item: TableItem } } | { DeleteRequest: { Key: TableKey } };

export class DynamoTable implements KeyValueTable {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(key: TableKey): Promise<TableItem | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { PK: key.PK, SK: key.SK }, ConsistentRead: true }));
    return out.Item as TableItem | undefined;
  }

  /** 100 keys per call; unprocessed keys are retried with backoff, as writes are. */
  async getMany(keys: TableKey[]): Promise<Array<TableItem | undefined>> {
    const id = (k: TableKey): string => `${k.PK}\u0000${k.SK}`;
    const unique = [...new Map(keys.map((k) => [id(k), { PK: k.PK, SK: k.SK }])).values()];
    const found = new Map<string, TableItem>();
    for (let i = 0; i < unique.length; i += 100) {
      let pending: TableKey[] = unique.slice(i, i + 100);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 8) throw new Error(`DynamoDB kept ${pending.length} read(s) unprocessed on table ${this.tableName}`);
        if (attempt) await sleep(Math.min(2000, 50 * 2 ** attempt));
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of out.Responses?.[this.tableName] ?? []) found.set(id(item as TableItem), item as TableItem);
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as TableKey[];
      }
    }
    return keys.map((k) => found.get(id(k)));
  }

  putMany(items: TableItem[]): Promise<void> {
    // A batch may not name one key twice; the last write of a key wins, as it would sequentially.
    const byKey = new Map(items.map((Item) => [`${Item.PK}\u0000${Item.SK}`, Item]));
    return this.batchWrite([...byKey.values()].map((Item) => ({ PutRequest: { Item } })));
  }

  deleteMany(keys: TableKey[]): Promise<void> {
    const byKey = new Map(keys.map((k) => [`${k.PK}\u0000${k.SK}`, { PK: k.PK, SK: k.SK }]));
    return this.batchWrite([...byKey.values()].map((Key) => ({ DeleteRequest: { Key } })));
  }

  async *query(q: TableQuery): AsyncIterable<TableItem> {
    const pk = q.index ? 'GSI1PK' : 'PK';
    const sk = q.index ? 'GSI1SK' : 'SK';
    const names: Record<string, string> = { '#pk': pk };
    const values: Record<string, unknown> = { ':pk': q.partition };
    let condition = '#pk = :pk';
    if (q.between) {
      names['#sk'] = sk;
      values[':lo'] = q.between[0];
      values[':hi'] = q.between[1];
      condition += ' AND #sk BETWEEN :lo AND :hi';
    } else if (q.beginsWith !== undefined) {
      names['#sk'] = sk;
      values[':prefix'] = q.beginsWith;
      condition += ' AND begins_with(#sk, :prefix)';
    }
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: q.index,
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) yield item as TableItem;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** 25 requests per call; unprocessed items are retried with backoff, never dropped. */
  private async batchWrite(requests: WriteRequest[]): Promise<void> {
    for (let i = 0; i < requests.length; i += 25) {
      let pending = requests.slice(i, i + 25);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 8) throw new Error(`DynamoDB kept ${pending.length} write(s) unprocessed on table ${this.tableName}`);
        if (attempt) await sleep(Math.min(2000, 50 * 2 ** attempt));
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (out.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
      }
    }
  }
}
