/** Builders for canonical conversations in KPI tests: only the fields a test cares about need stating. */
import type { Conversation, Message } from '../../../src/core/schema/conversation';

export type MessageSpec = Partial<Message> & Pick<Message, 'role' | 'createdAt'>;

export function conversation(spec: Partial<Omit<Conversation, 'messages'>> & { messages: MessageSpec[] }): Conversation {
  const messages: Message[] = spec.messages.map((m, i) => ({ id: m.id ?? `m${i + 1}`, text: m.text ?? '…', public: m.public ?? true, ...m }));
  const first = messages[0]!.createdAt;
  const last = messages[messages.length - 1]!.createdAt;
  return {
    schemaVersion: 1,
    id: spec.id ?? 'test:1',
    source: 'test',
    sourceId: '1',
    channel: 'email',
    createdAt: first,
    updatedAt: spec.closedAt ?? last,
    customer: { id: 'c_1' },
    tags: [],
    ...spec,
    messages,
  };
}
