/**
 * Support KPIs of one conversation, computed from the canonical record alone (no help-desk API).
 * Every definition, and how it lines up with Zendesk, Intercom and Freshdesk, is in DEFINITIONS below.
 */
import * as z from 'zod';
import type { Channel, Conversation, Message } from '../schema/conversation';
import { BusinessCalendarSchema, businessMinutesBetween, type BusinessCalendar } from './business-hours';

export type Priority = NonNullable<Conversation['priority']>;

export const SlaTargetSchema = z.object({
  firstResponseMinutes: z.number().positive().optional(),
  resolutionMinutes: z.number().positive().optional(),
  /** Count only the business calendar's opening hours (KpiConfig.businessCalendar must be set). */
  businessHours: z.boolean().optional(),
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const SlaRuleSchema = SlaTargetSchema.extend({
  /** Omitted = any priority. */
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
  /** Omitted = any channel. */
  channel: z.enum(['email', 'chat', 'phone', 'social', 'web', 'messaging', 'api', 'other']).optional(),
});
export type SlaRule = z.infer<typeof SlaRuleSchema>;

export const SlaPolicySchema = z.object({
  rules: z.array(SlaRuleSchema).default([]),
  /** Applies when no rule matches (e.g. conversations without a priority). */
  default: SlaTargetSchema.optional(),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;

export const KpiConfigSchema = z
  .object({
    sla: SlaPolicySchema.optional(),
    businessCalendar: BusinessCalendarSchema.optional(),
    /** Silence (hours) after the agent's last word beyond which a new customer message counts as a reopen. */
    reopenAfterHours: z.number().positive().default(72),
  })
  .superRefine((c, ctx) => {
    const targets = [...(c.sla?.rules ?? []), ...(c.sla?.default ? [c.sla.default] : [])];
    if (!c.businessCalendar && targets.some((t) => t.businessHours)) {
      ctx.addIssue({ code: 'custom', path: ['businessCalendar'], message: 'an SLA target counts business hours but no businessCalendar is configured' });
    }
  });
export type KpiConfig = z.input<typeof KpiConfigSchema>;

/** Optional additive input: status transitions, when a connector can export them (see DEFINITIONS). */
export interface StatusChange {
  status: NonNullable<Conversation['status']>;
  at: string;
}
export type ConversationWithHistory = Conversation & { statusHistory?: StatusChange[] };

export interface Duration {
  calendarMinutes: number;
  /** Present when a business calendar is configured. */
  businessMinutes?: number;
}

export interface SlaOutcome {
  targetMinutes: number;
  businessHours: boolean;
  /** Measured (or, while still running, elapsed at the archive snapshot) on the target's clock. */
  actualMinutes: number;
  /** true met · false breached · undefined still running at the snapshot, or closed without needing it. */
  met: boolean | undefined;
}

export interface ConversationKpis {
  conversationId: string;
  firstResponse?: Duration;
  fullResolution?: Duration;
  requesterWait?: Duration;
  customerMessages: number;
  agentMessages: number;
  agentReplies: number;
  internalNotes: number;
  botMessages: number;
  reopens: number;
  reopensFrom: 'status-history' | 'inferred';
  /** Closed after exactly one agent reply (Zendesk "one-touch"). */
  oneTouch: boolean;
  csat?: number;
  /** csat ≥ 4: the rating counts toward CSAT % (satisfied ÷ rated). */
  csatSatisfied?: boolean;
  sla: { firstResponse?: SlaOutcome; resolution?: SlaOutcome };
}

const RESOLVED = new Set(['solved', 'closed']);
const round2 = (x: number) => Math.round(x * 100) / 100;
const isPublic = (m: Message) => m.public !== false;

function measure(fromIso: string, toIso: string, calendar: BusinessCalendar | undefined): Duration {
  const calendarMinutes = round2(Math.max(0, (Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  return calendar ? { calendarMinutes, businessMinutes: round2(businessMinutesBetween(fromIso, toIso, calendar)) } : { calendarMinutes };
}

/** The most specific rule wins (priority + channel, then priority, then channel); ties go to the earlier rule. */
export function slaTargetFor(policy: SlaPolicy | undefined, priority: Priority | undefined, channel: Channel): SlaTarget | undefined {
  if (!policy) return undefined;
  let best: { rule: SlaRule; specificity: number } | undefined;
  for (const rule of policy.rules) {
    if (rule.priority !== undefined && rule.priority !== priority) continue;
    if (rule.channel !== undefined && rule.channel !== channel) continue;
    const specificity = (rule.priority !== undefined ? 2 : 0) + (rule.channel !== undefined ? 1 : 0);
    if (!best || specificity > best.specificity) best = { rule, specificity };
  }
  return best?.rule ?? policy.default;
}

function isResolved(c: Conversation): boolean {
  return !!c.closedAt && (c.status === undefined || RESOLVED.has(c.status));
}

/** The last moment the archive knows about: the close when resolved, else the last update (a reopened ticket's closedAt is stale). */
const snapshotOf = (c: Conversation) => (isResolved(c) ? c.closedAt! : c.updatedAt);

function countReopens(c: ConversationWithHistory, reopenAfterHours: number): { reopens: number; from: ConversationKpis['reopensFrom'] } {
  if (c.statusHistory?.length) {
    let reopens = 0;
    let resolved = false;
    for (const change of [...c.statusHistory].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
      const nowResolved = RESOLVED.has(change.status);
      if (resolved && !nowResolved) reopens++;
      resolved = nowResolved;
    }
    return { reopens, from: 'status-history' };
  }
  const gapMs = reopenAfterHours * 3_600_000;
  let reopens = 0;
  let lastAgentAt: number | undefined;
  let agentHadLastWord = false;
  for (const m of c.messages) {
    if (!isPublic(m)) continue;
    if (m.role === 'agent') {
      lastAgentAt = Date.parse(m.createdAt);
      agentHadLastWord = true;
    } else if (m.role === 'customer') {
      if (agentHadLastWord && lastAgentAt !== undefined && Date.parse(m.createdAt) - lastAgentAt >= gapMs) reopens++;
      agentHadLastWord = false;
    }
  }
  return { reopens, from: 'inferred' };
}

/** Sum of the spans during which a customer message waited for a public agent answer. */
function requesterWaitSpans(c: Conversation): [string, string][] {
  const spans: [string, string][] = [];
  let waitingSince: string | undefined;
  for (const m of c.messages) {
    if (!isPublic(m)) continue;
    if (m.role === 'customer' && waitingSince === undefined) waitingSince = m.createdAt;
    else if (m.role === 'agent' && waitingSince !== undefined) {
      spans.push([waitingSince, m.createdAt]);
      waitingSince = undefined;
    }
  }
  if (waitingSince !== undefined) {
    const end = snapshotOf(c);
    if (Date.parse(end) > Date.parse(waitingSince)) spans.push([waitingSince, end]);
  }
  return spans;
}

/**
 * Met when the measured duration is within target. Without a measurement the clock is judged at the
 * snapshot: already past target → breached; otherwise undecided (still running, or closed without
 * the event ever being needed, e.g. the customer withdrew before anyone replied).
 */
function slaOutcome(target: number | undefined, businessHours: boolean, measured: Duration | undefined, running: Duration | undefined): SlaOutcome | undefined {
  if (target === undefined) return undefined;
  const pick = (d: Duration) => (businessHours ? d.businessMinutes! : d.calendarMinutes);
  if (measured) return { targetMinutes: target, businessHours, actualMinutes: pick(measured), met: pick(measured) <= target };
  if (!running) return undefined;
  const elapsed = pick(running);
  return { targetMinutes: target, businessHours, actualMinutes: elapsed, met: elapsed > target ? false : undefined };
}

/** Parsing validates the calendar's zone through Intl: do it once per config object, not per conversation. */
const parsedConfigs = new WeakMap<KpiConfig, z.output<typeof KpiConfigSchema>>();
function parseConfig(config: KpiConfig): z.output<typeof KpiConfigSchema> {
  let parsed = parsedConfigs.get(config);
  if (!parsed) {
    parsed = KpiConfigSchema.parse(config);
    parsedConfigs.set(config, parsed);
  }
  return parsed;
}

export function computeKpis(c: ConversationWithHistory, config: KpiConfig = {}): ConversationKpis {
  const cfg = parseConfig(config);
  const calendar = cfg.businessCalendar;
  const publicMessages = c.messages.filter(isPublic);
  const firstCustomer = publicMessages.find((m) => m.role === 'customer');
  const firstReply = firstCustomer && publicMessages.find((m) => m.role === 'agent' && Date.parse(m.createdAt) >= Date.parse(firstCustomer.createdAt));
  const firstResponse = firstCustomer && firstReply ? measure(firstCustomer.createdAt, firstReply.createdAt, calendar) : undefined;
  const resolved = isResolved(c);
  const fullResolution = resolved ? measure(c.createdAt, c.closedAt!, calendar) : undefined;

  const spans = requesterWaitSpans(c);
  const requesterWait = spans.length
    ? spans.map(([a, b]) => measure(a, b, calendar)).reduce((sum, d) => ({
        calendarMinutes: round2(sum.calendarMinutes + d.calendarMinutes),
        ...(calendar ? { businessMinutes: round2((sum.businessMinutes ?? 0) + (d.businessMinutes ?? 0)) } : {}),
      }))
    : undefined;

  const agentMessages = publicMessages.filter((m) => m.role === 'agent');
  const agentReplies = firstCustomer ? agentMessages.filter((m) => Date.parse(m.createdAt) >= Date.parse(firstCustomer.createdAt)).length : 0;
  const { reopens, from } = countReopens(c, cfg.reopenAfterHours);

  const target = slaTargetFor(cfg.sla, c.priority, c.channel);
  const businessHours = !!target?.businessHours;
  if (businessHours && !calendar) throw new Error('SLA counts business hours but no businessCalendar is configured');
  const snapshot = snapshotOf(c);
  const sinceFirstCustomer = firstCustomer && !firstReply ? measure(firstCustomer.createdAt, snapshot, calendar) : undefined;
  const sinceCreation = !resolved ? measure(c.createdAt, snapshot, calendar) : undefined;

  return {
    conversationId: c.id,
    firstResponse,
    fullResolution,
    requesterWait,
    customerMessages: publicMessages.filter((m) => m.role === 'customer').length,
    agentMessages: agentMessages.length,
    agentReplies,
    internalNotes: c.messages.filter((m) => !isPublic(m)).length,
    botMessages: publicMessages.filter((m) => m.role === 'bot').length,
    reopens,
    reopensFrom: from,
    oneTouch: resolved && agentReplies === 1,
    csat: c.csat,
    csatSatisfied: c.csat === undefined ? undefined : c.csat >= 4,
    sla: {
      firstResponse: slaOutcome(target?.firstResponseMinutes, businessHours, firstResponse, sinceFirstCustomer),
      resolution: slaOutcome(target?.resolutionMinutes, businessHours, fullResolution, sinceCreation),
    },
  };
}
