/**
 * Canned replies: near-duplicate agent messages across conversations, found with word shingles,
 * MinHash signatures and LSH banding, so the cost is linear in the number of messages (no pairwise
 * comparison). Before shingling, what varies between two sends of one template is normalised away:
 * numbers, redaction and help-desk placeholders, URLs, the name after the greeting, the signature
 * under the sign-off and (outside German, which capitalises nouns) capitalised words mid-sentence.
 *
 * LSH: 16 bands × 4 rows; a pair with Jaccard similarity s shares a band with probability
 * 1 − (1 − s⁴)¹⁶: 0.9998 at s = 0.8, 0.64 at s = 0.5, 0.12 at s = 0.3. Candidates are then
 * confirmed on the signatures' estimated similarity (default ≥ 0.6). Each bucket keeps one
 * representative and newcomers are compared with it only, so a template sent 10 000 times costs
 * 10 000 comparisons, not 50 million.
 */
import type { AnalysedConversation } from '../conversation-analysis';
import { hash32, mix32 } from './hash';
import { writingOf } from '../analysis/languages/writing';

export interface AgentMessage {
  conversationId: string;
  messageId: string;
  agent?: string;
  text: string;
  lang: string;
}

export interface Template {
  id: string;
  /** The most common wording in the group, as one agent actually sent it (redacted). */
  exampleText: string;
  count: number;
  conversations: number;
  agents: string[];
}

export interface TemplateDetection {
  templates: Template[];
  /** messageKey(conversationId, messageId) → template id. Keyed by both: message ids are only unique within a conversation. */
  messageTemplate: Map<string, string>;
}

export interface TemplateOptions {
  /** Estimated Jaccard similarity of shingle sets at which two replies are the same template (default 0.6). */
  similarity?: number;
  /** A template must have been sent in this many distinct conversations (default 3). */
  minConversations?: number;
  /** Replies shorter than this many words after normalisation are ignored ("Thanks!") (default 6). */
  minWords?: number;
}

export const messageKey = (conversationId: string, messageId: string): string => `${conversationId}\u241f${messageId}`;

const BANDS = 16;
const ROWS = 4;
const HASHES = BANDS * ROWS;
const SHINGLE = 3;
/** Long replies are a template's opening anyway; capping words bounds the cost per message. */
const MAX_WORDS = 300;
const EXAMPLE_CHARS = 400;
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix32(Math.imul(i + 1, 0x9e3779b9)));
/** Odd multipliers: x ↦ a·x + b mod 2³² is then a permutation of 32-bit values. */
const MULTIPLIERS = Uint32Array.from({ length: HASHES }, (_, i) => mix32(Math.imul(i + 7, 0x85ebca6b)) | 1);

const GREETING = /^(\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|buen[oa]s (?:días|tardes|noches)|estimad[oa]|bonjour|bonsoir|cher|chère|hallo|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen|abend)|olá|oi|prezad[oa]|caro|cara|gentile|ciao|salve|buongiorno|buonasera|beste|hoi|goedemorgen|goedemiddag))[ \t]+[^\n,!:;.]{1,40}?(?=\s*[,!:;.\n])/i;
const SIGN_OFF =
  /^\s*(?:best|best regards|kind regards|regards|warm regards|cheers|thanks|thank you|many thanks|all the best|sincerely|saludos|un saludo|atentamente|cordialmente|cordialement|bien à vous|bien cordialement|viele grüße|beste grüße|mit freundlichen grüßen|lg|abraços|atenciosamente|cordiali saluti|saluti|distinti saluti|met vriendelijke groet(?:en)?|groeten|hartelijke groet)[\s,!.]*$/i;
const PLACEHOLDER = /\{\{[^}]*\}\}|\{[\w.]+\}|%[A-Z_]+%|\[[A-Z_]+\]/g;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
const WORD = /[\p{L}\p{M}\p{N}'’]+/gu;
const HAN = /\p{Script=Han}/u;

/** The reply with what differs between two sends of one template replaced by fixed tokens. */
export function normalizeReply(text: string, lang: string): string[] {
  let lines = text.replace(PLACEHOLDER, ' ph ').replace(URL, ' url ').split(/\r?\n/);
  const tail = lines.length - 1;
  for (let i = tail; i >= Math.max(1, tail - 3); i--) {
    if (SIGN_OFF.test(lines[i]!)) {
      lines = lines.slice(0, i);
      break;
    }
  }
  if (lines.length) lines[0] = lines[0]!.replace(GREETING, '$1 name');
  let body = lines.join('\n');
  if (!writingOf(lang).capitalisedNouns) body = body.replace(/(?<=[\p{Ll}\p{N},;:] +)\p{Lu}[\p{Ll}\p{M}'’-]+/gu, 'name');
  const words: string[] = [];
  for (const m of body.toLowerCase().matchAll(WORD)) {
    const w = /\p{N}/u.test(m[0]) ? '0' : m[0];
    if (HAN.test(w)) for (const ch of w) words.push(ch);
    else words.push(w);
    if (words.length >= MAX_WORDS) break;
  }
  return words;
}

/**
 * MinHash signature of the word 3-shingles. Shingle hashes are chained from per-word hashes (no
 * string building), and the 64 hash functions are cheap multiply-add permutations of that
 * well-mixed 32-bit value: this loop is where 100k messages spend their time.
 */
function signature(words: string[], out: Uint32Array, offset: number): void {
  out.fill(0xffffffff, offset, offset + HASHES);
  const wordHashes = words.map((w) => hash32(w));
  const last = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < last; i++) {
    let h = 0x2545f491;
    for (let j = i; j < Math.min(i + SHINGLE, words.length); j++) h = mix32(h ^ wordHashes[j]!);
    for (let k = 0; k < HASHES; k++) {
      const v = (Math.imul(h, MULTIPLIERS[k]!) + SEEDS[k]!) >>> 0;
      if (v < out[offset + k]!) out[offset + k] = v;
    }
  }
}

function similarity(sig: Uint32Array, a: number, b: number): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (sig[a * HASHES + k] === sig[b * HASHES + k]) same++;
  return same / HASHES;
}

export function detectTemplates(agentMessages: AgentMessage[], options: TemplateOptions = {}): TemplateDetection {
  const threshold = options.similarity ?? 0.6;
  const minConversations = options.minConversations ?? 3;
  const minWords = options.minWords ?? 6;

  const kept: { msg: AgentMessage; norm: string }[] = [];
  const sig = new Uint32Array(agentMessages.length * HASHES);
  for (const msg of agentMessages) {
    const words = normalizeReply(msg.text, msg.lang);
    if (words.length < minWords) continue;
    signature(words, sig, kept.length * HASHES);
    kept.push({ msg, norm: words.join(' ') });
  }

  const parent = Int32Array.from({ length: kept.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // One map per band, keyed by 30 bits of the band's hash (small integers keep Map fast); a rare
  // collision only costs one extra similarity check.
  const bandBuckets = Array.from({ length: BANDS }, () => new Map<number, number>());
  for (let i = 0; i < kept.length; i++) {
    for (let b = 0; b < BANDS; b++) {
      let h = b + 1;
      for (let r = 0; r < ROWS; r++) h = mix32(h ^ sig[i * HASHES + b * ROWS + r]!);
      const key = h & 0x3fffffff;
      const buckets = bandBuckets[b]!;
      const rep = buckets.get(key);
      if (rep === undefined) buckets.set(key, i);
      else if (find(rep) !== find(i) && similarity(sig, rep, i) >= threshold) parent[find(i)] = find(rep);
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < kept.length; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  }

  const templates: Template[] = [];
  const messageTemplate = new Map<string, string>();
  const usedIds = new Set<string>();
  for (const members of groups.values()) {
    const conversations = new Set(members.map((i) => kept[i]!.msg.conversationId));
    if (conversations.size < minConversations) continue;
    const example = representative(members.map((i) => kept[i]!));
    let id = `tpl_${hash32(example.norm).toString(36)}`;
    while (usedIds.has(id)) id += '_';
    usedIds.add(id);
    const agents = [...new Set(members.map((i) => kept[i]!.msg.agent).filter((a): a is string => !!a))].sort();
    const text = example.msg.text.replace(/\s+/g, ' ').trim();
    templates.push({ id, exampleText: text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1)}…` : text, count: members.length, conversations: conversations.size, agents });
    for (const i of members) messageTemplate.set(messageKey(kept[i]!.msg.conversationId, kept[i]!.msg.messageId), id);
  }
  templates.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  return { templates, messageTemplate };
}

/** The most frequent normalised wording; ties go to the smallest (conversationId, messageId) so the choice is stable. */
function representative(members: { msg: AgentMessage; norm: string }[]): { msg: AgentMessage; norm: string } {
  const freq = new Map<string, number>();
  for (const m of members) freq.set(m.norm, (freq.get(m.norm) ?? 0) + 1);
  const order = (m: { msg: AgentMessage }) => messageKey(m.msg.conversationId, m.msg.messageId);
  return members.reduce((best, m) => {
    const d = freq.get(m.norm)! - freq.get(best.norm)!;
    return d > 0 || (d === 0 && order(m) < order(best)) ? m : best;
  });
}

export interface AgentTemplateShare {
  agent: string;
  messages: number;
  templated: number;
  share: number;
}

export const UNKNOWN_AGENT = '(unknown)';

/** Per agent: how many of their replies were a template. Highest share first. */
export function templatedShareByAgent(agentMessages: AgentMessage[], detection: TemplateDetection): AgentTemplateShare[] {
  const byAgent = new Map<string, { messages: number; templated: number }>();
  for (const m of agentMessages) {
    const agent = m.agent ?? UNKNOWN_AGENT;
    const s = byAgent.get(agent) ?? { messages: 0, templated: 0 };
    s.messages++;
    if (detection.messageTemplate.has(messageKey(m.conversationId, m.messageId))) s.templated++;
    byAgent.set(agent, s);
  }
  return [...byAgent.entries()]
    .map(([agent, s]) => ({ agent, ...s, share: Math.round((s.templated / s.messages) * 10_000) / 10_000 }))
    .sort((a, b) => b.share - a.share || (a.agent < b.agent ? -1 : 1));
}

export interface TemplateSentimentDrop {
  conversationId: string;
  messageId: string;
  templateId: string;
  /** The customer's last score before the templated reply and first score after it. */
  before: number;
  after: number;
  drop: number;
}

/**
 * Templated replies after which the customer's sentiment fell by at least `minDrop` (default 0.25, the
 * same step analysis uses to call a trajectory worsened): the canned answer did not land.
 */
export function templatesFollowedBySentimentDrop(
  analysed: Pick<AnalysedConversation, 'id' | 'messages'>[],
  detection: TemplateDetection,
  options: { minDrop?: number } = {},
): TemplateSentimentDrop[] {
  const minDrop = options.minDrop ?? 0.25;
  const out: TemplateSentimentDrop[] = [];
  for (const conv of analysed) {
    let lastCustomer: number | undefined;
    for (let i = 0; i < conv.messages.length; i++) {
      const m = conv.messages[i]!;
      if (m.role === 'customer') {
        lastCustomer = m.score;
        continue;
      }
      const templateId = detection.messageTemplate.get(messageKey(conv.id, m.id));
      if (!templateId || lastCustomer === undefined) continue;
      const next = conv.messages.slice(i + 1).find((n) => n.role === 'customer');
      if (!next) continue;
      const drop = Math.round((lastCustomer - next.score) * 10_000) / 10_000;
      if (drop >= minDrop) out.push({ conversationId: conv.id, messageId: m.id, templateId, before: lastCustomer, after: next.score, drop });
    }
  }
  return out;
}
