/**
 * What the nightly analysis records for one conversation: its language, the customer's sentiment
 * (per message, overall, and start → end), its theme, and the first support KPIs. Pure: the same
 * conversation and catalogue always give the same record.
 */
import { analyzeSentiment, assignTheme, chatterUnder, sharedWordsUnder, detectLanguage, OTHER_THEME, type Sentiment, type SentimentLabel, type ThemeCatalogue, type ThemeDoc } from './analysis';
import { contactReason, reasonText, stripChatter } from './analysis/chatter';
import { themeLanguage } from './analysis/themes';
import { curateTheme } from './curation/splits';
import { shareableQuote } from './analysis/shared-words';
import { readableThread, type ConversationThread } from './conversations/thread';
import { baseLanguage } from './analysis/language';
import { packFor } from './analysis/languages';
import { applySentimentModel, type SentimentModel } from './analysis/rating-model';
import { computeKpis, detectGoodwill, detectWowMoments, scoreAgentTone, type ConversationKpis, type GoodwillGesture, type KpiConfig, type WowMoment } from './kpis';
import type { Conversation } from './schema/conversation';
import type { TaxonomyMatcher } from './taxonomy';
import { conversationDay } from './schema/conversation';

export type Trajectory = 'improved' | 'worsened' | 'steady' | 'single';

export interface MessageSentiment {
  id: string;
  role: 'customer' | 'agent';
  score: number;
  label: SentimentLabel;
}

export interface AnalysedConversation {
  id: string;
  day: string;
  source: string;
  channel: string;
  language: string;
  team?: string;
  segment?: string;
  plan?: string;
  country?: string;
  productArea?: string;
  theme: { id: string; label: string };
  /** The theme discovery (or the taxonomy) gave it, when a split the product team made moved it to `theme` (docs/CURATION.md). */
  discoveredTheme?: { id: string; label: string };
  /** `mixed` when some customer message states praise and complaint; `unscored` when the language has no lexicon. */
  sentiment: Sentiment;
  /** The customer's first and last message scores: did the conversation recover? */
  start?: number;
  end?: number;
  trajectory: Trajectory;
  agentSentiment?: number;
  customerMessages: number;
  agentMessages: number;
  /** Calendar minutes, from `kpis` (one definition: src/core/kpis/conversation-kpis.ts). */
  firstResponseMinutes?: number;
  resolutionMinutes?: number;
  csat?: number;
  assignee?: string;
  kpis: ConversationKpis;
  goodwill: GoodwillGesture[];
  wow: WowMoment[];
  /** Mean politeness/empathy of the agents' public messages, in [-1, 1]. */
  agentTone?: number;
  /** A redacted customer sentence that speaks for the conversation (its strongest sentiment), words few customers used masked. */
  quote?: string;
  /** Sentiment of the quoted message itself (the conversation's own score is `sentiment`). */
  quoteScore?: number;
  messages: MessageSentiment[];
  /**
   * The thread a product manager may read (redacted, words few customers used masked, bounded) and the words it
   * is found by: what `voc conversation ID` shows and `voc conversations --q` searches (core/conversations/thread.ts).
   * Absent before the first catalogue.
   */
  thread?: ConversationThread;
}

/** Score at or beyond which a conversation counts as positive or negative overall. */
export const SENTIMENT_THRESHOLD = 0.05;
const TRAJECTORY_DELTA = 0.25;
const QUOTE_CHARS = 280;
const THEME_TEXT_CHARS = 600;

export function labelOf(score: number): SentimentLabel {
  return score >= SENTIMENT_THRESHOLD ? 'positive' : score <= -SENTIMENT_THRESHOLD ? 'negative' : 'neutral';
}

function publicCustomerMessages(c: Conversation) {
  return c.messages.filter((m) => m.role === 'customer' && m.public && m.text.trim());
}

/**
 * The conversation as theme discovery reads it: the customer's public messages in order (each capped).
 * Which of them says what the conversation is about, and what is only chatter, is decided there
 * (core/analysis/chatter.ts), from what the whole window's conversations have in common.
 */
export function themeDoc(c: Conversation, lang: string): ThemeDoc {
  return { id: c.id, lang, customer: c.customer.id, messages: publicCustomerMessages(c).map((m) => m.text.trim().slice(0, THEME_TEXT_CHARS)) };
}



/** Everything the customer said (capped), for language detection and annotation. */
export function customerText(c: Conversation): string {
  let text = '';
  for (const m of publicCustomerMessages(c)) {
    if (text.length >= THEME_TEXT_CHARS) break;
    text += (text ? '\n' : '') + m.text.trim();
  }
  return text.slice(0, THEME_TEXT_CHARS);
}

export function conversationLanguage(c: Conversation): string {
  return c.language ?? detectLanguage(customerText(c) || c.messages.map((m) => m.text).join('\n'));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}

export interface AnalysisOptions {
  language?: string;
  kpiConfig?: KpiConfig;
  /** Defined themes win over discovered ones where they match. */
  taxonomy?: TaxonomyMatcher;
  /** Learned from this deployment's ratings (rating-model.ts): combined with the lexicon engine where the language has one. */
  sentimentModel?: SentimentModel;
}

/** The customer's overall sentiment: the lexicon engine's, or its combination with the model learned from ratings. */
function conversationSentiment(c: Conversation, language: string, label: SentimentLabel, score: number, model: SentimentModel | undefined): Sentiment {
  const lexicon = { label, score };
  if (!model?.languages[language]?.summary.weight) return lexicon;
  const text = customerText(c);
  return text ? applySentimentModel(model, text, language, lexicon) : lexicon;
}

/**
 * What of an analysis the catalogue decides: the theme (a defined theme where the taxonomy matches, else the
 * catalogue's, else "other") and the quote (the customer's strongest message without the catalogue's chatter).
 * Everything else is the same whatever the catalogue, so a day whose conversations are unchanged needs only
 * this again when the catalogue changes (rethemeDay in stages/analyze.ts). `messages` are the conversation's
 * scored messages, as analyseConversation stores them.
 */
export function catalogueParts(
  c: Conversation,
  language: string,
  messages: MessageSentiment[],
  catalogue: ThemeCatalogue | undefined,
  taxonomy?: TaxonomyMatcher,
): { theme: { id: string; label: string }; discoveredTheme?: { id: string; label: string }; quote?: string; quoteScore?: number; thread?: ConversationThread } {
  const doc = themeDoc(c, language);
  const chatter = chatterUnder(doc, catalogue);
  // The scored customer messages are these same messages, in this order (analyseConversation's filter).
  const scores = messages.filter((m) => m.role === 'customer').map((m) => m.score);
  let strongest: { text: string; weight: number; score: number } | undefined;
  let customerMessages = 0;
  for (const m of c.messages) {
    if (m.role !== 'customer' || !m.public || !m.text.trim()) continue;
    const score = scores[customerMessages++] ?? 0;
    // The quote is the customer's own words about the problem: chatter ("thanks for nothing") is never one.
    const said = stripChatter(m.text, chatter);
    if (!said) continue;
    // Prefer the opening message on ties: it usually states the problem.
    const weight = Math.abs(score) + (customerMessages === 1 ? 0.05 : 0);
    if (!strongest || weight > strongest.weight) strongest = { text: said, weight, score };
  }
  const reason = contactReason(doc.messages, chatter);
  const text = reasonText(reason);
  const discovered = (text && taxonomy?.match(text, language)) || (catalogue && text ? assignTheme(doc, catalogue, reason) : { ...OTHER_THEME });
  // The product team's edits (splits, merges, hides, renames) move some conversations on (core/curation/splits.ts); the theme they had is kept beside.
  const theme = curateTheme({ id: discovered.id, label: discovered.label }, { lang: themeLanguage(doc), reason }, catalogue?.curation);
  const curated = theme.id !== discovered.id || theme.label !== discovered.label;
  // Only words several customers used in the window may be shown (shared-words.ts): in the quote and in the thread.
  const shared = catalogue ? sharedWordsUnder(doc, catalogue) : undefined;
  const quote = strongest && shared ? shareableQuote(shorten(strongest.text), language, shared) : undefined;
  const thread = shared ? readableThread(c, language, shared) : undefined;
  return { theme: { id: theme.id, label: theme.label }, ...(curated ? { discoveredTheme: { id: discovered.id, label: discovered.label } } : {}), quote, quoteScore: quote ? strongest?.score : undefined, ...(thread ? { thread } : {}) };
}

export function analyseConversation(c: Conversation, catalogue: ThemeCatalogue | undefined, options: AnalysisOptions = {}): AnalysedConversation {
  const language = options.language ?? conversationLanguage(c);
  const messages: MessageSentiment[] = [];
  const customerScores: number[] = [];
  const agentScores: number[] = [];
  let mixed: { positive: number; negative: number } | undefined;
  for (const m of c.messages) {
    if ((m.role !== 'customer' && m.role !== 'agent') || !m.public || !m.text.trim()) continue;
    const s = analyzeSentiment(m.text, m.role === 'customer' ? language : undefined);
    messages.push({ id: m.id, role: m.role, score: s.score, label: s.label });
    if (m.role === 'customer') {
      customerScores.push(s.score);
      if (s.mixed) mixed = { positive: Math.max(mixed?.positive ?? 0, s.mixed.positive), negative: Math.max(mixed?.negative ?? 0, s.mixed.negative) };
    } else agentScores.push(s.score);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const score = Math.max(-1, Math.min(1, mean(customerScores)));
  const start = customerScores[0];
  const end = customerScores[customerScores.length - 1];
  let trajectory: Trajectory = 'single';
  if (customerScores.length > 1 && start !== undefined && end !== undefined) {
    trajectory = end - start >= TRAJECTORY_DELTA ? 'improved' : start - end >= TRAJECTORY_DELTA ? 'worsened' : 'steady';
  }

  const kpis = computeKpis(c, options.kpiConfig);
  const tones = c.messages.filter((m) => m.role === 'agent' && m.public && m.text.trim()).map((m) => scoreAgentTone(m.text).score);
  const { theme, discoveredTheme, quote, quoteScore, thread } = catalogueParts(c, language, messages, catalogue, options.taxonomy);

  return {
    id: c.id,
    day: conversationDay(c),
    source: c.source,
    channel: c.channel,
    language,
    team: c.team,
    segment: c.customer.segment,
    plan: c.customer.plan,
    country: c.customer.country,
    productArea: c.productArea,
    theme,
    ...(discoveredTheme ? { discoveredTheme } : {}),
    sentiment: {
      ...conversationSentiment(c, language, customerScores.length ? labelOf(score) : 'neutral', Number(score.toFixed(4)), options.sentimentModel),
      ...(mixed ? { mixed } : {}),
      ...(customerScores.length && !packFor(baseLanguage(language)) && language !== 'und' ? { unscored: true as const } : {}),
    },
    start,
    end,
    trajectory,
    agentSentiment: agentScores.length ? Number(mean(agentScores).toFixed(4)) : undefined,
    customerMessages: customerScores.length,
    agentMessages: agentScores.length,
    firstResponseMinutes: kpis.firstResponse ? Math.round(kpis.firstResponse.calendarMinutes) : undefined,
    resolutionMinutes: kpis.fullResolution ? Math.round(kpis.fullResolution.calendarMinutes) : undefined,
    csat: c.csat,
    assignee: c.assignee,
    quote,
    quoteScore,
    messages,
    kpis,
    goodwill: detectGoodwill(c),
    wow: detectWowMoments(c, { start, end, customerMessages: customerScores.length }),
    agentTone: tones.length ? Number(mean(tones).toFixed(4)) : undefined,
    ...(thread ? { thread } : {}),
  };
}
