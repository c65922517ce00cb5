/** Ingest one uploaded export: a Distributed Map item `{ Key }`, `{ key }`, or an S3 event notification. */
import * as z from 'zod';
import { buildIngestContext, parseCsvColumns } from '../src/stages/ingest-setup';
import { ingestUpload, type IngestFileResult } from '../src/stages/ingest';
import { environmentOnce, logger, metrics } from './runtime';

const IngestEvent = z.union([
  z.object({ runId: z.string().optional(), Key: z.string().min(1) }).transform((e) => ({ runId: e.runId, keys: [e.Key] })),
  z.object({ runId: z.string().optional(), key: z.string().min(1) }).transform((e) => ({ runId: e.runId, keys: [e.key] })),
  z
    .object({ Records: z.array(z.object({ s3: z.object({ object: z.object({ key: z.string() }) }) })).min(1) })
    // S3 notifications URL-encode keys, with '+' for spaces.
    .transform((e) => ({ runId: undefined, keys: e.Records.map((r) => decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '))) })),
]);

export const handler = async (event: unknown) => {
  const { runId, keys } = IngestEvent.parse(event);
  const env = environmentOnce();
  const context = buildIngestContext({ pseudonymKey: await env.pseudonymKey(), redact: process.env.VOC_REDACT?.split('\n').filter(Boolean), csvColumns: parseCsvColumns(process.env.VOC_CSV_COLUMNS) });
  const results: IngestFileResult[] = [];
  // The S3 list reader also yields "folder" markers such as "inbox/": nothing to ingest there.
  for (const key of keys.filter((k) => !k.endsWith('/'))) {
    const result = await ingestUpload(env, { ...context, runId: runId ?? `ingest-${new Date().toISOString()}` }, key);
    logger.info('ingested', { ...result });
    metrics.addMetric('RecordsRead', 'Count', result.read);
    metrics.addMetric('RecordsQuarantined', 'Count', result.quarantined);
    results.push(result);
  }
  metrics.publishStoredMetrics();
  const sum = (f: 'read' | 'normalised' | 'ratings' | 'quarantined' | 'duplicates') => results.reduce((n, r) => n + r[f], 0);
  return { runId, files: results.length, setAside: results.filter((r) => r.unreadable).length, read: sum('read'), normalised: sum('normalised'), ratings: sum('ratings'), quarantined: sum('quarantined'), duplicates: sum('duplicates'), partitions: [...new Set(results.flatMap((r) => r.days))].sort() };
};
