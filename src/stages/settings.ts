/**
 * Team-owned settings kept in the archive bucket (config/…), read by the stages that need them, so
 * the CLI and the Lambdas always use the same ones. Validated on the way in and on the way out.
 */
import { createHash } from 'node:crypto';
import { KpiConfigSchema, type KpiConfig } from '../core/kpis';
import { parseStoredTaxonomy, type Taxonomy } from '../core/taxonomy';
import { describeZodError } from '../core/schema/conversation';
import { layout } from '../core/storage-layout';
import type { BlobStore } from '../ports';

export function parseKpiConfig(text: string, origin: string): KpiConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = KpiConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${origin}: ${describeZodError(parsed.error)}`);
  return json as KpiConfig;
}

export async function loadKpiConfig(blobs: BlobStore): Promise<KpiConfig> {
  const bytes = await blobs.get(layout.kpiConfig());
  return bytes ? parseKpiConfig(Buffer.from(bytes).toString('utf8'), layout.kpiConfig()) : {};
}

export async function saveKpiConfig(blobs: BlobStore, config: KpiConfig): Promise<void> {
  await blobs.put(layout.kpiConfig(), JSON.stringify(config, null, 2), 'application/json');
}

export function settingsHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex').slice(0, 16);
}

/** The theme taxonomy (config/taxonomy.json), or undefined when product has not defined one. */
export async function loadTaxonomy(blobs: BlobStore): Promise<Taxonomy | undefined> {
  const bytes = await blobs.get(layout.taxonomy());
  return bytes ? parseStoredTaxonomy(Buffer.from(bytes).toString('utf8'), layout.taxonomy()) : undefined;
}

export async function saveTaxonomy(blobs: BlobStore, taxonomy: Taxonomy): Promise<void> {
  await blobs.put(layout.taxonomy(), JSON.stringify(taxonomy, null, 2), 'application/json');
}
