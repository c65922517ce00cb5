/**
 * What follows a canned reply (templates.ts), against comparable conversations without it: for each template
 * that several agents share, the customer's sentiment change across the reply (their last score before it →
 * their first after it), the share of its conversations reopened, and CSAT (share of 4–5 ratings), beside the
 * same measures for the conversations of the same themes that did not get it, weighted to the template's mix
 * of themes (direct standardisation: a template sent mostly on angry refund threads is compared with refund
 * threads, not with password resets). Every figure carries its n.
 */
import type { AnalysedConversation } from '../conversation-analysis';
import { messageKey, type AgentMessage, type TemplateDetection } from './templates';

/** A template counts as shared when at least this many different agents sent it: one agent's habit is not a team's template. */
export const MIN_TEMPLATE_AGENTS = 3;
/** Below this n a rate or mean is shown greyed, and a comparison is not called a difference. */
export const MIN_OUTCOME_N = 10;
/** The customer's next message at least this much lower counts as sentiment falling after the reply (as a worsened trajectory). */
export const SENTIMENT_DROP = 0.25;

export interface Measure {
  /** Mean (sentiment change) or share (reopen, CSAT); undefined when n is 0. */
  value?: number;
  n: number;
}

export interface Comparison {
  with: Measure;
  /** Conversations of the same themes without the template, weighted to its theme mix. */
  without: Measure;
}

export interface BeforeAfter {
  conversationId: string;
  /** The customer's message before the reply and the one after it, as a product manager may read them (masked). */
  before: string;
  after: string;
  beforeScore: number;
  afterScore: number;
}

export interface TemplateOutcome {
  id: string;
  /** The wording most sends share, as the thread shows it (words few customers used masked). */
  example: string;
  uses: number;
  conversations: number;
  agents: number;
  teams: { team: string; conversations: number }[];
  themes: { id: string; label: string; conversations: number }[];
  sentimentChange: Comparison;
  reopened: Comparison;
  csat: Comparison;
  /** Replies after which the customer's next message was SENTIMENT_DROP or more lower. */
  followedByDrop: number;
  beforeAfter?: BeforeAfter;
}

export interface TemplateOutcomes {
  agentMessages: number;
  /** Agent messages that are a shared template. */
  templatedMessages: number;
  /** Templates found, shared or not. */
  templatesFound: number;
  minAgents: number;
  templates: TemplateOutcome[];
  agents: { agent: string; messages: number; templated: number; share: number }[];
  /** Replies followed by the customer's sentiment falling, over all shared templates. */
  followedByDrop: number;
}

/**
 * What the outcomes read of an analysed conversation (an AnalysedConversation is one): a caller over a long range
 * keeps only this, and the thread only for conversations that use a shared template (slimForOutcomes).
 */
export interface OutcomeConversation {
  id: string;
  theme: { id: string; label: string };
  team?: string;
  csat?: number;
  kpis: { reopens: number };
  messages: Array<Pick<AnalysedConversation['messages'][number], 'id' | 'role' | 'score'>>;
  thread?: { messages: Array<{ id: string; text: string }> };
}
type Conv = OutcomeConversation;

/** An analysed row cut to what templateOutcomes reads; its thread kept only when `keepThread` (it uses a shared template). */
export function slimForOutcomes(row: OutcomeConversation, keepThread: boolean): OutcomeConversation {
  return {
    id: row.id,
    theme: { id: row.theme.id, label: row.theme.label },
    ...(row.team !== undefined ? { team: row.team } : {}),
    ...(row.csat !== undefined ? { csat: row.csat } : {}),
    kpis: { reopens: row.kpis.reopens },
    messages: row.messages.map((m) => ({ id: m.id, role: m.role, score: m.score })),
    ...(keepThread && row.thread ? { thread: { messages: row.thread.messages.map((m) => ({ id: m.id, text: m.text })) } } : {}),
  };
}

/** The shared templates' message keys (messageKey), for a caller that keeps threads only where they are used. */
export function sharedTemplateMessages(detection: TemplateDetection, minAgents = MIN_TEMPLATE_AGENTS): Set<string> {
  const shared = new Set(detection.templates.filter((t) => t.agents.length >= minAgents).map((t) => t.id));
  const out = new Set<string>();
  for (const [key, id] of detection.messageTemplate) if (shared.has(id)) out.add(key);
  return out;
}

interface ReplyEffect {
  conv: Conv;
  messageId: string;
  before: number;
  after: number;
}

/** Each agent reply with a customer message on both sides: the customer's last score before it and first after it. */
function replyEffects(conv: Conv): Array<{ messageId: string; before: number; after: number }> {
  const out: Array<{ messageId: string; before: number; after: number }> = [];
  let last: number | undefined;
  conv.messages.forEach((m, i) => {
    if (m.role === 'customer') {
      last = m.score;
      return;
    }
    if (last === undefined) return;
    const next = conv.messages.slice(i + 1).find((n) => n.role === 'customer');
    if (next) out.push({ messageId: m.id, before: last, after: next.score });
  });
  return out;
}

const round = (x: number | undefined, d = 4) => (x === undefined ? undefined : Math.round(x * 10 ** d) / 10 ** d);
const mean = (xs: number[]): Measure => ({ value: xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : undefined, n: xs.length });
const share = (flags: boolean[]): Measure => ({ value: flags.length ? round(flags.filter(Boolean).length / flags.length) : undefined, n: flags.length });

/**
 * The comparison group's measure, weighted to the template's themes: per theme the measure over the comparison
 * conversations of that theme, averaged with the template's conversations per theme as weights (themes without
 * comparison data left out and the weights renormalised). n is the comparison observations used.
 */
function standardised(weights: Map<string, number>, byTheme: Map<string, number[]>): Measure {
  let sum = 0;
  let weight = 0;
  let n = 0;
  for (const [theme, w] of weights) {
    const xs = byTheme.get(theme);
    if (!xs?.length) continue;
    sum += (w * xs.reduce((a, b) => a + b, 0)) / xs.length;
    weight += w;
    n += xs.length;
  }
  return { value: weight ? round(sum / weight) : undefined, n };
}

function textOf(conv: Conv, id: string): string | undefined {
  return conv.thread?.messages.find((m) => m.id === id)?.text;
}

/**
 * @param messages every public agent message of the range (what detection ran on)
 * @param analysed the range's analysed conversations (sentiment per message, theme, team, CSAT, reopens, thread)
 */
export function templateOutcomes(messages: AgentMessage[], detection: TemplateDetection, analysed: Conv[], options: { minAgents?: number; limit?: number } = {}): TemplateOutcomes {
  const minAgents = options.minAgents ?? MIN_TEMPLATE_AGENTS;
  const shared = new Map(detection.templates.filter((t) => t.agents.length >= minAgents).map((t) => [t.id, t]));
  const templateOf = (convId: string, messageId: string) => {
    const id = detection.messageTemplate.get(messageKey(convId, messageId));
    return id && shared.has(id) ? id : undefined;
  };

  // Per template: its conversations and reply effects; per theme: every conversation's outcomes and reply effects (for comparison).
  type Uses = { convs: Map<string, Conv>; effects: ReplyEffect[]; firstMessage?: { conv: Conv; messageId: string } };
  const usesOf = new Map<string, Uses>();
  const themeConvs = new Map<string, Conv[]>();
  const themeEffects = new Map<string, Array<ReplyEffect & { template?: string }>>();
  for (const conv of analysed) {
    const inTheme = themeConvs.get(conv.theme.id);
    if (inTheme) inTheme.push(conv);
    else themeConvs.set(conv.theme.id, [conv]);
    const effects = new Map(replyEffects(conv).map((e) => [e.messageId, e]));
    for (const m of conv.messages) {
      if (m.role !== 'agent') continue;
      const template = templateOf(conv.id, m.id);
      const effect = effects.get(m.id);
      if (effect) {
        const list = themeEffects.get(conv.theme.id);
        if (list) list.push({ conv, ...effect, template });
        else themeEffects.set(conv.theme.id, [{ conv, ...effect, template }]);
      }
      if (!template) continue;
      const uses: Uses = usesOf.get(template) ?? { convs: new Map(), effects: [] };
      uses.convs.set(conv.id, conv);
      uses.firstMessage ??= { conv, messageId: m.id };
      if (effect) uses.effects.push({ conv, ...effect });
      usesOf.set(template, uses);
    }
  }

  let followedByDrop = 0;
  const outcomes: TemplateOutcome[] = [];
  for (const [id, uses] of usesOf) {
    const template = shared.get(id)!;
    const convs = [...uses.convs.values()];
    const weights = new Map<string, number>();
    for (const c of convs) weights.set(c.theme.id, (weights.get(c.theme.id) ?? 0) + 1);
    const without = (measure: (c: Conv) => number | undefined) => {
      const byTheme = new Map<string, number[]>();
      for (const theme of weights.keys()) {
        const xs = (themeConvs.get(theme) ?? []).filter((c) => !uses.convs.has(c.id)).map(measure).filter((x): x is number => x !== undefined);
        byTheme.set(theme, xs);
      }
      return standardised(weights, byTheme);
    };
    const effectsWithout = new Map<string, number[]>();
    for (const theme of weights.keys()) {
      effectsWithout.set(theme, (themeEffects.get(theme) ?? []).filter((e) => !uses.convs.has(e.conv.id)).map((e) => e.after - e.before));
    }
    const deltas = uses.effects.map((e) => e.after - e.before);
    const drops = deltas.filter((d) => d <= -SENTIMENT_DROP).length;
    followedByDrop += drops;
    const sentimentChange = { with: mean(deltas), without: standardised(weights, effectsWithout) };
    const rated = convs.filter((c) => c.csat !== undefined);

    // The before/after that speaks for the template: the reply whose change is nearest the template's mean, with both messages readable.
    const target = sentimentChange.with.value ?? 0;
    const readable = uses.effects
      .map((e) => {
        const i = e.conv.messages.findIndex((m) => m.id === e.messageId);
        const before = [...e.conv.messages.slice(0, i)].reverse().find((m) => m.role === 'customer');
        const after = e.conv.messages.slice(i + 1).find((m) => m.role === 'customer');
        const beforeText = before && textOf(e.conv, before.id);
        const afterText = after && textOf(e.conv, after.id);
        return beforeText && afterText ? { e, beforeText, afterText } : undefined;
      })
      .filter((x): x is NonNullable<typeof x> => !!x)
      .sort((a, b) => Math.abs(a.e.after - a.e.before - target) - Math.abs(b.e.after - b.e.before - target) || a.e.conv.id.localeCompare(b.e.conv.id));
    const pick = readable[0];
    const teams = new Map<string, number>();
    for (const c of convs) if (c.team) teams.set(c.team, (teams.get(c.team) ?? 0) + 1);
    const example = (uses.firstMessage && textOf(uses.firstMessage.conv, uses.firstMessage.messageId)) ?? template.exampleText;

    outcomes.push({
      id,
      example: example.replace(/\s+/g, ' ').trim().slice(0, 400),
      uses: template.count,
      conversations: template.conversations,
      agents: template.agents.length,
      teams: [...teams].map(([team, conversations]) => ({ team, conversations })).sort((a, b) => b.conversations - a.conversations || a.team.localeCompare(b.team)).slice(0, 10),
      themes: [...weights]
        .map(([theme, conversations]) => ({ id: theme, label: themeConvs.get(theme)![0]!.theme.label, conversations }))
        .sort((a, b) => b.conversations - a.conversations || a.id.localeCompare(b.id))
        .slice(0, 5),
      sentimentChange,
      reopened: { with: share(convs.map((c) => c.kpis.reopens > 0)), without: without((c) => (c.kpis.reopens > 0 ? 1 : 0)) },
      csat: { with: share(rated.map((c) => c.csat! >= 4)), without: without((c) => (c.csat === undefined ? undefined : c.csat >= 4 ? 1 : 0)) },
      followedByDrop: drops,
      ...(pick
        ? { beforeAfter: { conversationId: pick.e.conv.id, before: pick.beforeText, after: pick.afterText, beforeScore: pick.e.before, afterScore: pick.e.after } }
        : {}),
    });
  }
  outcomes.sort((a, b) => b.uses - a.uses || a.id.localeCompare(b.id));

  const byAgent = new Map<string, { messages: number; templated: number }>();
  let templatedMessages = 0;
  for (const m of messages) {
    const agent = m.agent ?? '(unknown)';
    const s = byAgent.get(agent) ?? { messages: 0, templated: 0 };
    s.messages++;
    if (templateOf(m.conversationId, m.messageId)) {
      s.templated++;
      templatedMessages++;
    }
    byAgent.set(agent, s);
  }
  return {
    agentMessages: messages.length,
    templatedMessages,
    templatesFound: detection.templates.length,
    minAgents,
    templates: outcomes.slice(0, options.limit ?? outcomes.length),
    agents: [...byAgent]
      .map(([agent, s]) => ({ agent, ...s, share: Math.round((s.templated / s.messages) * 10_000) / 10_000 }))
      .sort((a, b) => b.share - a.share || b.messages - a.messages || a.agent.localeCompare(b.agent)),
    followedByDrop,
  };
}
