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

  it('keeps the analysis core free of import circles, type imports included (language packs import types.ts, not the scorer)', () => {
    const root = path.resolve('src/core/analysis');
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(root)) {
      const deps: string[] = [];
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm)) {
        const target = path.resolve(path.dirname(file), m[1]!);
        const found = [`${target}.ts`, path.join(target, 'index.ts')].find((f) => fs.existsSync(f));
        if (found) deps.push(found);
      }
      graph.set(file, deps);
    }
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(root, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('keeps what differs between languages in their packs: the sentiment scorer and word look-up never branch on a language code', () => {
    for (const file of ['src/core/analysis/sentiment.ts', 'src/core/analysis/word-valence.ts', 'src/core/analysis/sentiment-tokens.ts', 'src/core/analysis/languages/lexicon.ts']) {
      expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/lang(?:uage)?\s*[!=]==\s*'[a-z]{2}'/);
    }
  });
});
