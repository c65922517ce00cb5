/**
 * The Lambda handlers, invoked as Step Functions and API Gateway would invoke them, against the
 * embedded emulators: the same code the CDK stack deploys (see test/infra for the wiring).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { handlerVariablesFor, openEmulatorEnvironment } from '../../src/adapters/emulator-environment';
import { keys } from '../../src/core/aggregation/keys';
import { layout } from '../../src/core/storage-layout';
import { handler as aggregateHandler } from '../../lambdas/aggregate';
import { handler as analyzeHandler } from '../../lambdas/analyze';
import { handler as discoverHandler } from '../../lambdas/discover';
import { handler as finalizeHandler } from '../../lambdas/finalize';
import { handler as ingestHandler } from '../../lambdas/ingest';
import { handler as query } from '../../lambdas/query';
import { handler as curate } from '../../lambdas/curate';
import { useEnvironment } from '../../lambdas/runtime';
import { S3BlobStore } from '../../src/adapters/s3-blob-store';
import { PREFIX } from '../../src/core/storage-layout';
import { loadKpiConfig } from '../../src/stages/settings';
import { conversation, jsonl } from '../support/conversations';
import { AccessDenied, enforcedStores, synthesizedGrants, type AccessLog } from '../support/iam';

let env: VocEnvironment;
const saved = { ...process.env };

// Each pipeline handler runs on stores that refuse what its role in the synthesized template is not granted.
const grants = synthesizedGrants();
const access: Record<string, AccessLog> = {};
function asDeployed<E, R>(name: string, handler: (event: E) => Promise<R>): (event: E) => Promise<R> {
  return async (event) => {
    const enforced = enforcedStores(env, name, grants[name] ?? [], (access[name] ??= { allowed: new Set(), denied: [] }));
    useEnvironment({ ...env, blobs: enforced.blobs, table: enforced.table });
    try {
      return await handler(event);
    } finally {
      useEnvironment(undefined);
    }
  };
}
const ingest = asDeployed('ingest', ingestHandler);
const discover = asDeployed('discover', discoverHandler);
const analyze = asDeployed('analyze', analyzeHandler);
const aggregate = asDeployed('aggregate', aggregateHandler);
const finalize = asDeployed('finalize', finalizeHandler);

beforeAll(async () => {
  env = await openEmulatorEnvironment();
  Object.assign(process.env, handlerVariablesFor(env), {
    VOC_PSEUDONYM_KEY: 'handler-test',
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  useEnvironment(undefined);
});
afterAll(async () => {
  process.env = saved;
  useEnvironment(undefined);
  await env.close();
});

function httpEvent(path: string, query?: Record<string, string>): APIGatewayProxyEventV2 {
  const id = /^\/themes\/(.+)$/.exec(path)?.[1];
  return {
    version: '2.0',
    routeKey: id ? 'GET /themes/{id}' : 'GET /themes',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: query,
    pathParameters: id ? { id } : undefined,
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path } } as APIGatewayProxyEventV2['requestContext'],
  };
}

describe('Lambda handlers, as the state machine calls them', () => {
  it('run one night: ingest item → discover → analyze + aggregate per partition → finalize', async () => {
    const rows = ['2026-11-02', '2026-11-03'].flatMap((day) =>
      [0, 1, 2, 3].map((i) => conversation({ id: `${day}-${i}`, day, customer: [i % 2 ? 'the app crashes when I log in' : 'please refund the double charge on my card'] })),
    );
    await env.blobs.put(layout.inboxKey('upload.jsonl'), jsonl(rows));

    // Distributed Map item from the S3 ListObjectsV2 reader
    const ingested = await ingest({ runId: 'exec-1', Key: layout.inboxKey('upload.jsonl'), Size: 1, ETag: '"x"' });
    expect(ingested).toMatchObject({ files: 1, read: 8, normalised: 8, quarantined: 0, partitions: ['2026-11-02', '2026-11-03'] });

    const discovered = await discover({ runId: 'exec-1', asOf: '2026-11-04' });
    expect(discovered).toMatchObject({ partitionCount: 2, partitionsKey: layout.runPartitions('exec-1') });
    const items = JSON.parse(Buffer.from((await env.blobs.get(discovered.partitionsKey))!).toString('utf8')) as { date: string; analyse: boolean }[];
    expect(items).toEqual([{ date: '2026-11-02', analyse: true }, { date: '2026-11-03', analyse: true }]);

    for (const item of items) {
      expect(await analyze({ runId: 'exec-1', date: item.date })).toMatchObject({ date: item.date, conversations: 4 });
      expect((await aggregate({ runId: 'exec-1', date: item.date })).items).toBeGreaterThan(0);
    }
    expect(await finalize({ runId: 'exec-1', startedAt: '2026-11-04T02:00:00Z' })).toEqual({ runId: 'exec-1', status: 'succeeded', error: null, alerts: 0 });
  });

  it('a day whose aggregation did not finish fails the night, naming it, and is listed again (aggregate only) until done', async () => {
    // As an Aggregate that died between its first and last write leaves it: the day manifest still pending.
    const manifestKey = keys.dayManifest('2026-11-02');
    const manifest = await env.table.get(manifestKey);
    await env.table.putMany([{ ...manifest!, pending: true }]);

    const discovered = await discover({ runId: 'exec-3', asOf: '2026-11-04' });
    const items = JSON.parse(Buffer.from((await env.blobs.get(discovered.partitionsKey))!).toString('utf8'));
    expect(items).toEqual([{ date: '2026-11-02', analyse: false }]);
    // The day's Catch, after its retries:
    await finalize({ runId: 'exec-3', failedDay: { date: '2026-11-02', error: { Error: 'ProvisionedThroughputExceededException', Cause: 'throttled' } } });
    const night = await finalize({ runId: 'exec-3' });
    expect(night).toMatchObject({ runId: 'exec-3', status: 'failed' });
    expect(night.error).toMatch(/2026-11-02 \(ProvisionedThroughputExceededException: throttled\)/);

    const again = await discover({ runId: 'exec-4', asOf: '2026-11-04' });
    expect(again.partitionCount).toBe(1);
    await aggregate({ runId: 'exec-4', date: '2026-11-02' });
    expect(await finalize({ runId: 'exec-4' })).toEqual({ runId: 'exec-4', status: 'succeeded', error: null, alerts: 0 });
    expect(await env.table.get(manifestKey)).toEqual(manifest);
  });

  it('accept S3 event notifications for single uploads (URL-encoded keys)', async () => {
    await env.blobs.put(layout.inboxKey('late upload.jsonl'), jsonl([conversation({ id: 'late', day: '2026-11-03' })]));
    const result = await ingest({ Records: [{ s3: { object: { key: 'inbox/late+upload.jsonl' } } }] });
    expect(result).toMatchObject({ files: 1, normalised: 1 });
  });

  it('skip folder markers that the S3 list reader yields', async () => {
    expect(await ingest({ runId: 'exec-1', Key: 'inbox/' })).toMatchObject({ files: 0, read: 0 });
  });

  it('reject malformed events instead of guessing', async () => {
    await expect(analyze({ runId: 'x', date: '03/11/2026' })).rejects.toThrow();
    await expect(ingest({ nothing: true })).rejects.toThrow();
  });

  it('record a failed night when the state machine catches an error', async () => {
    const out = await finalize({ runId: 'exec-2', error: { Error: 'States.TaskFailed', Cause: 'analyze timed out' } });
    expect(out).toEqual({ runId: 'exec-2', status: 'failed', error: 'States.TaskFailed: analyze timed out' });
  });
});

describe('IAM, as the synthesized template grants it', () => {
  it('every pipeline handler ran on its own grants and was refused nothing', () => {
    expect(Object.keys(access).sort()).toEqual(['aggregate', 'analyze', 'discover', 'finalize', 'ingest']);
    for (const [name, log] of Object.entries(access)) {
      expect(log.denied, name).toEqual([]);
      expect(log.allowed.size, name).toBeGreaterThan(0);
    }
    // The settings discover and analyze read (config/kpis.json, config/taxonomy.json) are granted: a deployed night can read them.
    for (const name of ['discover', 'analyze']) expect([...access[name]!.allowed], name).toContain('s3:GetObject arn:aws:s3:::archive/config/…');
  });

  it('refuses what a role is not granted, as AWS would (AccessDenied)', async () => {
    const aggregateStores = enforcedStores(env, 'aggregate', grants.aggregate!);
    await expect(aggregateStores.blobs.put(`${PREFIX.themes}catalogue.json`, '{}')).rejects.toBeInstanceOf(AccessDenied);
    await expect(aggregateStores.blobs.get(`${PREFIX.raw}2026-11-02/upload.jsonl`)).rejects.toThrow(/aggregate is not granted s3:GetObject on .*raw\//);
    const ingestStores = enforcedStores(env, 'ingest', grants.ingest!);
    await expect(ingestStores.table.get({ PK: 'STATE', SK: 'LATEST' })).rejects.toThrow(/ingest is not granted dynamodb:GetItem/);
    await expect(ingestStores.blobs.get(`${PREFIX.config}kpis.json`)).rejects.toBeInstanceOf(AccessDenied);
    // A stage run on a role without config/ fails loudly instead of running on default settings.
    await expect(loadKpiConfig(ingestStores.blobs)).rejects.toThrow(/not granted s3:GetObject on .*config\/kpis.json/);
  });

  it('the S3 adapter reports a 403 on a setting as the grant that is missing, never as "no setting"', async () => {
    const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const s3 = { send: async () => Promise.reject(denied) } as unknown as ConstructorParameters<typeof S3BlobStore>[0];
    const blobs = new S3BlobStore(s3, 'archive');
    await expect(blobs.get('config/kpis.json')).rejects.toThrow(/access denied reading s3:\/\/archive\/config\/kpis.json: this function's role is not granted s3:GetObject on config\/\*.*lib\/pipeline.ts/);
  });
});

describe('query API handler', () => {
  it('GET /themes returns the top themes of the latest window', async () => {
    const res = (await query(httpEvent('/themes', { sort: 'volume', limit: '5' }))) as APIGatewayProxyStructuredResultV2;
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body!);
    expect(body).toMatchObject({ to: '2026-11-03', segment: 'all', sort: 'volume' });
    expect(body.total).toBe(8); // the late upload is ingested but not yet analysed: that is the next night's work
    const detail = (await query(httpEvent(`/themes/${body.themes[0].id}`))) as APIGatewayProxyStructuredResultV2;
    expect(detail.statusCode).toBe(200);
    expect(JSON.parse(detail.body!).timeline.length).toBeGreaterThan(0);
  });

  it('answers 400 for invalid parameters and 404 for unknown themes, without leaking internals', async () => {
    const bad = (await query(httpEvent('/themes', { sort: 'loudest' }))) as APIGatewayProxyStructuredResultV2;
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body!).issues[0].path).toBe('sort');
    const unknownParam = (await query(httpEvent('/themes', { drop: 'table' }))) as APIGatewayProxyStructuredResultV2;
    expect(unknownParam.statusCode).toBe(400);
    const conflicting = (await query(httpEvent('/themes', { lang: 'en', channel: 'chat' }))) as APIGatewayProxyStructuredResultV2;
    expect(conflicting.statusCode).toBe(400);
    const missing = (await query(httpEvent('/themes/t-nope'))) as APIGatewayProxyStructuredResultV2;
    expect(missing.statusCode).toBe(404);
  });
});

describe('curate API handler (IAM-authorised)', () => {
  const principal = 'arn:aws:iam::123456789012:user/pm';
  const event = (method: string, body?: unknown, userArn: string | null = principal) =>
    ({
      version: '2.0',
      routeKey: `${method} /curation`,
      rawPath: '/curation',
      rawQueryString: '',
      headers: { 'content-type': 'application/json' },
      isBase64Encoded: false,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      requestContext: { http: { method, path: '/curation' }, authorizer: userArn ? { iam: { userArn } } : undefined },
    }) as unknown as Parameters<typeof curate>[0];

  it('records an edit as the signed principal, lists it, and teaches on a bad one', async () => {
    const themes = JSON.parse(((await query(httpEvent('/themes', { limit: '5' }))) as APIGatewayProxyStructuredResultV2).body!).themes as Array<{ id: string }>;
    const made = (await curate(event('POST', { kind: 'rename', theme: themes[0]!.id, label: 'Renamed in AWS' }))) as APIGatewayProxyStructuredResultV2;
    expect(made.statusCode).toBe(201);
    expect(JSON.parse(made.body!)).toMatchObject({ kind: 'rename', by: principal, label: 'Renamed in AWS' });
    const listed = (await curate(event('GET'))) as APIGatewayProxyStructuredResultV2;
    expect(JSON.parse(listed.body!).map((e: { by: string }) => e.by)).toEqual([principal]);
    const bad = (await curate(event('POST', { kind: 'hide', theme: 't-nope' }))) as APIGatewayProxyStructuredResultV2;
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body!).error).toMatch(/no theme "t-nope"/);
    const unsigned = (await curate(event('POST', { kind: 'hide', theme: themes[0]!.id }, null))) as APIGatewayProxyStructuredResultV2;
    expect(unsigned.statusCode).toBe(403);
    // The read API shows the new label at once.
    const after = JSON.parse(((await query(httpEvent(`/themes/${themes[0]!.id}`))) as APIGatewayProxyStructuredResultV2).body!);
    expect(after.label).toBe('Renamed in AWS');
  });
});
