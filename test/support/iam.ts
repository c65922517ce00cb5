/**
 * IAM, enforced locally: each pipeline function's S3 and DynamoDB permissions read from the synthesized template
 * (its role's policies: actions and resources, bucket and table ARNs resolved to placeholders), and a wrapper around
 * the ports that refuses, as AWS would with AccessDenied, every call the role is not granted. The emulators have no
 * IAM; with this, a stage that reads or writes a prefix or table action its function lacks fails a test.
 *
 * Port call → IAM action: get/stream/head → s3:GetObject on the key; list → s3:ListBucket on the bucket; put →
 * s3:PutObject; delete → s3:DeleteObject per key; copy → s3:GetObject on the source and s3:PutObject on the target;
 * table get → dynamodb:GetItem, getMany → BatchGetItem, putMany/deleteMany → BatchWriteItem, query → Query (on the
 * index ARN for GSI1). These are the calls the S3 and DynamoDB adapters make (src/adapters).
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { BlobInfo, BlobStore, KeyValueTable, Stores, TableItem, TableKey, TableQuery } from '../../src/ports';
import type { Readable } from 'node:stream';
import { buildStack } from '../infra/synth';

export const BUCKET_ARN = 'arn:aws:s3:::archive';
export const TABLE_ARN = 'arn:aws:dynamodb:region:account:table/voc';

export interface Grant {
  actions: string[];
  resources: string[];
}

/** Each pipeline handler's grants (ingest, discover, analyze, aggregate, finalize), from the synthesized template. */
export function synthesizedGrants(): Record<string, Grant[]> {
  const template = Template.fromStack(buildStack().stack);
  const ids = (type: string) => Object.keys(template.findResources(type));
  const bucketId = ids('AWS::S3::Bucket').find((id) => id.startsWith('StorageArchive'))!;
  const tableId = ids('AWS::DynamoDB::GlobalTable')[0] ?? ids('AWS::DynamoDB::Table')[0]!;
  const arnOf = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Record<string, any>;
    if (v['Fn::GetAtt']) return v['Fn::GetAtt'][0] === bucketId ? BUCKET_ARN : v['Fn::GetAtt'][0] === tableId ? TABLE_ARN : `other:${v['Fn::GetAtt'][0]}`;
    if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(arnOf).join(v['Fn::Join'][0]);
    if (v.Ref) return `ref:${v.Ref}`;
    return JSON.stringify(v);
  };
  const grants: Record<string, Grant[]> = {};
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    for (const role of policy.Properties.Roles ?? []) {
      const handler = /^Pipeline([A-Z][a-z]+)Role/.exec(String(role.Ref))?.[1]?.toLowerCase();
      if (!handler) continue;
      for (const s of policy.Properties.PolicyDocument.Statement) {
        if (s.Effect !== 'Allow') continue;
        (grants[handler] ??= []).push({ actions: [s.Action].flat(), resources: [s.Resource].flat().map(arnOf) });
      }
    }
  }
  return grants;
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export function isAllowed(grants: Grant[], action: string, resource: string): boolean {
  return grants.some((g) => g.actions.some((a) => glob(a).test(action)) && g.resources.some((r) => glob(r).test(resource)));
}

/** What S3 and DynamoDB answer to a call the role is not granted (403 AccessDenied / AccessDeniedException). */
export class AccessDenied extends Error {
  readonly $metadata = { httpStatusCode: 403 };
  constructor(
    readonly handler: string,
    readonly action: string,
    readonly resource: string,
  ) {
    super(`${handler} is not granted ${action} on ${resource} (lib/pipeline.ts PIPELINE_ACCESS)`);
    this.name = action.startsWith('s3:') ? 'AccessDenied' : 'AccessDeniedException';
  }
}

/** Every call made and every call refused, per handler (for the test to assert on). */
export interface AccessLog {
  allowed: Set<string>;
  denied: string[];
}

export function enforcedStores(stores: Stores, handler: string, grants: Grant[], log: AccessLog = { allowed: new Set(), denied: [] }): Stores & { log: AccessLog } {
  const check = (action: string, resource: string) => {
    if (!isAllowed(grants, action, resource)) {
      log.denied.push(`${action} ${resource}`);
      throw new AccessDenied(handler, action, resource);
    }
    log.allowed.add(`${action} ${resource.replace(/\/[^/]*$/, '/…')}`);
  };
  const object = (key: string) => `${BUCKET_ARN}/${key}`;
  const blobs: BlobStore = {
    async put(key: string, body: string | Uint8Array | Readable, contentType?: string) {
      check('s3:PutObject', object(key));
      return stores.blobs.put(key, body, contentType);
    },
    async get(key: string) {
      check('s3:GetObject', object(key));
      return stores.blobs.get(key);
    },
    async stream(key: string) {
      check('s3:GetObject', object(key));
      return stores.blobs.stream(key);
    },
    async head(key: string) {
      check('s3:GetObject', object(key));
      return stores.blobs.head(key);
    },
    async *list(prefix: string): AsyncIterable<BlobInfo> {
      check('s3:ListBucket', BUCKET_ARN);
      yield* stores.blobs.list(prefix);
    },
    async delete(keys: string[]) {
      for (const key of keys) check('s3:DeleteObject', object(key));
      return stores.blobs.delete(keys);
    },
    async copy(fromKey: string, toKey: string) {
      check('s3:GetObject', object(fromKey));
      check('s3:PutObject', object(toKey));
      return stores.blobs.copy(fromKey, toKey);
    },
  };
  const table: KeyValueTable = {
    async get(key: TableKey) {
      check('dynamodb:GetItem', TABLE_ARN);
      return stores.table.get(key);
    },
    async getMany(keys: TableKey[]) {
      if (keys.length) check('dynamodb:BatchGetItem', TABLE_ARN);
      return stores.table.getMany(keys);
    },
    async putMany(items: TableItem[]) {
      if (items.length) check('dynamodb:BatchWriteItem', TABLE_ARN);
      return stores.table.putMany(items);
    },
    async deleteMany(keys: TableKey[]) {
      if (keys.length) check('dynamodb:BatchWriteItem', TABLE_ARN);
      return stores.table.deleteMany(keys);
    },
    async *query(query: TableQuery) {
      check('dynamodb:Query', query.index ? `${TABLE_ARN}/index/${query.index}` : TABLE_ARN);
      yield* stores.table.query(query);
    },
  };
  return { blobs, table, log };
}
