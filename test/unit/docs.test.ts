import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFINITIONS, QUALITY_SIGNALS } from '../../src/core/kpis/definitions';

describe('documentation', () => {
  it('docs/KPIS.md carries the KPI definitions the code uses, word for word', () => {
    const doc = fs.readFileSync('docs/KPIS.md', 'utf8');
    expect(doc).toContain(DEFINITIONS.trim());
    expect(doc).toContain(QUALITY_SIGNALS.trim());
  });
});
