/**
 * Quality work that reads whole conversations rather than aggregates: the weekly QA review sample,
 * canned-reply (template) detection and wow-moment examples, over the analysis stored in S3.
 */
import type { AnalysedConversation } from '../core/conversation-analysis';
import { detectTemplates, qaSample, templatedShareByAgent, templatesFollowedBySentimentDrop, type AgentMessage, type AgentTemplateShare, type QaPick, type Template, type TemplateSentimentDrop } from '../core/kpis';
import { addDays, assertDay } from '../core/storage-layout';
import type { BlobStore } from '../ports';
import { readAnalysis } from './analyze';
import { readDay } from './read-day';

/** The seven days (Monday first) of an ISO week such as 2026-W47. */
export function daysOfIsoWeek(week: string): string[] {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`expected an ISO week like 2026-W47, got "${week}"`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  // ISO week 1 is the week with January 4th in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7) + (n - 1) * 7);
  if (n < 1 || n > 53) throw new Error(`week ${week} does not exist`);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = assertDay(from); d <= assertDay(to); d = addDays(d, 1)) days.push(d);
  return days;
}

async function analysisOf(blobs: BlobStore, days: string[]): Promise<AnalysedConversation[]> {
  const rows: AnalysedConversation[] = [];
  for (const day of days) rows.push(...(await readAnalysis(blobs, day)));
  return rows;
}

export interface QaSampleRow extends QaPick {
  theme: string;
  team?: string;
  channel: string;
  sentiment: string;
  messages: number;
  quote?: string;
}

export async function weeklyQaSample(blobs: BlobStore, options: { week: string; rate: number; seed?: string; minPerStratum?: number }): Promise<{ week: string; population: number; picks: QaSampleRow[] }> {
  if (!(options.rate > 0 && options.rate <= 1)) throw new Error(`--rate must be between 0 and 1 (got ${options.rate})`);
  const rows = await analysisOf(blobs, daysOfIsoWeek(options.week));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const picks = qaSample(
    rows.map((r) => ({ id: r.id, team: r.team, channel: r.channel, themeId: r.theme.id, sentimentLabel: r.sentiment.label, messageCount: r.customerMessages + r.agentMessages, week: options.week })),
    { rate: options.rate, seed: options.seed ?? options.week, minPerStratum: options.minPerStratum },
  );
  return {
    week: options.week,
    population: rows.length,
    picks: picks.map((p) => {
      const r = byId.get(p.id)!;
      return { ...p, theme: r.theme.label, team: r.team, channel: r.channel, sentiment: r.sentiment.label, messages: r.customerMessages + r.agentMessages, quote: r.quote };
    }),
  };
}

export interface TemplateReport {
  from: string;
  to: string;
  agentMessages: number;
  templates: Template[];
  agents: AgentTemplateShare[];
  sentimentDrops: TemplateSentimentDrop[];
}

export async function templateReport(blobs: BlobStore, options: { from: string; to: string }): Promise<TemplateReport> {
  const days = daysBetween(options.from, options.to);
  const messages: AgentMessage[] = [];
  for (const day of days) {
    for (const c of await readDay(blobs, day)) {
      for (const m of c.messages) {
        if (m.role === 'agent' && m.public && m.text.trim()) messages.push({ conversationId: c.id, messageId: m.id, agent: m.authorId ?? c.assignee, text: m.text, lang: c.language ?? 'en' });
      }
    }
  }
  const detection = detectTemplates(messages);
  return {
    from: options.from,
    to: options.to,
    agentMessages: messages.length,
    templates: detection.templates,
    agents: templatedShareByAgent(messages, detection),
    sentimentDrops: templatesFollowedBySentimentDrop(await analysisOf(blobs, days), detection),
  };
}

export async function wowExamples(blobs: BlobStore, options: { from: string; to: string; team?: string; limit?: number }) {
  const rows = (await analysisOf(blobs, daysBetween(options.from, options.to))).filter((r) => r.wow.length && (!options.team || r.team === options.team));
  return rows.slice(0, options.limit ?? 20).map((r) => ({ conversationId: r.id, day: r.day, team: r.team, theme: r.theme.label, kind: r.wow[0]!.kind, evidence: r.wow[0]!.evidence, start: r.start, end: r.end }));
}
