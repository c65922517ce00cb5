import { describe, expect, it } from 'vitest';
import { detectTemplates, messageKey, type AgentMessage } from '../../../src/core/kpis/templates';
import { MIN_TEMPLATE_AGENTS, sharedTemplateMessages, slimForOutcomes, templateOutcomes } from '../../../src/core/kpis/template-outcomes';
import type { AnalysedConversation } from '../../../src/core/conversation-analysis';
import { sortKpiRows, type KpiRow } from '../../../src/stages/kpi-report';

const SHARED = (name: string) => `Hi ${name}, we have escalated your case to the specialist team and they will contact you within five working days. Thank you for your patience.`;
const HABIT = (name: string) => `Hello ${name}, I personally double-checked the settings on your account and everything looks correct from our side now.`;

/** Analysed rows as the analysis writes them (templateOutcomes reads a subset of them: OutcomeConversation). */
type Conv = Pick<AnalysedConversation, 'id' | 'messages' | 'theme' | 'team' | 'csat' | 'kpis' | 'thread'>;

/** A conversation: customer (before) → agent reply → customer (after), in a theme, with a team, a rating and reopens. */
function conv(id: string, theme: string, before: number, after: number, extra: { team?: string; csat?: number; reopens?: number } = {}): Conv {
  return {
    id,
    theme: { id: theme, label: theme.toUpperCase() },
    team: extra.team,
    csat: extra.csat,
    kpis: { reopens: extra.reopens ?? 0 } as AnalysedConversation['kpis'],
    messages: [
      { id: 'm1', role: 'customer', score: before, label: 'neutral' },
      { id: 'm2', role: 'agent', score: 0, label: 'neutral' },
      { id: 'm3', role: 'customer', score: after, label: 'neutral' },
    ],
    thread: {
      messages: [
        { id: 'm1', role: 'customer', at: '2026-11-02T09:00:00Z', text: `before ${id}` },
        { id: 'm2', role: 'agent', at: '2026-11-02T09:30:00Z', text: 'reply' },
        { id: 'm3', role: 'customer', at: '2026-11-02T10:00:00Z', text: `after ${id}` },
      ],
      words: [],
    },
  };
}

describe('templateOutcomes', () => {
  // Theme "late": 6 conversations get the shared template from 3 agents (sentiment falls 0.5, reopened, rated 2);
  // 6 others in the same theme get a one-off reply (sentiment rises 0.1, rated 5). Theme "easy" has no template at all
  // and very different outcomes: it must not enter the comparison. One agent's habit (sent 4 times) is not a template.
  const analysed: Conv[] = [];
  const messages: AgentMessage[] = [];
  const agents = ['ann', 'ben', 'cy'];
  for (let i = 0; i < 6; i++) {
    analysed.push(conv(`t${i}`, 'late', 0, -0.5, { team: i < 4 ? 'logistics' : 'billing', csat: 2, reopens: 1 }));
    messages.push({ conversationId: `t${i}`, messageId: 'm2', agent: agents[i % 3], text: SHARED(`Customer${i}`), lang: 'en' });
  }
  const oneOff = ['We refunded the shipping fee.', 'The courier has a new address now.', 'A replacement leaves today by express.', 'Your parcel is at the depot, pick it up with the code we sent.', 'I changed the delivery day to Friday.', 'We cancelled the late order and refunded it.'];
  for (let i = 0; i < 6; i++) {
    analysed.push(conv(`o${i}`, 'late', 0, 0.1, { csat: 5 }));
    messages.push({ conversationId: `o${i}`, messageId: 'm2', agent: 'dee', text: oneOff[i]!, lang: 'en' });
  }
  for (let i = 0; i < 4; i++) {
    analysed.push(conv(`h${i}`, 'easy', 0, -0.9, { csat: 1, reopens: 2 }));
    messages.push({ conversationId: `h${i}`, messageId: 'm2', agent: 'eve', text: HABIT(`Name${i}`), lang: 'en' });
  }
  const detection = detectTemplates(messages);
  const report = templateOutcomes(messages, detection, analysed);

  it('counts only templates at least MIN_TEMPLATE_AGENTS agents share', () => {
    expect(detection.templates.length).toBe(2);
    expect(report.templatesFound).toBe(2);
    expect(report.minAgents).toBe(MIN_TEMPLATE_AGENTS);
    expect(report.templates).toHaveLength(1);
    const [t] = report.templates;
    expect(t).toMatchObject({ uses: 6, conversations: 6, agents: 3 });
    expect(t!.teams).toEqual([{ team: 'logistics', conversations: 4 }, { team: 'billing', conversations: 2 }]);
    // eve's habit is not templated: her share is 0, not 100 %.
    expect(report.agents.find((a) => a.agent === 'eve')).toMatchObject({ messages: 4, templated: 0, share: 0 });
    expect(report.templatedMessages).toBe(6);
  });

  it('compares what follows with the same themes without the template, each figure with its n', () => {
    const [t] = report.templates;
    expect(t!.sentimentChange).toEqual({ with: { value: -0.5, n: 6 }, without: { value: 0.1, n: 6 } });
    expect(t!.reopened).toEqual({ with: { value: 1, n: 6 }, without: { value: 0, n: 6 } });
    expect(t!.csat).toEqual({ with: { value: 0, n: 6 }, without: { value: 1, n: 6 } });
    expect(t!.followedByDrop).toBe(6);
    expect(t!.beforeAfter).toMatchObject({ before: expect.stringMatching(/^before t\d$/), after: expect.stringMatching(/^after t\d$/), beforeScore: 0, afterScore: -0.5 });
  });

  it('gives the same report from rows cut to what it reads, threads kept only where a shared template is used', () => {
    const templated = sharedTemplateMessages(detection);
    expect(templated.size).toBe(6);
    const slim = analysed.map((c) => slimForOutcomes(c, c.messages.some((m) => templated.has(messageKey(c.id, m.id)))));
    expect(slim.filter((c) => c.thread).map((c) => c.id)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    expect(templateOutcomes(messages, detection, slim)).toEqual(report);
  });
});

describe('sortKpiRows', () => {
  const row = (key: string, volume: number, rate: number | undefined, judged: number): KpiRow =>
    ({ key, label: key, volume, kpis: { slaFirstResponseRate: rate, slaFirstResponseJudged: judged, firstResponse: {}, fullResolution: {} } }) as unknown as KpiRow;

  it('sorts a rate worst first, with rows under the minimum n and without a rate last', () => {
    const rows = [row('a', 100, 0.9, 100), row('b', 50, 0.5, 50), row('tiny', 3, 0.1, 3), row('none', 20, undefined, 0), row('c', 80, 0.7, 80)];
    expect(sortKpiRows(rows, 'sla-first-response').map((r) => r.key)).toEqual(['b', 'c', 'a', 'tiny', 'none']);
    expect(sortKpiRows(rows, 'volume').map((r) => r.key)).toEqual(['a', 'c', 'b', 'none', 'tiny']);
  });
});
