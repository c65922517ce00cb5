/**
 * Team-owned settings kept in the archive bucket (config/…), read by the stages that need them, so
 * the CLI and the Lambdas always use the same ones. Validated on the way in and on the way out.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
// The module itself, not core/kpis' index: readers (the query Lambda) should not bundle the analysis code.
import { KpiConfigSchema, type KpiConfig } from '../core/kpis/conversation-kpis';
import { parseStoredTaxonomy, type Taxonomy } from '../core/taxonomy';
import { DiscoverySettings } from '../core/theme-refit';
import { jsonSettingsFile, parseJsonSettings } from './json-settings';
import { layout } from '../core/storage-layout';
import type { BlobStore } from '../ports';


/** A JSON settings file checked against its schema; errors name the file and what to fix (`hint` says where the settings are documented). */
export function parseKpiConfig(text: string, origin: string): KpiConfig {
  parseJsonSettings(text, origin, KpiConfigSchema);
  // As written (the schema's defaults are applied where the config is used).
  return JSON.parse(text) as KpiConfig;
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

/** config/discovery.json: when a night fits the themes again (core/theme-refit.ts); omitted settings keep their defaults. */
const discoveryFile = jsonSettingsFile(layout.discoveryConfig(), DiscoverySettings, ' (docs/ARCHITECTURE.md, "Incremental discovery", lists the settings)');
export const parseDiscoverySettings = discoveryFile.parse;
export const loadDiscoverySettings = discoveryFile.load;
export const saveDiscoverySettings = discoveryFile.save;
