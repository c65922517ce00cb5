/**
 * analysis/<day>/manifest.json: what a day's analysis file was made from (inputs, catalogue, settings), read by
 * discover (is the day stale?), analyze, aggregate and finalize. A module of its own so the readers do not import
 * the discovery and, through it, the analysis.
 */
import { layout } from '../core/storage-layout';
import type { BlobStore } from '../ports';

export interface AnalysisManifest {
  date: string;
  runId: string;
  /** Content hash of the analysis file; the day's aggregates record it once written (day-state.ts). */
  analysisId?: string;
  catalogueHash: string;
  /** Analysis version and KPI settings the day was analysed with. */
  settingsHash?: string;
  inputs: { key: string; etag?: string }[];
  conversations: number;
  /** conversations given a rating exported apart from them (docs/SCHEMA.md) */
  ratingsJoined?: number;
  /** conversations in a language without a lexicon (sentiment not read) */
  unscored?: number;
  /** the curation fingerprint the rows reflect (core/curation/splits.ts; absent = none) */
  curation?: string;
  /** every theme id the rows hold (discovered and, where a split moved one, curated) */
  themes?: string[];
  /** rows a split moved */
  curated?: number;
  analysedAt: string;
}

export async function readAnalysisManifest(blobs: BlobStore, day: string): Promise<AnalysisManifest | undefined> {
  const bytes = await blobs.get(layout.analysisManifest(day));
  return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as AnalysisManifest) : undefined;
}

export function inputsSignature(inputs: { key: string; etag?: string }[]): string {
  return inputs.map((i) => `${i.key}@${i.etag ?? ''}`).sort().join('|');
}
