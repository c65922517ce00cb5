/** The connector registry: which formats ingest understands, and auto-detection between them. */
import { canonicalJsonl } from './canonical-jsonl';
import { freshdesk } from './freshdesk';
import { createGenericCsv, type CsvColumnMapping } from './generic-csv';
import { helpscout } from './helpscout';
import { intercom } from './intercom';
import { satisfactionRatings } from './satisfaction-ratings';
import { twitter } from './twitter';
import type { Connector } from './types';
import { zendesk } from './zendesk';

export type { Connector, ConnectorRecord } from './types';

/**
 * Order matters only where two could claim a file: canonical JSON Lines (a `messages` array on the
 * first line) before the help-desk JSON readers, which (ratings exports included) share one sniffer (json-export.ts)
 * and so never both match; the TWCS layout before generic CSV (a TWCS header has no conversation id, but
 * a mapping given with --csv-columns could make the generic reader accept it).
 */
export function connectorRegistry(options: { csvColumns?: CsvColumnMapping } = {}): Connector[] {
  return [canonicalJsonl, satisfactionRatings, zendesk, intercom, freshdesk, helpscout, twitter, createGenericCsv(options.csvColumns)];
}

export function detectConnector(connectors: Connector[], fileName: string, head: string): Connector | undefined {
  return connectors.find((c) => c.detect(fileName, head));
}

export function describeFormats(connectors: Connector[]): string {
  return connectors.map((c) => `  ${c.name.padEnd(9)} ${c.description}`).join('\n');
}
