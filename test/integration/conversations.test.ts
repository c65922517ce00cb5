/**
 * From any number to the conversations behind it, over a pipeline run on the files runtime and on the
 * wire-protocol emulators: the conversations index agrees with the aggregates (per theme, language, sentiment,
 * SLA breach), a thread is redacted and carries per-message sentiment, theme, area and KPIs, every CSV export is
 * complete, unknown filter values are answered with the valid ones, and re-aggregating a day writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { errorStatus } from '../../src/server/errors';
import { readApi } from '../../src/server/read-api';
import { aggregateDayStage } from '../../src/stages/aggregate';
import { conversationDetail, listConversations } from '../../src/stages/conversations';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { kpiReport } from '../../src/stages/kpi-report';
import { themeDetail, topThemes } from '../../src/stages/query';
import { runPipeline } from '../../src/stages/run';
import { saveKpiConfig } from '../../src/stages/settings';
import { conversation, jsonl } from '../support/conversations';

const DAYS = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];
const TOPICS = [
  { team: 'cards', lang: 'en', customer: 'My card has not arrived yet and I need it for travel', agent: 'I have sent a new card by express post.' },
  { team: 'billing', lang: 'en', customer: 'I was charged twice for the same order, please refund me', agent: 'The duplicate charge is refunded.' },
  { team: 'accounts', lang: 'en', customer: 'How do I reset my password? The reset link is not working', agent: 'Here is a fresh reset link.' },
  { team: 'billing', lang: 'es', customer: 'Me cobraron dos veces el mismo pedido, quiero un reembolso', agent: 'Hemos devuelto el cargo duplicado.' },
];
const AFTER = ['thanks, sorted!', 'this is terrible, still broken', 'ok'];
const AFTER_ES = ['gracias, resuelto', 'esto es terrible, sigue mal', 'vale'];

/** 48 conversations over four days: four topics (one in Spanish), chat and e-mail, ratings 1–5. */
function archive() {
  return DAYS.flatMap((day, d) =>
    Array.from({ length: 12 }, (_, i) => {
      const t = TOPICS[i % 4]!;
      const n = d * 12 + i;
      const first = i === 0 && d === 0 ? `${t.customer}. Reach me at ann@example.com` : t.customer;
      const after = (t.lang === 'es' ? AFTER_ES : AFTER)[n % 3]!;
      return conversation({ id: `${day}-${i}`, customerId: `cust-${n}`, day, hour: 8 + i, customer: [first, after], agent: [t.agent, t.agent], csat: (n % 5) + 1, channel: i % 2 ? 'chat' : 'email', team: t.team, language: t.lang });
    }),
  );
}

const api = async (path: string, query: Record<string, string> = {}) => readApi(env.table, { method: 'GET', path, query });
let env: VocEnvironment;

describe.each([
  ['files', false],
  ['emulators', true],
])('the conversations behind the numbers (%s runtime)', (_name, emulators) => {
  beforeAll(async () => {
    env = await openLocalEnvironment({ emulators });
    // A first-response target on chat only: chat conversations are judged (a reply after 30 minutes breaches 20), e-mail ones are not.
    await saveKpiConfig(env.blobs, { sla: { rules: [{ channel: 'chat', firstResponseMinutes: 20 }] } });
    await env.blobs.put(layout.inboxKey('export.jsonl'), jsonl(archive()));
    await runPipeline(env, { runId: 'run-1', asOf: '2026-11-06', ingest: buildIngestContext({ pseudonymKey: 'conversations-test' }), now: () => new Date('2026-11-06T02:00:00Z') });
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  it('lists, for every theme, exactly the conversations its volume counts, and the negative ones its negative count', async () => {
    const themes = await topThemes(env.table, { limit: Infinity });
    expect(themes.total).toBe(48);
    const all = await listConversations(env.table, { limit: Infinity });
    expect(all.total).toBe(48);
    expect(new Set(all.rows.map((r) => r.id)).size).toBe(48);
    for (const t of themes.themes) {
      const listed = await listConversations(env.table, { theme: t.id, limit: Infinity });
      expect(listed.total, t.label).toBe(t.volume);
      expect(listed.rows.every((r) => r.theme.id === t.id && r.area.id === t.area?.id)).toBe(true);
      const negative = await listConversations(env.table, { theme: t.id, sentiment: 'negative' });
      expect(negative.total, t.label).toBe(t.negative);
    }
  });

  it('filters by language, CSAT, SLA breach and words, as the aggregates and KPIs count them', async () => {
    const spanish = await listConversations(env.table, { lang: 'es', limit: Infinity });
    expect(spanish.total).toBe((await topThemes(env.table, { lang: 'es' })).total);
    expect(spanish.total).toBe(12);
    expect(spanish.rows.every((r) => r.lang === 'es')).toBe(true);

    const unhappy = await listConversations(env.table, { csat: '1-2', limit: Infinity });
    expect(unhappy.total).toBeGreaterThan(0);
    expect(unhappy.rows.every((r) => r.csat !== undefined && r.csat <= 2)).toBe(true);
    const rated = (await kpiReport(env.table, { by: 'channel' })).rows.reduce((n, r) => n + r.kpis.csatRated, 0);
    expect((await listConversations(env.table, { csat: 'rated' })).total).toBe(rated);

    const chat = (await kpiReport(env.table, { by: 'channel' })).rows.find((r) => r.key === 'channel:chat')!;
    const breached = await listConversations(env.table, { sla: 'breached', limit: Infinity });
    expect(breached.total).toBe(chat.kpis.slaFirstResponseJudged - Math.round((chat.kpis.slaFirstResponseRate ?? 0) * chat.kpis.slaFirstResponseJudged));
    expect(breached.total).toBe(24);
    expect(breached.rows.every((r) => r.channel === 'chat' && r.slaFirst === 'breached')).toBe(true);

    // Words: each as the start of a word, accents aside ("reembolso" finds "reembolso", "refund" finds "refund").
    const refund = await listConversations(env.table, { q: 'refund', limit: Infinity });
    expect(refund.total).toBe(12);
    expect((await listConversations(env.table, { q: 'REEMBOLSÓ' })).total).toBe(12);
    expect((await listConversations(env.table, { q: 'refund travel' })).total).toBe(0);
  });

  it('pages through a list in a stable order', async () => {
    const all = await listConversations(env.table, { sort: 'negative', limit: Infinity });
    const page2 = await listConversations(env.table, { sort: 'negative', offset: 10, limit: 10 });
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(10, 20).map((r) => r.id));
    expect(all.rows.map((r) => r.score)).toEqual([...all.rows.map((r) => r.score)].sort((a, b) => a - b));
  });

  it("shows one conversation's redacted thread with per-message sentiment, theme, area and KPIs, and every quote leads to one", async () => {
    const [first] = (await listConversations(env.table, { q: 'travel', sort: 'oldest' })).rows;
    const c = (await conversationDetail(env.table, first!.id))!;
    expect(c.id).toBe('test:2026-11-02-0');
    expect(JSON.stringify(c)).not.toContain('ann@example.com');
    expect(c.messages.map((m) => m.role)).toEqual(['customer', 'agent', 'customer', 'agent']);
    expect(c.messages.filter((m) => m.role === 'customer').every((m) => typeof m.score === 'number' && m.label)).toBe(true);
    expect(c.theme.id).toBe(first!.theme.id);
    expect(c.area.id).toBe(first!.area.id);
    expect(c.kpis.firstResponse?.calendarMinutes).toBe(30);
    expect(c.kpis.sla.firstResponse).toBeUndefined(); // e-mail: no target

    const theme = (await themeDetail(env.table, first!.theme.id))!;
    expect(theme.quotes.length).toBeGreaterThan(0);
    for (const q of theme.quotes) {
      expect(q.conversationId, q.text).toBeDefined();
      expect(await conversationDetail(env.table, q.conversationId!), q.conversationId).toBeDefined();
    }
    const res = await api(`/conversations/${encodeURIComponent(first!.id)}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).messages).toHaveLength(4);
    await expect(api('/conversations/test%3Anope')).rejects.toMatchObject({ status: 404 });
  });

  it('exports complete CSVs: conversations, themes, KPIs and quotes', async () => {
    const lines = (body: string) => body.trimEnd().split('\r\n').length;
    const conversations = await api('/conversations', { format: 'csv' });
    expect(conversations.headers['content-disposition']).toMatch(/attachment; filename="voc-conversations_/);
    expect(lines(conversations.body)).toBe(48 + 1);
    expect(lines((await api('/conversations', { format: 'csv', lang: 'es' })).body)).toBe(12 + 1);
    expect(lines((await api('/conversations', { format: 'csv', limit: '5' })).body)).toBe(5 + 1);

    const themes = await topThemes(env.table, { limit: Infinity });
    expect((await api('/themes', { format: 'csv' })).body.trimEnd().split('\n').length).toBe(themes.themes.length + 1);
    const kpis = await api('/kpis', { format: 'csv', by: 'team' });
    expect(kpis.body.split('\r\n')[0]).toMatch(/^key,label,conversations,.*slaFirstResponseJudged.*csatRated/);
    expect(lines(kpis.body)).toBe(3 + 1);
    const quotes = JSON.parse((await api('/quotes')).body).quotes;
    expect(quotes.length).toBeGreaterThan(0);
    expect(lines((await api('/quotes', { format: 'csv' })).body)).toBe(quotes.length + 1);
  });

  it('answers an unknown filter value with the valid ones', async () => {
    // What the API answers for the error the stage throws (a 400 naming the valid values).
    const answer = (path: string, query: Record<string, string>) => api(path, query).then(() => ({ status: 200, body: undefined as unknown }), errorStatus);
    expect(await answer('/conversations', { lang: 'spanish' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/lang is one of en \(English\), es \(Spanish\); did you mean es\?/) } });
    expect(await answer('/themes', { team: 'Billing' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/team is one of .*billing.*did you mean billing\?/) } });
  });

  it('re-aggregating a day writes no thread and no row again', async () => {
    const again = await aggregateDayStage(env, { runId: 'run-1', date: DAYS[1]! });
    expect(again.indexItems).toBeGreaterThan(12);
    expect(again).toMatchObject({ written: 0, removed: 0 });
  });
});
