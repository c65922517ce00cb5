/** The theme catalogue in the archive bucket: loaded by analyze, replaced by discover. */
import { createHash } from 'node:crypto';
import type { ThemeCatalogue } from '../core/analysis';
import { layout } from '../core/storage-layout';
import type { BlobStore } from '../ports';

export async function loadCatalogue(blobs: BlobStore): Promise<ThemeCatalogue | undefined> {
  const bytes = await blobs.get(layout.catalogue());
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as ThemeCatalogue) : undefined;
}

export async function saveCatalogue(blobs: BlobStore, catalogue: ThemeCatalogue, runId: string): Promise<string> {
  const body = JSON.stringify(catalogue);
  await blobs.put(layout.catalogueHistory(runId), body, 'application/json');
  await blobs.put(layout.catalogue(), body, 'application/json');
  return layout.catalogue();
}

/** Identifies what the catalogue assigns, ignoring when it was generated: unchanged hash → no re-analysis. */
export function catalogueHash(catalogue: ThemeCatalogue | undefined): string {
  if (!catalogue) return 'none';
  const { generatedAt: _ignored, ...content } = catalogue;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
