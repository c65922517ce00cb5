/** The ingest context every entry point builds the same way: connectors, redaction, pseudonyms. */
import { connectorRegistry } from '../core/connectors';
import type { CsvColumnMapping } from '../core/connectors/generic-csv';
import { createNormaliser, createPseudonymiser } from '../core/connectors/normalize';
import { createRedactor, parseCustomRules } from '../core/pii/redact';
import type { IngestContext } from './ingest';

export interface IngestSetup {
  pseudonymKey: string;
  /** Extra redaction patterns, "KIND=regex". */
  redact?: string[];
  csvColumns?: CsvColumnMapping;
  force?: boolean;
}

export function buildIngestContext(setup: IngestSetup): Omit<IngestContext, 'runId'> {
  const redactor = createRedactor(parseCustomRules(setup.redact ?? []));
  return {
    connectors: connectorRegistry({ csvColumns: setup.csvColumns }),
    normaliser: createNormaliser({ redactor, pseudonymise: createPseudonymiser(setup.pseudonymKey) }),
    redactor,
    force: setup.force,
  };
}

/** "field=header,field=header" → mapping, for --csv-columns and VOC_CSV_COLUMNS. */
export function parseCsvColumns(spec: string | undefined): CsvColumnMapping | undefined {
  if (!spec) return undefined;
  const mapping: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [field, header] = pair.split('=').map((s) => s.trim());
    if (!field || !header) throw new Error(`--csv-columns expects field=header pairs separated by commas, got "${pair}"`);
    mapping[field] = header;
  }
  return mapping as CsvColumnMapping;
}
