/**
 * A small night of uploads for the crash and fault suites: eight days, five contact reasons from many customers
 * (enough for discovery to name themes under k-anonymity), in three exports, plus one upload that cannot be read.
 * Everything a clean run and a run under faults or kills must agree on, and how to compare them.
 */
import { gzipSync } from 'node:zlib';
import type { VocEnvironment } from '../../src/adapters/environment';
import type { BlobStore } from '../../src/ports';
import { conversation, jsonl } from './conversations';
import { scanTable } from './scan';

const REASONS = [
  'My card has not arrived yet, it has been two weeks since I ordered it.',
  'Please refund the double charge on my card, I was billed twice this month.',
  'The app crashes every time I try to log in on my phone.',
  'I cannot reset my password, the reset email never comes.',
  'My delivery is late again and the tracking page shows nothing.',
];
const AGENT = ['Sorry about that, I have looked into it and fixed it for you.', 'Thanks for waiting, this is sorted now.'];

export const NIGHT_AS_OF = '2026-11-23';
/** The clock of every run of the suites: manifests and catalogues carry times, and must compare equal. */
export const NIGHT_NOW = () => new Date('2026-11-23T02:00:00.000Z');

/** File name → bytes: three readable exports (one gzipped) and one that is not an export at all. */
export function nightUploads(): Record<string, Buffer> {
  const days = Array.from({ length: 8 }, (_, i) => `2026-11-${String(12 + i).padStart(2, '0')}`);
  const rows = days.flatMap((day, d) =>
    Array.from({ length: 14 }, (_, i) =>
      conversation({
        id: `${day}-${i}`,
        day,
        hour: 8 + (i % 10),
        customerId: `cust-${(d * 14 + i) % 37}`,
        customer: [REASONS[(i + d) % REASONS.length]!],
        agent: [AGENT[i % 2]!],
        team: i % 3 ? 'billing' : 'apps',
        channel: i % 2 ? 'email' : 'chat',
        csat: i % 4 === 0 ? 2 : i % 4 === 1 ? 5 : undefined,
      }),
    ),
  );
  return {
    'night-a.jsonl': Buffer.from(jsonl(rows.slice(0, 40))),
    'night-b.jsonl.gz': gzipSync(jsonl(rows.slice(40, 80))),
    'night-c.jsonl': Buffer.from(jsonl(rows.slice(80))),
    'not-an-export.bin': Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x01].flatMap((b) => Array(64).fill(b))),
  };
}

/** Fields that name the run or the wall clock of a write, not what was computed. */
const RUN_FIELDS = new Set(['runId', 'trainedAt']);
function withoutRunFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRunFields);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !RUN_FIELDS.has(k)).map(([k, v]) => [k, withoutRunFields(v)]));
  return value;
}

/** Objects whose bytes must be equal; JSON objects compared without their run id (each run has its own). */
const COMPARED = ['conversations/', 'ratings/', 'analysis/', 'themes/catalogue.json', 'themes/catalogue.inputs.json', 'models/'];

async function objects(blobs: BlobStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const prefix of COMPARED) {
    for await (const o of blobs.list(prefix)) {
      const bytes = Buffer.from((await blobs.get(o.key))!);
      out[o.key] = o.key.endsWith('.json') ? JSON.stringify(withoutRunFields(JSON.parse(bytes.toString('utf8')))) : bytes.toString('base64');
    }
  }
  return out;
}

/**
 * What a night leaves behind, for comparing runs: the table scan (run records aside, which differ by id and time)
 * and the archive's conversations, analysis, catalogue and model, byte for byte. Also the keys under quarantine/
 * and raw/ (the unreadable upload is set aside, not lost), and what is left in inbox/ (nothing).
 */
export async function nightSnapshot(env: VocEnvironment) {
  const isRunRecord = (i: Record<string, unknown>) => String(i.PK).startsWith('RUN#');
  const table = (await scanTable(env)).filter((i) => !isRunRecord(i)).map((i) => withoutRunFields(i) as Record<string, unknown>);
  const keysUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const o of env.blobs.list(prefix)) keys.push(o.key);
    return keys;
  };
  return { table, objects: await objects(env.blobs), quarantine: await keysUnder('quarantine/'), raw: await keysUnder('raw/'), inbox: await keysUnder('inbox/') };
}
