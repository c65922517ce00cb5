import { describe, expect, it } from 'vitest';
import {
  detectTemplates,
  messageKey,
  normalizeReply,
  templatedShareByAgent,
  templatesFollowedBySentimentDrop,
  type AgentMessage,
} from '../../../src/core/kpis/templates';

const TEMPLATE = (name: string, order: string, agent: string) =>
  `Hi ${name},\nThank you for reaching out. I have checked order ${order} and it left our warehouse yesterday. ` +
  `You can follow it at https://track.example.com/${order}. Delivery usually takes three to five working days.\nBest regards,\n${agent}`;

const msg = (conversationId: string, text: string, agent?: string, messageId = 'm2'): AgentMessage => ({ conversationId, messageId, agent, text, lang: 'en' });

const messages: AgentMessage[] = [
  msg('c1', TEMPLATE('Maria', '#10023', 'Anna'), 'anna'),
  msg('c2', TEMPLATE('Tom', '#20077', 'Anna'), 'anna'),
  msg('c3', TEMPLATE('Li', '#31415', 'Ben'), 'ben'),
  msg('c4', TEMPLATE('Sofia', '#99881', 'Ben') + '\nP.S. Sorry again for the wait!', 'ben'),
  msg('c5', TEMPLATE('Jo', '#55555', 'Anna'), 'anna'),
  msg('c6', 'Your refund for the damaged blender was approved and will reach your bank account within a few days.', 'anna'),
  msg('c7', 'I reset the two-factor settings on your profile, please log in again and set up the authenticator app.', 'ben'),
  msg('c8', 'Thanks!', 'ben'),
];

describe('normalizeReply', () => {
  it('replaces what differs between sends: greeting name, numbers, URLs, placeholders, the signature', () => {
    // "Hi Maria," → "hi name"; "#12345" and "12/03" → 0 0 0 (numbers); the URL → url; [EMAIL] → ph; "Best regards,\nAnna" dropped;
    // "DHL" stays (all capitals are not a name), "Paris" mid-sentence → name.
    const words = normalizeReply('Hi Maria,\nYour order #12345 left Paris on 12/03 via DHL, see https://x.io/t/1 or write to [EMAIL].\nBest regards,\nAnna', 'en');
    expect(words.join(' ')).toBe('hi name your order 0 left name on 0 0 via dhl see url or write to ph');
  });

  it('keeps German nouns (capitalised) and splits Han text into characters', () => {
    expect(normalizeReply('Ihre Bestellung ist unterwegs', 'de').join(' ')).toBe('ihre bestellung ist unterwegs');
    expect(normalizeReply('您的订单已发货', 'zh')).toEqual(['您', '的', '订', '单', '已', '发', '货']);
  });
});

describe('detectTemplates', () => {
  const result = detectTemplates(messages);

  it('groups the personalised sends of one template across conversations and agents', () => {
    // c1–c5 are one template (c4 adds a P.S.); c6 and c7 are one-offs; c8 is too short to judge.
    expect(result.templates).toHaveLength(1);
    const [t] = result.templates;
    expect(t).toMatchObject({ count: 5, conversations: 5, agents: ['anna', 'ben'] });
    expect(t!.exampleText).toMatch(/^Hi \w+, Thank you for reaching out/);
    for (const c of ['c1', 'c2', 'c3', 'c4', 'c5']) expect(result.messageTemplate.get(messageKey(c, 'm2'))).toBe(t!.id);
    for (const c of ['c6', 'c7', 'c8']) expect(result.messageTemplate.has(messageKey(c, 'm2'))).toBe(false);
  });

  it('keys messages by conversation and message id (ids repeat across conversations)', () => {
    // Every message above is 'm2': five distinct keys prove the conversation is part of the key.
    expect(result.messageTemplate.size).toBe(5);
  });

  it('needs the template in at least minConversations conversations', () => {
    expect(detectTemplates(messages.slice(0, 2)).templates).toEqual([]);
    expect(detectTemplates(messages.slice(0, 2), { minConversations: 2 }).templates).toHaveLength(1);
  });

  it('finds the same templates, with the same ids, whatever the input order', () => {
    const again = detectTemplates([...messages].reverse());
    expect(again.templates).toEqual(result.templates);
  });

  it('scales linearly: 100 000 agent messages well under a minute', () => {
    const vocabulary = 'account password billing charge refund order delivery late app crash login email phone card plan upgrade cancel subscription help issue team check update'.split(' ');
    let s = 1;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const sentence = (n: number) => Array.from({ length: n }, () => vocabulary[Math.floor(rnd() * vocabulary.length)]).join(' ');
    const templates = Array.from({ length: 200 }, () => sentence(40));
    const big: AgentMessage[] = Array.from({ length: 100_000 }, (_, i) =>
      msg(`c${i}`, i % 2 ? sentence(50) : `Hi Bob, ${templates[Math.floor(i / 2) % 200]} order ${i}`, `a${i % 50}`),
    );
    const started = Date.now();
    const r = detectTemplates(big);
    const seconds = (Date.now() - started) / 1000;
    // About 5 s on one idle core; the bound leaves room for a loaded CI machine.
    expect(seconds).toBeLessThan(45);
    expect(r.templates).toHaveLength(200);
    // The 50 000 templated sends are all found; the random replies are not templates.
    expect(r.messageTemplate.size).toBe(50_000);
  }, 120_000);
});

describe('templatedShareByAgent', () => {
  it('gives each agent the share of their replies that were a template', () => {
    // anna: c1, c2, c5 templated of c1, c2, c5, c6 → 3/4 = 0.75. ben: c3, c4 of c3, c4, c7, c8 → 2/4 = 0.5.
    expect(templatedShareByAgent(messages, detectTemplates(messages))).toEqual([
      { agent: 'anna', messages: 4, templated: 3, share: 0.75 },
      { agent: 'ben', messages: 4, templated: 2, share: 0.5 },
    ]);
  });
});

describe('templatesFollowedBySentimentDrop', () => {
  it('finds templated replies after which the customer felt worse', () => {
    const detection = detectTemplates(messages);
    const analysed = [
      // c1: customer −0.10, templated reply, customer −0.60: drop 0.50 ≥ 0.25.
      { id: 'c1', messages: [
        { id: 'm1', role: 'customer' as const, score: -0.1, label: 'negative' as const },
        { id: 'm2', role: 'agent' as const, score: 0.3, label: 'positive' as const },
        { id: 'm3', role: 'customer' as const, score: -0.6, label: 'negative' as const },
      ] },
      // c2: −0.40 → +0.50 after the template: sentiment rose.
      { id: 'c2', messages: [
        { id: 'm1', role: 'customer' as const, score: -0.4, label: 'negative' as const },
        { id: 'm2', role: 'agent' as const, score: 0.3, label: 'positive' as const },
        { id: 'm3', role: 'customer' as const, score: 0.5, label: 'positive' as const },
      ] },
      // c6: drop 0.2 → 0.0 = 0.2 but the reply is no template.
      { id: 'c6', messages: [
        { id: 'm1', role: 'customer' as const, score: 0.2, label: 'positive' as const },
        { id: 'm2', role: 'agent' as const, score: 0, label: 'neutral' as const },
        { id: 'm3', role: 'customer' as const, score: -0.8, label: 'negative' as const },
      ] },
      // c3: the templated reply is the last message: nothing to compare.
      { id: 'c3', messages: [
        { id: 'm1', role: 'customer' as const, score: 0, label: 'neutral' as const },
        { id: 'm2', role: 'agent' as const, score: 0, label: 'neutral' as const },
      ] },
    ];
    expect(templatesFollowedBySentimentDrop(analysed, detection)).toEqual([
      { conversationId: 'c1', messageId: 'm2', templateId: detection.templates[0]!.id, before: -0.1, after: -0.6, drop: 0.5 },
    ]);
    // A stricter threshold (0.6) drops it.
    expect(templatesFollowedBySentimentDrop(analysed, detection, { minDrop: 0.6 })).toEqual([]);
  });
});
