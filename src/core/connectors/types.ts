import type { Readable } from 'node:stream';
import type { ConversationInput } from '../schema/conversation';
import type { RatingInput } from '../schema/rating';

/**
 * One record read from an export: a conversation to normalise, a satisfaction rating exported apart from its
 * conversation, or the reason it can't be either.
 */
export type ConnectorRecord =
  | { position: string; sourceId?: string; conversation: ConversationInput; rating?: undefined; error?: undefined }
  | { position: string; sourceId?: string; rating: RatingInput; conversation?: undefined; error?: undefined }
  | { position: string; sourceId?: string; conversation?: undefined; rating?: undefined; error: string; raw?: string };

export interface Connector {
  /** The format's name, also the `source` of what it produces unless the data names one. */
  readonly name: string;
  readonly description: string;
  /**
   * Whether this connector reads the file, judged from its name and `head`: the first few KB of the
   * decompressed file (enough for pretty-printed JSON, whose first line is only "{").
   */
  detect(fileName: string, head: string): boolean;
  /** Streams records; never throws for a bad record (it yields an error record instead). */
  read(input: Readable, fileName: string): AsyncIterable<ConnectorRecord>;
}

/** The first non-blank line of a file's head (what line-oriented formats detect from). */
export function firstLineOf(head: string): string {
  return (head.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim()) ?? '').trim();
}

export function truncate(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
