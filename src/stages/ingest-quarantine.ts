/**
 * What quarantine keeps of a record ingest could not take: where it is (the file, its copy under raw/ and its
 * position there) and why, plus a redacted excerpt to judge it by. The record as received, personal data
 * included, stays only in raw/ (which expires); quarantine/ is kept, so nothing in it may identify anyone.
 */
import type { Redactor } from '../core/pii/redact';

/** Characters of a record kept as its excerpt. */
export const EXCERPT_CHARS = 2000;

export interface QuarantineEntry {
  /** The key the file was ingested from (inbox/… or raw/…). */
  file: string;
  fileName: string;
  format: string;
  /** Where the record as received can be read: the file's copy under raw/ (kept for the raw retention period) … */
  rawKey: string;
  /** … and the record's place in it ("line 12", "tickets[3] (line 40)", "lines 4-9"). */
  position: string;
  sourceId?: string;
  reason: string;
  /** The record, redacted like stored conversations (every string field as free text), cut to EXCERPT_CHARS. */
  excerpt?: string;
  runId: string;
  quarantinedAt: string;
}

/** JSON written into a string (a connector's excerpt of a raw record): its escapes undone, so "\n" before a name reads as the line break it is. */
function unescapeJsonText(text: string): string {
  return text.replace(/\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/g, (_m, e: string) => {
    if (e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
  });
}

/** Fields that hold what people wrote, kept readable with placeholders; every other field is an id or a category. */
const FREE_TEXT_KEYS = /^(text|body|html_body|plain_body|description|description_text|description_html|body_text|body_html|comment|comments|feedback|subject|title)$/i;

/**
 * Every string in a value redacted, as the stored conversation would be: free text with placeholders, and an id
 * or category that holds personal data replaced whole (what the detectors missed next to it, a name written in
 * lower case in a tag, goes with it). Keys are the format's, not a person's.
 */
function redactDeep(value: unknown, redactor: Redactor, key = '', depth = 0): unknown {
  if (typeof value === 'string') {
    if (FREE_TEXT_KEYS.test(key)) return redactor.redact(value);
    return redactor.find(value, { identifier: true }).length ? '[REDACTED]' : value;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redactor, key, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactDeep(v, redactor, k, depth + 1)]));
}

function cut(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}… (${text.length} chars)` : text;
}

export function quarantineEntry(
  redactor: Redactor,
  e: Omit<QuarantineEntry, 'excerpt'> & { record?: unknown },
): QuarantineEntry {
  const { record, ...rest } = e;
  let excerpt: string | undefined;
  if (typeof record === 'string') excerpt = redactor.redact(cut(unescapeJsonText(record)));
  else if (record !== undefined) {
    let json: string;
    try {
      json = JSON.stringify(redactDeep(record, redactor)) ?? '';
    } catch {
      json = '(not representable)';
    }
    excerpt = cut(json);
  }
  const id = (value: string) => (redactor.find(value, { identifier: true }).length ? '[REDACTED]' : value);
  return {
    ...rest,
    // Positions name ids ("thread of tweet 123", "audits of ticket 9"): redacted as ids are.
    position: redactor.redact(unescapeJsonText(rest.position), { identifier: true }),
    sourceId: rest.sourceId === undefined ? undefined : id(String(rest.sourceId)),
    // Reasons quote values (`unreadable timestamp "…"`), JSON-escaped: read as the text they quote.
    reason: redactor.redact(unescapeJsonText(rest.reason)),
    ...(excerpt === undefined ? {} : { excerpt }),
  };
}
