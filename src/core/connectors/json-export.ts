/**
 * Shared by the help-desk JSON connectors: a streaming reader for exports that are one big JSON
 * document (an API page `{"tickets":[…]}`, `{"_embedded":{"conversations":[…]}}`, a bare array),
 * JSON Lines, or several documents back to back; format sniffing; small field helpers.
 *
 * Memory stays bounded by one record: the elements of the "collections" a connector names are
 * assembled and handed over one at a time; other values (side-loads, paging fields) whole.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { jsonParser } from 'stream-json/parser.js';
import { maybeGunzip } from '../jsonl';
import type { ConversationInput } from '../schema/conversation';
import type { RatingInput } from '../schema/rating';
import type { ConnectorRecord } from './types';

export type JsonEvent =
  /** A document (the whole file, or one line of JSON Lines) starts: its line and its kind. */
  | { kind: 'docStart'; doc: number; line: number; type: 'object' | 'array' | 'scalar' }
  /**
   * One element of a streamed collection (`''` = the top-level array); `line` is where it ends. `value` is a
   * RejectedValue when the element broke a limit (too large, too deep): it was skipped, not held.
   */
  | { kind: 'item'; doc: number; line: number; collection: string; index: number; value: unknown }
  /** A value outside the collections: `path` is its dot-joined key path (`''` for a top-level scalar). */
  | { kind: 'value'; doc: number; line: number; path: string; value: unknown }
  | { kind: 'docEnd'; doc: number; line: number }
  /**
   * The input is not JSON here. In JSON Lines (one document per line) reading goes on at the next line that
   * starts a document; elsewhere reading stops.
   */
  | { kind: 'error'; line: number; byte: number; message: string };

/** Limits that keep one record's memory bounded whatever the input; enforced while the JSON streams. */
export interface JsonLimits {
  /** Longest string kept, in characters; longer ones are cut while they stream and end in " [TRUNCATED]". */
  maxStringChars: number;
  /** Most characters one assembled record (or side-loaded value) may hold; a larger one is skipped and rejected. */
  maxRecordChars: number;
  /** Deepest nesting of one record; a deeper one is skipped and rejected. */
  maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxStringChars: 256 * 1024, maxRecordChars: 32 * 1024 * 1024, maxDepth: 64 };

/** A value that broke a limit: what the record was is unknown (it was never held), why is known. */
export class RejectedValue {
  constructor(readonly reason: string) {}
}

type Token = { name: string; value?: unknown };
type Frame = { type: 'object' | 'array'; path: string; key: string | null; index: number; collection: boolean };

const MANY = Symbol.for('object-stream.many');
const NONE = Symbol.for('object-stream.none');
/** Largest slice fed to the parser at once: keeps line/byte positions of errors and records close. */
const SLICE = 64 * 1024;
const TRUNCATED = ' [TRUNCATED]';

/**
 * Streams the JSON in `input` (gzip or not; JSON Lines and concatenated documents too) as events.
 * `collections` are dot paths of arrays whose elements are yielded one by one, e.g. `tickets`,
 * `_embedded.conversations`; a top-level array is always streamed (as collection `''`).
 */
export async function* streamJson(input: Readable, collections: string[], limits: JsonLimits = DEFAULT_JSON_LIMITS): AsyncIterable<JsonEvent> {
  // Strings, keys and numbers arrive in chunks and are put together here, under the limits: the parser never holds a whole value.
  const newParser = () => jsonParser({ jsonStreaming: true, packKeys: false, packStrings: false, packNumbers: false, streamKeys: true, streamStrings: true, streamNumbers: true }) as unknown as (chunk: string | symbol) => unknown;
  let parse = newParser();
  const prefixes = new Set(collections.flatMap((c) => c.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  let frames: Frame[] = [];
  let asm: { stack: unknown[]; keys: (string | null)[]; key: string | null; root: unknown; depth: number; chars: number; rejected?: string; onDone: (v: unknown) => void } | undefined;
  let scalar: { kind: 'key' | 'string' | 'number'; text: string; dropped: number } | undefined;
  let doc = 0;
  let docLine = 1;
  /** The last character of the line a document began on: "{", "[", "," or ":" there means a document written over many lines. */
  let pieceTail = '';
  let docFirstLineTail = '';
  let line = 1;
  let byte = 0;
  let events: JsonEvent[] = [];

  const childPath = (top: Frame) => (top.type === 'array' ? top.path : top.path ? `${top.path}.${top.key}` : (top.key ?? ''));

  const startAssembly = (onDone: (v: unknown) => void) => {
    asm = { stack: [], keys: [], key: null, root: undefined, depth: 0, chars: 0, onDone };
  };
  const asmAdd = (value: unknown) => {
    const a = asm!;
    if (a.rejected) return;
    const parent = a.stack[a.stack.length - 1];
    if (parent === undefined) {
      a.root = value;
      return;
    }
    if (Array.isArray(parent)) parent.push(value);
    else (parent as Record<string, unknown>)[a.key!] = value;
  };
  const asmToken = (t: Token) => {
    const a = asm!;
    switch (t.name) {
      case 'startObject':
      case 'startArray': {
        a.depth++;
        if (a.depth > limits.maxDepth && !a.rejected) a.rejected = `nested deeper than ${limits.maxDepth} levels`;
        const container = t.name === 'startObject' ? {} : [];
        asmAdd(container);
        a.keys.push(a.key);
        if (!a.rejected) a.stack.push(container);
        return;
      }
      case 'endObject':
      case 'endArray':
        if (!a.rejected || a.stack.length >= a.depth) a.stack.pop();
        a.key = a.keys.pop() ?? null;
        a.depth--;
        break;
      case 'keyValue':
        a.key = t.value as string;
        a.chars += (t.value as string).length;
        return;
      case 'stringValue':
        a.chars += (t.value as string).length;
        asmAdd(t.value);
        break;
      case 'numberValue':
        asmAdd(Number(t.value));
        break;
      case 'nullValue':
        asmAdd(null);
        break;
      case 'trueValue':
        asmAdd(true);
        break;
      case 'falseValue':
        asmAdd(false);
        break;
      default:
        return;
    }
    if (a.chars > limits.maxRecordChars && !a.rejected) {
      a.rejected = `larger than ${limits.maxRecordChars.toLocaleString('en')} characters`;
      a.stack = [];
      a.root = undefined; // let go of what was assembled
    }
    if (a.depth === 0) {
      const done = a.onDone;
      const value = a.rejected ? new RejectedValue(a.rejected) : a.root;
      asm = undefined;
      done(value);
    }
  };

  const onToken = (t: Token) => {
    if (asm) return asmToken(t);
    const top = frames[frames.length - 1];
    if (t.name === 'keyValue') {
      if (top) top.key = t.value as string;
      return;
    }
    if (t.name === 'endObject' || t.name === 'endArray') {
      frames.pop();
      if (!frames.length) events.push({ kind: 'docEnd', doc, line });
      return;
    }
    const kind = t.name === 'startObject' ? 'object' : t.name === 'startArray' ? 'array' : 'scalar';
    if (!top) {
      doc++;
      docLine = line;
      docFirstLineTail = pieceTail;
      events.push({ kind: 'docStart', doc, line, type: kind });
      if (kind === 'scalar') {
        startAssembly((value) => events.push({ kind: 'value', doc, line, path: '', value }, { kind: 'docEnd', doc, line }));
        return asmToken(t);
      }
      frames.push({ type: kind, path: '', key: null, index: 0, collection: kind === 'array' });
      return;
    }
    const path = childPath(top);
    if (top.type === 'array') {
      const index = top.index++;
      if (top.collection) {
        startAssembly((value) => events.push({ kind: 'item', doc, line, collection: path, index, value }));
        return asmToken(t);
      }
    }
    if ((kind === 'array' && collections.includes(path)) || (kind === 'object' && prefixes.has(path) && !collections.includes(path))) {
      frames.push({ type: kind, path, key: null, index: 0, collection: kind === 'array' });
      return;
    }
    startAssembly((value) => events.push({ kind: 'value', doc, line, path, value }));
    asmToken(t);
  };

  /** Streamed pieces of keys, strings and numbers become one packed token, cut at the limits. */
  const onStreamToken = (t: Token) => {
    switch (t.name) {
      case 'startKey':
        scalar = { kind: 'key', text: '', dropped: 0 };
        return;
      case 'startString':
        scalar = { kind: 'string', text: '', dropped: 0 };
        return;
      case 'startNumber':
        scalar = { kind: 'number', text: '', dropped: 0 };
        return;
      case 'stringChunk':
      case 'numberChunk': {
        const s = scalar!;
        const chunk = t.value as string;
        const room = (s.kind === 'string' ? limits.maxStringChars : 1024) - s.text.length;
        if (room >= chunk.length) s.text += chunk;
        else {
          if (room > 0) s.text += chunk.slice(0, room);
          s.dropped += chunk.length - Math.max(0, room);
        }
        return;
      }
      case 'endKey':
        onToken({ name: 'keyValue', value: scalar!.text });
        scalar = undefined;
        return;
      case 'endString':
        onToken({ name: 'stringValue', value: scalar!.dropped ? scalar!.text + TRUNCATED : scalar!.text });
        scalar = undefined;
        return;
      case 'endNumber':
        onToken({ name: 'numberValue', value: scalar!.dropped ? 'NaN' : scalar!.text });
        scalar = undefined;
        return;
      default:
        onToken(t);
    }
  };

  const feed = (chunk: string | symbol) => {
    const out = parse(chunk);
    if (out === NONE || out === undefined) return;
    if (out && typeof out === 'object' && (out as Record<symbol, unknown>)[MANY] === 1) {
      for (const t of (out as { values: Token[] }).values) onStreamToken(t);
    } else onStreamToken(out as Token);
  };

  /** Parses a piece; a syntax error comes back as an error event. */
  const feedOrFail = (chunk: string | symbol, atEnd: boolean): Extract<JsonEvent, { kind: 'error' }> | undefined => {
    try {
      feed(chunk);
      if (chunk === NONE && (frames.length || asm || scalar)) throw new Error('truncated');
      return undefined;
    } catch (e) {
      const reason = atEnd ? 'the file ends inside a value (truncated export?)' : (e as Error).message.replace(/^Parser (cannot parse input: |has )/, '');
      return { kind: 'error', line, byte, message: `malformed JSON at line ${line} (byte ~${byte}): ${reason}` };
    }
  };

  // Errors of the input itself (I/O, corrupt gzip) are not the export's content: they propagate.
  const decoder = new StringDecoder('utf8');
  let first = true;
  /** After a syntax error in JSON Lines: skipping to the next line that starts a document. */
  let skipping = false;
  let atLineStart = true;
  for await (const raw of await maybeGunzip(input)) {
    const buf = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw));
    let text = decoder.write(buf);
    if (first && text) {
      first = false;
      text = text.replace(/^\uFEFF/, '');
      const start = text.trimStart();
      if (start.startsWith('<')) {
        input.destroy(); // reading stops here: release the source
        yield { kind: 'error', line: 1, byte: 0, message: `not JSON: the file starts with "${start.slice(0, 40).split('\n')[0]}" (an HTML page, e.g. an error or login page saved instead of the export?)` };
        return;
      }
    }
    // Feed line by line (and in bounded slices) so events and errors carry their line number.
    let at = 0;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl >= 0 && nl - at < SLICE ? nl + 1 : Math.min(text.length, at + SLICE);
      const piece = text.slice(at, end);
      const lineStart = atLineStart;
      atLineStart = piece.endsWith('\n');
      at = end;
      if (skipping) {
        if (!(lineStart && (piece[0] === '{' || piece[0] === '['))) {
          byte += Buffer.byteLength(piece);
          if (atLineStart) line++;
          continue;
        }
        skipping = false;
        parse = newParser();
      }
      const openBefore = frames.length > 0 || asm !== undefined;
      const openSince = docLine;
      pieceTail = piece.trimEnd().slice(-1);
      const failed = feedOrFail(piece, false);
      if (events.length) {
        yield* events;
        events = [];
      }
      if (failed) {
        // JSON Lines (a document per line) or several documents: go on at the next line that starts one. Inside one
        // large document begun on an earlier line (a pretty-printed export) there is nothing to go on with: reading stops.
        const manyLineDocument = openBefore && openSince !== line && /[{[,:]/.test(docFirstLineTail);
        if (manyLineDocument && doc < 2) {
          yield failed;
          input.destroy(); // reading stops here: release the source
          return;
        }
        frames = [];
        asm = undefined;
        scalar = undefined;
        skipping = true;
        let retried: JsonEvent | undefined | 'not tried' = 'not tried';
        if (!manyLineDocument && lineStart && (piece[0] === '{' || piece[0] === '[')) {
          // The error may belong to an earlier line that swallowed the start of this one (an unterminated string,
          // a stray word): read this line afresh, as the document it starts.
          parse = newParser();
          retried = feedOrFail(piece, false);
          skipping = retried !== undefined;
        }
        if (retried === undefined) {
          const broken = openBefore ? openSince : line - 1;
          yield { ...failed, line: broken, message: `malformed JSON at line ${broken}: the line does not end its document (${failed.message.replace(/^malformed JSON at /, 'noticed at ')})` };
          if (events.length) {
            yield* events;
            events = [];
          }
        } else {
          yield failed;
          events = [];
          frames = [];
          asm = undefined;
          scalar = undefined;
        }
      }
      byte += Buffer.byteLength(piece);
      if (atLineStart) line++;
    }
  }
  if (skipping) return;
  const tail = decoder.end();
  const failed = (tail ? feedOrFail(tail, true) : undefined) ?? feedOrFail(NONE, true);
  if (events.length) yield* events;
  if (failed) yield failed;
}

// ---------------------------------------------------------------------------------------------
// Format sniffing: which help desk a JSON export comes from, by its first line (or first bytes,
// when the caller has more) and its file name. Used by every JSON connector's `detect`, so
// detection is decided in one place and never ambiguous.

/**
 * JSON text with every string longer than `maxString` characters shortened to its start and "…": what
 * detection reads, so a first ticket with a 5 KB description (or a JSON Lines first line of megabytes) still
 * shows the keys that come after it. Text that is not JSON passes through unchanged apart from the same
 * shortening inside anything quoted.
 */
export function jsonSkeleton(text: string, maxString = 64): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('"', at);
    if (open < 0) return out + text.slice(at);
    out += text.slice(at, open + 1);
    let i = open + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    const body = text.slice(open + 1, Math.min(i, text.length));
    out += body.length > maxString ? `${body.slice(0, maxString).replace(/\\+$/, '')}…` : body;
    if (i >= text.length) return out;
    out += '"';
    at = i + 1;
  }
}

export type JsonFormat = 'zendesk' | 'intercom' | 'freshdesk' | 'helpscout' | 'ratings';

/**
 * Satisfaction ratings exported apart from tickets, whichever help desk: checked first, since a Help Scout rating has a
 * `mailboxId` and a Zendesk one a zendesk.com url, which the ticket signatures below look for. Files that hold
 * conversations (threads, comments, tickets…) are never ratings exports, even when their tickets carry a rating.
 */
const RATINGS_SIGNATURES = [
  /"satisfaction_ratings"\s*:/, // Zendesk list
  /"survey_id"\s*:[\s\S]*"ticket_id"\s*:|"ticket_id"\s*:[\s\S]*"survey_id"\s*:/, // Freshdesk
  /"rating"\s*:\s*"(great|okay|not[_-]good|unknown)"[\s\S]*"(conversationId|ticketId|threadId)"\s*:|"(conversationId|ticketId|threadId)"\s*:[\s\S]*"rating"\s*:\s*"(great|okay|not[_-]good|unknown)"/i, // Help Scout
];
const CONVERSATION_KEYS = /"(threads|conversations|conversation_parts|messages|comments|tickets)"\s*:\s*[[{]|"description_text"\s*:/;

const SIGNATURES: [JsonFormat, RegExp][] = [
  ['intercom', /"type"\s*:\s*"(conversation|conversation\.list)"|"conversation_parts"\s*:|"conversation_message"\s*:|"conversation_rating"\s*:/],
  ['helpscout', /"_embedded"\s*:\s*\{\s*"(conversations|threads)"|"primaryCustomer"\s*:|"customerWaitingSince"\s*:|"mailboxId"\s*:/],
  ['freshdesk', /"fr_escalated"\s*:|"fr_due_by"\s*:|"frDueBy"\s*:|"responder_id"\s*:|"description_text"\s*:|"requester_status_name"\s*:|\.freshdesk\.com/],
  ['zendesk', /\.zendesk\.com\/api\/|"submitter_id"\s*:|"via"\s*:\s*\{\s*"channel"|"raw_subject"\s*:|^\s*\{\s*"(tickets|ticket|audits)"\s*:/],
];
const NAME_HINTS: [JsonFormat, RegExp][] = [
  ['zendesk', /zendesk/i],
  ['intercom', /intercom/i],
  ['freshdesk', /freshdesk/i],
  ['helpscout', /help[-_ ]?scout/i],
];

export function sniffJsonFormat(fileName: string, head: string): JsonFormat | undefined {
  if (!/\.(json|jsonl|ndjson)(\.gz)?$/i.test(fileName)) return undefined;
  const text = head.replace(/^\uFEFF/, '');
  if (!/^\s*[[{]/.test(text)) return undefined;
  if (!CONVERSATION_KEYS.test(text) && RATINGS_SIGNATURES.some((re) => re.test(text))) return 'ratings';
  const bySignature = SIGNATURES.find(([, re]) => re.test(text));
  if (bySignature) return bySignature[0];
  // Pretty-printed JSON shows only "{" or "[" on its first line: fall back to the file's name.
  return NAME_HINTS.find(([, re]) => re.test(fileName))?.[0];
}

// ---------------------------------------------------------------------------------------------
// Field helpers for untyped JSON.

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
/** A string or number as a non-empty string. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
export function num(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * The checks every connector makes before handing a mapped conversation on: the reason a record
 * cannot be a conversation, naming what is missing, or undefined when it can.
 */
export function missingParts(label: string, c: ConversationInput, noMessages = 'no messages'): string | undefined {
  if (!c.createdAt) return `${label}: no created_at`;
  if (!c.messages.length) return `${label}: ${noMessages}`;
  const undated = c.messages.filter((m) => !m.createdAt).map((m) => m.id ?? '?');
  if (undated.length) return `${label}: message(s) ${undated.slice(0, 5).join(', ')} have no created_at`;
  return undefined;
}

export function describeValue(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 2000 ? `${s.slice(0, 2000)}… (${s.length} chars)` : s;
}

/** What a help-desk JSON connector supplies; the streaming, positions and error records are shared. */
export interface JsonRecordSpec {
  /** Paths of the arrays that hold records (e.g. "tickets", "_embedded.conversations"). */
  collections: string[];
  /** "ticket" or "conversation", for messages. */
  noun: string;
  map(record: Json): { conversation?: ConversationInput; rating?: RatingInput; sourceId?: string; error?: string };
  /** Top-level keys whose value is one record (Intercom's {"conversation": {…}}). */
  recordKeys?: string[];
  /** Whether a document without any list is itself one record. */
  isRecord(top: Json): boolean;
  /** A list page with no records: nothing to report. */
  isEmptyPage?(top: Json): boolean;
}

/**
 * Streams one record at a time from a help-desk JSON export (a page, a single object, or JSON
 * Lines of either), yielding a conversation or a reason for each, and one error record where the
 * JSON itself breaks off (what came before it is kept).
 */
export async function* readJsonRecords(input: Readable, spec: JsonRecordSpec): AsyncIterable<ConnectorRecord> {
  let top: Json = {};
  let sawList = false;
  const one = (value: unknown, position: string): ConnectorRecord => {
    if (value instanceof RejectedValue) return { position, error: `${spec.noun} skipped: ${value.reason}` };
    const record = obj(value);
    if (!record) return { position, error: `expected a ${spec.noun} object`, raw: describeValue(value) };
    let mapped: ReturnType<JsonRecordSpec['map']>;
    try {
      mapped = spec.map(record);
    } catch (e) {
      // A value no mapping foresaw must cost only its record.
      return { position, sourceId: str(record.id), error: `${spec.noun} could not be read (${(e as Error).message})`, raw: describeValue(record) };
    }
    if (mapped.conversation) return { position, sourceId: mapped.sourceId, conversation: mapped.conversation };
    if (mapped.rating) return { position, sourceId: mapped.sourceId, rating: mapped.rating };
    return { position, sourceId: mapped.sourceId, error: mapped.error ?? `unmappable ${spec.noun}`, raw: describeValue(record) };
  };
  for await (const ev of streamJson(input, spec.collections)) {
    switch (ev.kind) {
      case 'docStart':
        top = {};
        sawList = false;
        break;
      case 'item':
        sawList = true;
        yield one(ev.value, `${ev.collection}[${ev.index}] (line ${ev.line})`);
        break;
      case 'value': {
        if (spec.recordKeys?.includes(ev.path)) {
          sawList = true;
          yield one(ev.value, `${ev.path} (line ${ev.line})`);
          break;
        }
        if (ev.value instanceof RejectedValue) {
          yield { position: `${ev.path || 'document'} (line ${ev.line})`, error: `skipped: ${ev.value.reason}` };
          break;
        }
        // A container walked into because it may hold the records (e.g. `_embedded`): keep its other keys.
        const [head, ...rest] = ev.path.split('.');
        if (rest.length && head) top[head] = { ...obj(top[head]), [rest.join('.')]: ev.value };
        else top[ev.path] = ev.value;
        break;
      }
      case 'docEnd':
        if (sawList) break;
        if (spec.isRecord(top)) yield one(top, `line ${ev.line}`);
        else if (spec.isEmptyPage?.(top)) break;
        else yield { position: `line ${ev.line}`, error: `no ${spec.noun}s found (top-level keys: ${Object.keys(top).join(', ') || 'none'})` };
        break;
      case 'error':
        yield { position: `line ${ev.line}`, error: ev.message };
        break;
    }
  }
}
