/** The connector registry: which formats ingest understands, and auto-detection between them. */
import { canonicalJsonl } from './canonical-jsonl';
import { createGenericCsv, type CsvColumnMapping } from './generic-csv';
import type { Connector } from './types';

export type { Connector, ConnectorRecord } from './types';

export function connectorRegistry(options: { csvColumns?: CsvColumnMapping } = {}): Connector[] {
  return [canonicalJsonl, createGenericCsv(options.csvColumns)];
}

export function detectConnector(connectors: Connector[], fileName: string, firstLine: string): Connector | undefined {
  return connectors.find((c) => c.detect(fileName, firstLine));
}

export function describeFormats(connectors: Connector[]): string {
  return connectors.map((c) => `  ${c.name.padEnd(8)} ${c.description}`).join('\n');
}
