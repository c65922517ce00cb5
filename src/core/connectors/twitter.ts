/**
 * Twitter customer support in the TWCS CSV layout (Kaggle "Customer Support on Twitter"):
 * tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id
 * (a leading unnamed index column, as pandas writes it, is ignored). Threads are rebuilt from the
 * reply links: a thread is a root tweet and everything that replies to it, transitively. Inbound
 * tweets are the customer's; the others are the brand's, whose author_id becomes assignee and team.
 *
 * Memory: rows arrive in any order, so the whole file is indexed before threads are emitted: per
 * tweet one Map entry (id → { parent, author, inbound, time, text, row }) plus its place in the
 * thread grouping. Measured: ~650 bytes a tweet for ~100-character texts (V8, Node 20), i.e.
 * ~1.8 GB for the full 2.8M-tweet TWCS; split bigger files (by brand or month) before ingest.
 */
import type { Readable } from 'node:stream';
import { maybeGunzip } from '../jsonl';
import type { ConversationInput } from '../schema/conversation';
import { readCsvRows } from './csv-rows';
import { missingParts } from './json-export';
import { decodeEntities, stripQuoted } from './text-cleanup';
import { firstLineOf, truncate, type Connector, type ConnectorRecord } from './types';

const SOURCE = 'twitter';
const REQUIRED = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text'] as const;
const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

interface Tweet { parent?: string; author: string; inbound: boolean; at: string; text: string; row: number }

/** "Tue Oct 31 22:10:46 +0000 2017" → "2017-10-31T22:10:46+00:00"; anything else is passed on for the normaliser. */
export function twitterTime(value: string): string {
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2}) (\d{4})$/.exec(value.trim());
  if (!m || !MONTHS[m[1]!]) return value.trim();
  return `${m[6]}-${MONTHS[m[1]!]}-${m[2]!.padStart(2, '0')}T${m[3]}${m[4]}:${m[5]}`;
}

/** Pandas writes ids of a column with gaps as floats ("3.0"): back to the tweet id. */
function tweetId(v: string | undefined): string | undefined {
  const s = v?.trim().replace(/\.0+$/, '');
  return s ? s : undefined;
}

function headerColumns(header: string[]): Map<string, number> {
  return new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
}

export const twitter: Connector = {
  name: SOURCE,
  description: 'Twitter support threads in the TWCS CSV layout (tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id)',
  detect(fileName, head) {
    if (!/\.csv(\.gz)?$/i.test(fileName)) return false;
    const cols = headerColumns(firstLineOf(head).replace(/^\uFEFF/, '').split(',').map((c) => c.replace(/^"|"$/g, '')));
    return REQUIRED.every((c) => cols.has(c)) && (cols.has('in_response_to_tweet_id') || cols.has('response_tweet_id'));
  },
  async *read(input: Readable): AsyncIterable<ConnectorRecord> {
    const tweets = new Map<string, Tweet>();
    /** Child → parent learnt from a parent's response_tweet_id, for children whose own row has no in_response_to. */
    const repliedBy = new Map<string, string>();
    let cols: Map<string, number> | undefined;
    let row = 0;
    // A malformed row (stray quote, a line too long) is skipped and reported; the rows around it are still read.
    for await (const parsed of readCsvRows(await maybeGunzip(input))) {
      row = parsed.line;
      if (parsed.error !== undefined) {
        yield { position: `line ${row}`, error: `unreadable CSV row: ${parsed.error}`, raw: parsed.raw };
        continue;
      }
      const record = parsed.fields;
      if (!cols) {
        cols = headerColumns(record);
        const missing = REQUIRED.filter((c) => !cols!.has(c));
        if (missing.length) {
          input.destroy(); // reading stops here: release the source
          yield { position: 'header', error: `not a TWCS header: lacks column(s) ${missing.join(', ')}; found: ${record.join(', ')}` };
          return;
        }
        continue;
      }
      const get = (c: string) => {
        const i = cols!.get(c);
        return i === undefined ? undefined : record[i];
      };
      const id = tweetId(get('tweet_id'));
      if (!id) {
        yield { position: `line ${row}`, error: 'row has no tweet_id', raw: truncate(record.join(',')) };
        continue;
      }
      if (tweets.has(id)) {
        yield { position: `line ${row}`, sourceId: id, error: `tweet ${id} appears twice (first at line ${tweets.get(id)!.row})`, raw: truncate(record.join(',')) };
        continue;
      }
      tweets.set(id, {
        parent: tweetId(get('in_response_to_tweet_id')),
        author: get('author_id')?.trim() ?? '',
        inbound: /^(true|1|yes)$/i.test(get('inbound')?.trim() ?? ''),
        at: twitterTime(get('created_at') ?? ''),
        text: get('text') ?? '',
        row,
      });
      for (const child of (get('response_tweet_id') ?? '').split(',')) {
        const c = tweetId(child);
        if (c) repliedBy.set(c, id);
      }
    }
    if (!cols) {
      yield { position: 'file', error: 'empty CSV file (no header row)' };
      return;
    }
    for (const [child, parent] of repliedBy) {
      const t = tweets.get(child);
      if (t && !t.parent) t.parent = parent;
    }
    repliedBy.clear();

    // Thread root of every tweet: follow parents while they are in the file (memoised, cycle-safe).
    const rootOf = new Map<string, string>();
    const findRoot = (id: string): string => {
      const path: string[] = [];
      const seen = new Set<string>();
      let at = id;
      for (;;) {
        const known = rootOf.get(at);
        if (known) {
          at = known;
          break;
        }
        const parent = tweets.get(at)?.parent;
        if (!parent || !tweets.has(parent) || seen.has(parent)) break;
        seen.add(at);
        path.push(at);
        at = parent;
      }
      for (const p of path) rootOf.set(p, at);
      rootOf.set(id, at);
      return at;
    };
    const threads = new Map<string, string[]>();
    for (const id of tweets.keys()) {
      const root = findRoot(id);
      const list = threads.get(root);
      if (list) list.push(id);
      else threads.set(root, [id]);
    }
    rootOf.clear();

    for (const [root, ids] of threads) {
      const items = ids.map((id) => ({ id, t: tweets.get(id)! })).sort((a, b) => Date.parse(a.t.at) - Date.parse(b.t.at) || a.t.row - b.t.row);
      const rootTweet = tweets.get(root)!;
      const customer = items.find((x) => x.t.inbound)?.t.author;
      const brand = items.find((x) => !x.t.inbound)?.t.author;
      const conversation: ConversationInput = {
        schemaVersion: 1,
        id: `${SOURCE}:${root}`,
        source: SOURCE,
        sourceId: root,
        channel: 'social',
        createdAt: rootTweet.at,
        updatedAt: '', // the normaliser takes the last tweet's time
        customer: { id: customer ? `${SOURCE}:${customer}` : '' },
        assignee: brand,
        team: brand,
        tags: [],
        messages: items.map(({ id, t }) => ({
          id,
          role: t.inbound ? 'customer' : 'agent',
          // A customer tweet names its own author in customer.id's form: a thread that several customers
          // join ("same here!") keeps each of them apart instead of crediting everything to the first.
          authorId: t.author ? (t.inbound ? `${SOURCE}:${t.author}` : t.author) : undefined,
          createdAt: t.at,
          text: stripQuoted(decodeEntities(t.text)), // the API escapes & < > in tweet text
          public: true,
        })),
      };
      const rows = items.map((x) => x.t.row).sort((a, b) => a - b);
      const position = `thread of tweet ${root} (${rows.length} tweet${rows.length === 1 ? '' : 's'}, line${rows.length === 1 ? '' : 's'} ${rows.slice(0, 5).join(',')}${rows.length > 5 ? ',…' : ''})`;
      const missing = missingParts(`thread ${root}`, conversation);
      if (missing) yield { position, sourceId: root, error: missing };
      else yield { position, sourceId: root, conversation };
      for (const id of ids) tweets.delete(id);
    }
  },
};
