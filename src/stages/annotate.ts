/**
 * The scoring contract behind `voc annotate`: rows `{id, text[, lang]}` or canonical conversations
 * in, one `{id, language, sentiment, theme}` row out per input row. With `discover`, themes are
 * discovered over the whole input as one batch (as the nightly job does); otherwise rows are
 * assigned to an existing catalogue.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { analyzeSentiment, assignTheme, detectLanguage, discoverThemes, OTHER_THEME, type Sentiment, type ThemeCatalogue, type ThemeDoc } from '../core/analysis';
import { applySentimentModel, trainSentimentModel, type RatedText, type SentimentModel } from '../core/analysis/rating-model';
import { analyseConversation, conversationLanguage, customerText, themeDoc } from '../core/conversation-analysis';
import { readJsonLines } from '../core/jsonl';
import type { Redactor } from '../core/pii/redact';
import { Conversation, describeZodError } from '../core/schema/conversation';

export interface AnnotatedRow {
  id: string;
  language: string;
  sentiment: Sentiment;
  theme: { id: string; label: string };
  /** the theme's area (OTHER_THEME for "other") */
  area: { id: string; label: string };
}

export interface AnnotateOptions {
  discover: boolean;
  catalogue?: ThemeCatalogue;
  redactor: Redactor;
  onProgress?: (rows: number) => void;
  /** learned from the rated rows of the same input (learnFromRatings): combined with the lexicon engine */
  sentimentModel?: SentimentModel;
}

export interface AnnotateReport {
  rows: number;
  skipped: { line: number; reason: string }[];
  catalogue?: ThemeCatalogue;
}

interface Prepared {
  doc: ThemeDoc;
  sentiment: Sentiment;
}

/** One input row → its theme document and sentiment, or the reason it can't be annotated. */
export function prepareRow(value: unknown, redactor: Redactor, sentimentModel?: SentimentModel): Prepared | { error: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'expected a JSON object' };
  const row = value as Record<string, unknown>;
  if (Array.isArray(row.messages)) {
    const parsed = Conversation.safeParse({ schemaVersion: 1, ...row });
    if (!parsed.success) return { error: `not a canonical conversation: ${describeZodError(parsed.error)}` };
    const c = parsed.data;
    c.messages = c.messages.map((m) => ({ ...m, text: redactor.redact(m.text) }));
    const lang = conversationLanguage(c);
    return { doc: themeDoc(c, lang), sentiment: analyseConversation(c, undefined, { language: lang, sentimentModel }).sentiment };
  }
  if (row.id === undefined || row.id === null || row.id === '') return { error: 'row has no "id"' };
  if (typeof row.text !== 'string') return { error: 'row has no "text" string' };
  const text = redactor.redact(row.text);
  const lang = typeof row.lang === 'string' && row.lang ? row.lang : detectLanguage(text);
  const lexicon = analyzeSentiment(text, lang);
  return { doc: { id: String(row.id), messages: [text], lang }, sentiment: sentimentModel ? applySentimentModel(sentimentModel, text, lang, lexicon) : lexicon };
}

/** Rated rows kept per language for training: memory stays bounded however large the input (the first ones kept). */
export const MAX_RATED_ROWS_PER_LANGUAGE = 20_000;

/** A 1–5 rating on a row or conversation, or undefined. */
function csatOf(row: Record<string, unknown>): number | undefined {
  const v = typeof row.csat === 'string' ? Number(row.csat) : row.csat;
  return typeof v === 'number' && v >= 1 && v <= 5 ? v : undefined;
}

/**
 * `voc annotate --learn-from-ratings`, first pass: the rows that carry a `csat` (1–5) — plain rows or canonical
 * conversations (their customer messages) — fit the per-language model the second pass scores with.
 */
export async function learnFromRatings(input: Readable, redactor: Redactor, now?: Date): Promise<{ model: SentimentModel; rated: number }> {
  const rated: RatedText[] = [];
  const perLanguage = new Map<string, number>();
  for await (const line of readJsonLines(input)) {
    if (line.error || !line.value || typeof line.value !== 'object') continue;
    const row = line.value as Record<string, unknown>;
    const csat = csatOf(row);
    if (csat === undefined) continue;
    let text: string;
    let lang: string;
    if (Array.isArray(row.messages)) {
      const parsed = Conversation.safeParse({ schemaVersion: 1, ...row });
      if (!parsed.success) continue;
      const c = parsed.data;
      c.messages = c.messages.map((m) => ({ ...m, text: redactor.redact(m.text) }));
      text = customerText(c);
      lang = conversationLanguage(c);
    } else {
      if (typeof row.text !== 'string') continue;
      text = redactor.redact(row.text);
      lang = typeof row.lang === 'string' && row.lang ? row.lang : detectLanguage(text);
    }
    const kept = perLanguage.get(lang) ?? 0;
    if (kept >= MAX_RATED_ROWS_PER_LANGUAGE) continue;
    perLanguage.set(lang, kept + 1);
    rated.push({ text, lang, csat });
  }
  return { model: trainSentimentModel(rated, { now }), rated: rated.length };
}

/** The area a theme rolls up into under a catalogue ("other" for none). */
function areaOf(themeId: string, catalogue: ThemeCatalogue | undefined): { id: string; label: string } {
  const area = catalogue?.themes.find((t) => t.id === themeId)?.area;
  return area ? { id: area.id, label: area.label } : { ...OTHER_THEME };
}

/** Respects back-pressure; `once` removes its listeners, so long outputs do not pile them up. */
async function write(out: Writable, row: AnnotatedRow): Promise<void> {
  if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
}

export async function annotate(input: Readable, output: Writable, options: AnnotateOptions): Promise<AnnotateReport> {
  const report: AnnotateReport = { rows: 0, skipped: [] };
  const batch: Prepared[] = [];
  for await (const line of readJsonLines(input)) {
    const prepared = line.error ? { error: line.error } : prepareRow(line.value, options.redactor, options.sentimentModel);
    if ('error' in prepared) {
      report.skipped.push({ line: line.line, reason: prepared.error });
      continue;
    }
    report.rows++;
    if (report.rows % 1000 === 0) options.onProgress?.(report.rows);
    if (options.discover) {
      batch.push(prepared);
      continue;
    }
    // Streaming path: memory stays flat however large the input.
    const theme = options.catalogue ? assignTheme(prepared.doc, options.catalogue) : { ...OTHER_THEME };
    await write(output, { id: prepared.doc.id, language: prepared.doc.lang, sentiment: prepared.sentiment, theme: { id: theme.id, label: theme.label }, area: areaOf(theme.id, options.catalogue) });
  }
  if (options.discover) {
    const { catalogue, assignments } = discoverThemes(batch.map((p) => p.doc), { previous: options.catalogue });
    report.catalogue = catalogue;
    const labels = new Map(catalogue.themes.map((t) => [t.id, t.label]));
    for (const p of batch) {
      const id = assignments.get(p.doc.id) ?? OTHER_THEME.id;
      await write(output, { id: p.doc.id, language: p.doc.lang, sentiment: p.sentiment, theme: { id, label: labels.get(id) ?? OTHER_THEME.label }, area: areaOf(id, catalogue) });
    }
  }
  options.onProgress?.(report.rows);
  return report;
}
