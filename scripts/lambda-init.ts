/**
 * `npx tsx scripts/lambda-init.ts`: each Lambda handler's bundle size and init time, measured here.
 *
 * Bundles every handler in lambdas/ with the options the CDK stack uses (lib/handler-function.ts: ESM,
 * minified, UTF-8, tree-shaken, everything bundled, source map in a file of its own), then imports each bundle
 * in a fresh Node process, three times, and reports the median time from process start to the handler
 * being ready (what a cold start adds before the first event; Lambda's own runtime start is not in it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER, HANDLER_ALIASES, HANDLER_ENTRIES } from '../lib/handler-function';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-lambdas-'));
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`| handler | bundle (minified) | source map (apart) | init, median of 3 |\n|---|---|---|---|`);
try {
  for (const [name, entry] of Object.entries(HANDLER_ENTRIES)) {
    const file = path.join(out, `${name}.mjs`);
    await build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      alias: HANDLER_ALIASES,
      minify: true,
      charset: 'utf8',
      treeShaking: true,
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'error',
    });
    // Time to a ready handler in a fresh process, as Lambda's init phase does: import, then check the export.
    const probe = `const t0 = performance.now(); const m = await import(${JSON.stringify(`file://${file}`)}); if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(performance.now() - t0);`;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
        encoding: 'utf8',
        env: { ...process.env, VOC_BUCKET: 'bench', VOC_TABLE: 'bench', AWS_REGION: 'us-east-1', POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      });
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
      times.push(Number(r.stdout.trim()));
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${kb(fs.statSync(file).size)} | ${kb(fs.statSync(`${file}.map`).size)} | ${times[1]!.toFixed(0)} ms |`);
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
