/** Source watermarks are folded incrementally: a night reads the ingest manifests written since the last fold. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VocEnvironment } from '../../src/adapters/environment';
import { openLocalEnvironment } from '../../src/adapters/local-environment';
import { layout } from '../../src/core/storage-layout';
import type { BlobStore } from '../../src/ports';
import { finalizeRun } from '../../src/stages/finalize';
import { listWatermarks } from '../../src/stages/query';

let env: VocEnvironment;
beforeAll(async () => {
  env = await openLocalEnvironment();
});
afterAll(() => env.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const manifest = (watermarks: Record<string, string>) => JSON.stringify({ watermarks });

/** The blob store, recording which keys were read. */
function recording(blobs: BlobStore, reads: string[]): BlobStore {
  return new Proxy(blobs, {
    get: (target, prop) => {
      if (prop === 'get') return (key: string) => (reads.push(key), target.get(key));
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('finalize watermarks', () => {
  it('reads only manifests newer than its last fold, and keeps what it folded before', async () => {
    await env.blobs.put(layout.ingestManifest('a'), manifest({ zendesk: '2026-11-01T10:00:00.000Z' }));
    await pause(1100); // S3 LastModified has one-second resolution
    await env.blobs.put(layout.ingestManifest('b'), manifest({ zendesk: '2026-11-02T10:00:00.000Z', intercom: '2026-11-02T09:00:00.000Z' }));
    await finalizeRun(env, { runId: 'night-1', rereadMarginMs: 0 });
    expect(await listWatermarks(env.table)).toEqual(
      expect.arrayContaining([
        { source: 'zendesk', updatedAt: '2026-11-02T10:00:00.000Z' },
        { source: 'intercom', updatedAt: '2026-11-02T09:00:00.000Z' },
      ]),
    );

    await pause(1100);
    await env.blobs.put(layout.ingestManifest('c'), manifest({ intercom: '2026-11-03T08:00:00.000Z' }));
    const reads: string[] = [];
    await finalizeRun({ blobs: recording(env.blobs, reads), table: env.table }, { runId: 'night-2', rereadMarginMs: 0 });
    const manifestsRead = reads.filter((k) => k.startsWith('manifests/ingest/'));
    expect(manifestsRead).toContain(layout.ingestManifest('c'));
    expect(manifestsRead).not.toContain(layout.ingestManifest('a'));
    expect(await listWatermarks(env.table)).toEqual(
      expect.arrayContaining([
        { source: 'zendesk', updatedAt: '2026-11-02T10:00:00.000Z' },
        { source: 'intercom', updatedAt: '2026-11-03T08:00:00.000Z' },
      ]),
    );
  });

  it('reads manifests again within the margin: folding one twice changes nothing', async () => {
    const reads: string[] = [];
    await finalizeRun({ blobs: recording(env.blobs, reads), table: env.table }, { runId: 'night-3' });
    expect(reads.filter((k) => k.startsWith('manifests/ingest/')).sort()).toEqual(['a', 'b', 'c'].map((f) => layout.ingestManifest(f)));
    expect(await listWatermarks(env.table)).toHaveLength(2);
  });
});
