import { describe, expect, it } from 'vitest';
import { conversationIndexOfDay, LIST_ITEM_BYTES } from '../../src/core/conversations/index-items';
import { matchesWords, readableThread, searchWordsOf, THREAD_LIMITS } from '../../src/core/conversations/thread';
import { analyseConversation, type AnalysedConversation } from '../../src/core/conversation-analysis';
import { Conversation } from '../../src/core/schema/conversation';
import { conversation } from '../support/conversations';

const shared = new Set(['my', 'parcel', 'has', 'not', 'arrived', 'we', 'sent', 'a', 'new', 'one']);

describe('readableThread', () => {
  it('masks words few customers used, in every role, and keeps the words it can be found by', () => {
    const c = conversation({ customer: ['My parcel has not arrived, Gertrude'], agent: ['We sent a new one, Gertrude'] });
    const t = readableThread(Conversation.parse(c), 'en', shared);
    expect(t.messages.map((m) => m.text)).toEqual(['My parcel has not arrived, …', 'We sent a new one, …']);
    expect(t.words).toEqual(['my', 'parcel', 'has', 'not', 'arrived']);
    expect(matchesWords(t.words, ['parc', 'arriv'])).toBe(true);
    expect(matchesWords(t.words, ['gertrude'])).toBe(false);
  });

  it('is bounded: at most THREAD_LIMITS.messages messages (first and last halves) of THREAD_LIMITS.chars characters', () => {
    const long = 'parcel '.repeat(1000);
    const c = conversation({ customer: Array.from({ length: 50 }, () => long), agent: Array.from({ length: 50 }, () => 'we sent a new one') });
    const t = readableThread(Conversation.parse(c), 'en', shared);
    expect(t.messages).toHaveLength(THREAD_LIMITS.messages);
    expect(t.omitted).toBe(100 - THREAD_LIMITS.messages);
    expect(Math.max(...t.messages.map((m) => m.text.length))).toBeLessThanOrEqual(THREAD_LIMITS.chars);
    expect(t.messages[0]!.id).toBe('m1');
    expect(t.messages.at(-1)!.id).toBe('m100');
  });

  it('cuts Han text into words and folds accents', () => {
    expect(searchWordsOf('Reembolsó el PEDIDO', 'es')).toEqual(['reembolso', 'el', 'pedido']);
    expect(searchWordsOf('我的包裹没有到', 'zh').length).toBeGreaterThan(1);
  });
});

describe('conversationIndexOfDay', () => {
  it('splits a large day × theme into list items of at most LIST_ITEM_BYTES, every conversation once', () => {
    const base = analyseConversation(Conversation.parse(conversation({ id: 'x', customer: ['my parcel has not arrived '.repeat(20)] })), undefined);
    const rows: AnalysedConversation[] = Array.from({ length: 3000 }, (_, i) => ({
      ...base,
      id: `test:${i}`,
      theme: { id: 't-1', label: 'Parcel' },
      quote: 'my parcel has not arrived '.repeat(8),
      thread: { messages: [{ id: 'm1', role: 'customer', at: '2026-11-02T09:00:00Z', text: 'my parcel' }], words: Array.from({ length: 30 }, (_, w) => `word${w}`) },
    }));
    const index = conversationIndexOfDay('2026-11-02', rows);
    expect(index.threads).toHaveLength(3000);
    expect(index.lists.length).toBeGreaterThan(1);
    for (const { item, json } of index.lists) {
      expect(json).toBe(JSON.stringify(item));
      expect(Buffer.byteLength(json)).toBeLessThan(LIST_ITEM_BYTES + 10_000);
    }
    expect(index.lists.map(({ item }) => item.SK)).toEqual(index.lists.map((_, i) => `t-1#${String(i).padStart(2, '0')}`));
    expect(index.lists.flatMap(({ item }) => item.rows.map((r) => r.id)).sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
