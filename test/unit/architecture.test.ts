import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.ts$/.test(entry.name)) yield full;
  }
}

describe('architecture', () => {
  it('keeps the domain core and the stages free of AWS SDK imports (they talk to ports)', () => {
    const offenders: string[] = [];
    for (const dir of ['src/core', 'src/stages', 'src/ports.ts']) {
      const files = dir.endsWith('.ts') ? [dir] : [...sourceFiles(dir)];
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        if (/from\s+['"](@aws-sdk|aws-cdk-lib|@aws-lambda-powertools)/.test(text)) offenders.push(file);
        if (/from\s+['"][./]*\/adapters\//.test(text)) offenders.push(`${file} (imports an adapter)`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps Lambda handlers thin: each calls into src/, none reaches the SDK directly', () => {
    for (const file of sourceFiles('lambdas')) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from\s+['"]@aws-sdk/);
      expect(text.split('\n').length, `${file} is not thin`).toBeLessThan(60);
    }
  });
});
