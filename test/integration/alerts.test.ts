/**
 * Alerts: a constructed spike publishes exactly one alert to a local webhook receiver, signed so the receiver can
 * check it, and re-running the night publishes none. Files runtime, a real HTTP server, no mocks.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { alertPublishers } from '../../src/adapters/alert-publishers';
import { addDays, layout } from '../../src/core/storage-layout';
import { listAlerts, parseAlertsConfig, saveAlertsConfig } from '../../src/stages/alerts';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { runPipeline } from '../../src/stages/run';
import { startFauxqs } from 'fauxqs';
import { conversation, jsonl } from '../support/conversations';

const SECRET = 'test-signing-secret';
const DAYS = 35;
const FIRST = '2026-09-01';
const LAST = addDays(FIRST, DAYS - 1);

/** Steady topics every day; the spike's topic once a day for four weeks, then eight a day in the last week. */
function archive(): string {
  const rows = [];
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(FIRST, d);
    const steady = ['My new card has not arrived yet', 'I cannot reset my password, the link is broken', 'How do I change my delivery address?'];
    steady.forEach((text, i) => rows.push(conversation({ id: `s-${d}-${i}`, customerId: `s-${d}-${i}`, day, customer: [text], agent: ['We are looking into it.'] })));
    const spike = d >= DAYS - 7 ? 8 : 1;
    for (let i = 0; i < spike; i++) rows.push(conversation({ id: `x-${d}-${i}`, customerId: `x-${d}-${i}`, day, hour: 8 + i, customer: ['The app crashes when I open my statements'], agent: ['We are looking into it.'] }));
  }
  return jsonl(rows);
}

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let env: VocEnvironment;
let server: http.Server;
let url: string;
const received: Received[] = [];

beforeAll(async () => {
  env = await openLocalEnvironment();
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/voc`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await env.close();
});

/** What a receiver does: recompute the HMAC over "<timestamp>.<body>" and compare in constant time. */
function validSignature(r: Received): boolean {
  const timestamp = String(r.headers['x-voc-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(String(r.headers['x-voc-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('alerts', () => {
  it('publishes a spike once, signed, and nothing when the night is run again', async () => {
    await saveAlertsConfig(env.blobs, parseAlertsConfig(JSON.stringify({ webhook: { url } }), 'test'));
    await env.blobs.put(layout.inboxKey('archive.jsonl'), archive());
    const publishers = (config: Parameters<typeof alertPublishers>[0]) => alertPublishers(config, { VOC_ALERT_WEBHOOK_SECRET: SECRET });
    const night = await runPipeline(env, { runId: 'n1', asOf: LAST, windowDays: DAYS, ingest: buildIngestContext({ pseudonymKey: 'k' }), alertPublishers: publishers });

    expect(night.alerts?.published.map((a) => a.kind)).toEqual(['rising']);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(validSignature(delivery!)).toBe(true);
    // A body changed in transit no longer matches.
    expect(validSignature({ ...delivery!, body: delivery!.body.replace('rising', 'risen') })).toBe(false);
    expect(delivery!.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(delivery!.body) as { type: string; alert: { kind: string; dedupeKey: string; subject: { id: string; label: string }; measures: { recent: number; baselinePerWeek: number }; day: string } };
    expect(payload.type).toBe('voc.alert');
    expect(payload.alert.kind).toBe('rising');
    expect(payload.alert.day).toBe(LAST);
    expect(payload.alert.measures.recent).toBe(56);
    expect(payload.alert.measures.baselinePerWeek).toBe(7);
    expect(delivery!.headers['x-voc-delivery']).toBe(payload.alert.dedupeKey);
    // The alert is about the theme of the crashing app.
    expect(payload.alert.subject.label.toLowerCase()).toMatch(/crash|statement|app/);

    // The same night again: the event is stored under its dedupe key, so nothing is published.
    const again = await runPipeline(env, { runId: 'n1-again', asOf: LAST, windowDays: DAYS, alertPublishers: publishers });
    expect(again.alerts?.published).toEqual([]);
    expect(again.alerts?.alreadyPublished).toBe(1);
    expect(received).toHaveLength(1);

    const stored = await listAlerts(env.table);
    expect(stored.map((a) => [a.kind, a.dedupeKey, a.runId])).toEqual([['rising', payload.alert.dedupeKey, 'n1']]);
    expect(stored[0]!.destinations).toEqual([`webhook ${new URL(url).origin}`]);
  }, 120_000);

  it('a receiver that refuses gets the alert again next time, and a quiet theme is never alerted', async () => {
    const local = await openLocalEnvironment();
    try {
      let status = 500;
      const hits: string[] = [];
      const refusing = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          hits.push(String(req.headers['x-voc-delivery']));
          res.writeHead(status).end();
        });
      });
      await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
      const hook = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
      await local.blobs.put(layout.inboxKey('archive.jsonl'), archive());
      const publishers = () => alertPublishers({ webhook: { url: hook } }, { VOC_ALERT_WEBHOOK_SECRET: SECRET });
      const first = await runPipeline(local, { runId: 'f1', asOf: LAST, windowDays: DAYS, ingest: buildIngestContext({ pseudonymKey: 'k' }), alertPublishers: publishers });
      expect(first.alerts?.failed).toHaveLength(1);
      expect(first.alerts?.published).toEqual([]);
      status = 200;
      const second = await runPipeline(local, { runId: 'f2', asOf: LAST, windowDays: DAYS, alertPublishers: publishers });
      expect(second.alerts?.published).toHaveLength(1);
      expect(hits).toHaveLength(2);
      expect(new Set(hits).size).toBe(1);

      // Quiet: the same spike on a theme listed in quietThemes is not an alert.
      const spikeTheme = second.alerts!.published[0]!.subject.id;
      await saveAlertsConfig(local.blobs, parseAlertsConfig(JSON.stringify({ quietThemes: [spikeTheme] }), 'test'));
      await local.table.deleteMany([{ PK: `ALERT#${second.alerts!.published[0]!.dedupeKey}`, SK: 'ALERT' }]);
      const quiet = await runPipeline(local, { runId: 'f3', asOf: LAST, windowDays: DAYS, alertPublishers: publishers });
      expect(quiet.alerts?.detected).toBe(0);
      await new Promise((resolve) => refusing.close(resolve));
    } finally {
      await local.close();
    }
  }, 120_000);

  it('publishes to an SNS topic (the embedded SNS emulator, real wire protocol) with the sentence and the JSON', async () => {
    const sns = await startFauxqs({ port: 0, logger: false, messageSpies: true });
    const local = await openLocalEnvironment();
    try {
      const { topicArn } = sns.createTopic('voc-alerts');
      await local.blobs.put(layout.inboxKey('archive.jsonl'), archive());
      const publishers = () => alertPublishers({}, { VOC_ALERT_TOPIC_ARN: topicArn, VOC_SNS_ENDPOINT: sns.address });
      const night = await runPipeline(local, { runId: 's1', asOf: LAST, windowDays: DAYS, ingest: buildIngestContext({ pseudonymKey: 'k' }), alertPublishers: publishers });
      expect(night.alerts?.published.map((a) => a.destinations)).toEqual([[`sns ${topicArn}`]]);
      const published = sns.spy.getAllMessages().filter((m) => m.service === 'sns');
      expect(published).toHaveLength(1);
      const message = published[0] as { body: string; messageAttributes: Record<string, { StringValue?: string }> };
      const [sentence, json] = message.body.split('\n\n');
      expect(sentence).toMatch(/is rising: 56 conversations in the last 7 days/);
      expect(JSON.parse(json!).alert.kind).toBe('rising');
      expect(message.messageAttributes.kind?.StringValue).toBe('rising');
      const again = await runPipeline(local, { runId: 's2', asOf: LAST, windowDays: DAYS, alertPublishers: publishers });
      expect(again.alerts?.published).toEqual([]);
      expect(sns.spy.getAllMessages().filter((m) => m.service === 'sns')).toHaveLength(1);
    } finally {
      await local.close();
      await sns.stop();
    }
  }, 120_000);

  it('retries only the destination that failed', async () => {
    const local = await openLocalEnvironment();
    const hits: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hits.push(String(req.headers['x-voc-delivery']));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      let flakyCalls = 0;
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
      const publishers = () => [...alertPublishers({ webhook: { url: hook } }, { VOC_ALERT_WEBHOOK_SECRET: SECRET }), { name: 'flaky', publish: () => (++flakyCalls === 1 ? Promise.reject(new Error('down')) : Promise.resolve()) }];
      await local.blobs.put(layout.inboxKey('archive.jsonl'), archive());
      const first = await runPipeline(local, { runId: 'd1', asOf: LAST, windowDays: DAYS, ingest: buildIngestContext({ pseudonymKey: 'k' }), alertPublishers: publishers });
      expect(first.alerts?.published.map((a) => a.destinations)).toEqual([[`webhook ${new URL(hook).origin}`]]);
      expect(first.alerts?.failed.map((f) => f.destination)).toEqual(['flaky']);
      const second = await runPipeline(local, { runId: 'd2', asOf: LAST, windowDays: DAYS, alertPublishers: publishers });
      expect(second.alerts?.failed).toEqual([]);
      expect(hits).toHaveLength(1);
      expect(flakyCalls).toBe(2);
      expect((await listAlerts(local.table))[0]!.destinations).toEqual([`webhook ${new URL(hook).origin}`, 'flaky']);
      await runPipeline(local, { runId: 'd3', asOf: LAST, windowDays: DAYS, alertPublishers: publishers });
      expect(hits).toHaveLength(1);
      expect(flakyCalls).toBe(2);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
      await local.close();
    }
  }, 120_000);
});
