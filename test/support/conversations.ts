/** Builders for canonical conversations in tests: readable defaults, override what matters. */
import type { ConversationInput } from '../../src/core/schema/conversation';

let counter = 0;

export interface ConversationSpec {
  id?: string;
  source?: string;
  day?: string;
  hour?: number;
  channel?: ConversationInput['channel'];
  customerId?: string;
  customer?: string[];
  agent?: string[];
  csat?: number;
  segment?: string;
  team?: string;
  language?: string;
  updatedAt?: string;
  closed?: boolean;
}

/** Customer and agent messages alternate, customer first, 30 minutes apart. */
export function conversation(spec: ConversationSpec = {}): ConversationInput {
  const sourceId = spec.id ?? `c${++counter}`;
  const source = spec.source ?? 'test';
  const start = Date.parse(`${spec.day ?? '2026-11-02'}T${String(spec.hour ?? 9).padStart(2, '0')}:00:00Z`);
  const customer = spec.customer ?? ['My card has not arrived yet, it has been two weeks.'];
  const agent = spec.agent ?? ['Sorry about that, I have ordered a replacement card for you.'];
  const messages: ConversationInput['messages'] = [];
  for (let i = 0; i < Math.max(customer.length, agent.length); i++) {
    if (customer[i] !== undefined) messages.push({ id: `m${messages.length + 1}`, role: 'customer', authorId: spec.customerId ?? 'cust-1', createdAt: new Date(start + messages.length * 1_800_000).toISOString(), text: customer[i]!, public: true });
    if (agent[i] !== undefined) messages.push({ id: `m${messages.length + 1}`, role: 'agent', authorId: 'agent-7', createdAt: new Date(start + messages.length * 1_800_000).toISOString(), text: agent[i]!, public: true });
  }
  const last = messages[messages.length - 1]!.createdAt;
  return {
    schemaVersion: 1,
    id: `${source}:${sourceId}`,
    source,
    sourceId,
    channel: spec.channel ?? 'email',
    createdAt: messages[0]!.createdAt,
    updatedAt: spec.updatedAt ?? last,
    closedAt: spec.closed === false ? undefined : last,
    customer: { id: spec.customerId ?? 'cust-1', segment: spec.segment },
    team: spec.team,
    tags: [],
    csat: spec.csat,
    language: spec.language,
    messages,
  };
}

export function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
