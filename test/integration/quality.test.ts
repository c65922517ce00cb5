/** KPIs and quality signals end to end: constructed conversations → pipeline → reports, with hand-computed numbers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import { buildIngestContext } from '../../src/stages/ingest-setup';
import { kpiReport, toneByTeamAndWeek } from '../../src/stages/kpi-report';
import { templateReport, weeklyQaSample } from '../../src/stages/quality';
import { runPipeline } from '../../src/stages/run';
import { nightlyReportStage } from '../../src/stages/nightly-report';
import { readTemplatesReport } from '../../src/stages/templates-report';
import { saveKpiConfig } from '../../src/stages/settings';
import { conversation, jsonl } from '../support/conversations';

let env: VocEnvironment;
const CANNED = 'Thank you for contacting us. We have received your request and a member of our team will get back to you shortly with an update.';

beforeAll(async () => {
  env = await openLocalEnvironment();
  // Messages are 30 minutes apart (see the builder): every first response is 30 min, resolution 60 min.
  const billing = [0, 1, 2, 3].map((i) =>
    conversation({ id: `b${i}`, day: '2026-11-17', team: 'billing', customer: ['I was charged twice for my order', 'ok thanks'], agent: [i === 0 ? 'I have refunded €12.50 to your card.' : CANNED], csat: i < 2 ? 5 : 2 }),
  );
  const logistics = [0, 1].map((i) => conversation({ id: `l${i}`, day: '2026-11-18', hour: 10, team: 'logistics', customer: ['Where is my parcel?'], agent: [CANNED] }));
  await env.blobs.put(layout.inboxKey('quality.jsonl'), jsonl([...billing, ...logistics]));
  // SLA: first response within 45 minutes for everyone.
  await saveKpiConfig(env.blobs, { sla: { rules: [], default: { firstResponseMinutes: 45 } } });
  await runPipeline(env, { runId: 'q1', asOf: '2026-11-20', ingest: buildIngestContext({ pseudonymKey: 'q' }) });
});
afterAll(() => env.close());

describe('KPIs and quality signals', () => {
  it('reports response times, SLA, CSAT and goodwill per team', async () => {
    const report = await kpiReport(env.table, { by: 'team' });
    const billing = report.rows.find((r) => r.key === 'team:billing')!;
    expect(billing.volume).toBe(4);
    // 30-minute first responses; histogram percentiles are within ±4.76%.
    expect(billing.kpis.firstResponse.p50).toBeGreaterThan(30 * 0.95);
    expect(billing.kpis.firstResponse.p50).toBeLessThan(30 * 1.05);
    expect(billing.kpis.slaFirstResponseRate).toBe(1); // 30 ≤ 45 for all four
    expect(billing.kpis.csatRate).toBe(0.5); // two 5s, two 2s
    expect(billing.goodwill).toEqual({ conversations: 1, byKind: { refund: 1 }, amounts: { EUR: 12.5 } });
    expect(report.rows.find((r) => r.key === 'team:logistics')!.volume).toBe(2);
  });

  it('gives p50/p90 per theme from the same mergeable histograms', async () => {
    const report = await kpiReport(env.table, { by: 'theme' });
    expect(report.rows.reduce((n, r) => n + r.volume, 0)).toBe(6);
    // Billing conversations close 60 minutes in (customer, agent, customer), logistics ones after 30.
    const near = (x: number | undefined, target: number) => x !== undefined && Math.abs(x - target) <= target * 0.05;
    for (const r of report.rows) expect(near(r.kpis.fullResolution.p90, 60) || near(r.kpis.fullResolution.p90, 30)).toBe(true);
  });

  it('finds the canned reply and who sends it', async () => {
    const report = await templateReport(env.blobs, { from: '2026-11-17', to: '2026-11-18' });
    expect(report.templates).toHaveLength(1);
    expect(report.templates[0]).toMatchObject({ count: 5, conversations: 5 });
    expect(report.agents[0]).toMatchObject({ agent: 'agent-7', messages: 6, templated: 5 });
  });

  it('draws the same QA sample for the same seed, each pick with its reason', async () => {
    const a = await weeklyQaSample(env.blobs, { week: '2026-W47', rate: 0.5, seed: 'seed-1' });
    const b = await weeklyQaSample(env.blobs, { week: '2026-W47', rate: 0.5, seed: 'seed-1' });
    expect(a.population).toBe(6);
    expect(a.picks.length).toBeGreaterThanOrEqual(3);
    expect(b).toEqual(a);
    for (const p of a.picks) expect(p.reasons.length).toBeGreaterThan(0);
    await expect(weeklyQaSample(env.blobs, { week: '2026-47', rate: 0.1 })).rejects.toThrow(/ISO week/);
  });

  it('tracks agent tone per team and week', async () => {
    const tone = await toneByTeamAndWeek(env.table, {});
    expect(tone.rows.map((r) => [r.team, r.week, r.volume])).toEqual([
      ['billing', '2026-W47', 4],
      ['logistics', '2026-W47', 2],
    ]);
  });

  it('reads the newest whole days of the window up to its bound of conversations, and says the range it covers', async () => {
    const full = await readTemplatesReport(env.table);
    expect(full).toMatchObject({ to: '2026-11-18' });
    expect(full!.from <= '2026-11-17').toBe(true);
    expect(full!.agentMessages).toBe(6);
    // Two conversations on the 18th, four on the 17th: a bound of 3 keeps the 18th only.
    await nightlyReportStage(env, { runId: 'q1', maxConversations: 3 });
    const bounded = await readTemplatesReport(env.table);
    expect(bounded).toMatchObject({ from: '2026-11-18', to: '2026-11-18', agentMessages: 2 });
    // A bound below the newest day's conversations still reads that day.
    await nightlyReportStage(env, { runId: 'q1', maxConversations: 1 });
    expect(await readTemplatesReport(env.table)).toMatchObject({ from: '2026-11-18', agentMessages: 2 });
    await nightlyReportStage(env, { runId: 'q1' });
    expect(await readTemplatesReport(env.table)).toMatchObject({ from: full!.from, agentMessages: 6 });
  });
});
