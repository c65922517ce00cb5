/**
 * `npx tsx scripts/lambda-init.ts [--runs N]`: each Lambda handler's bundle size and init time, measured here, against
 * the budget (issue 13: every bundle ≤ 1 MB minified, init ≤ 300 ms); exits 1 when a handler is over it.
 *
 * Bundles every handler in lambdas/ with the options the CDK stack uses (lib/handler-function.ts: ESM,
 * minified, UTF-8, tree-shaken, everything bundled, the same aliases, source map in a file of its own), then imports
 * each bundle in a fresh Node process N times (default 5) and reports the median time from the import to the handler
 * being ready (what a cold start adds before the first event; Lambda's own runtime start is not in it), and the median
 * CPU time the process spent on it (steadier than wall time when other jobs share the machine: on a busy machine the
 * wall time is over budget long before the CPU time is, and the load printed first says how busy it was).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_BUDGET_BYTES, ESM_REQUIRE_BANNER, HANDLER_ALIASES, HANDLER_ENTRIES, INIT_BUDGET_MS } from '../lib/handler-function';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs wants a whole number of imports per handler (got ${process.argv[runsArg + 1]})`);

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-lambdas-'));
const bytes = (n: number) => n.toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load ${load()} (1, 5, 15 min), ${RUNS} imports per handler`);
console.log(`budget per handler: bundle ≤ ${bytes(BUNDLE_BUDGET_BYTES)} bytes, init ≤ ${INIT_BUDGET_MS} ms`);
console.log(`| handler | bundle (minified), bytes | source map (apart), bytes | init, median | CPU, median |\n|---|---|---|---|---|`);
const over: string[] = [];
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
    const probe = `const t0 = performance.now(); const c0 = process.cpuUsage(); const m = await import(${JSON.stringify(`file://${file}`)}); if (typeof m.handler !== 'function') throw new Error('no handler'); const c = process.cpuUsage(c0); console.log(JSON.stringify([performance.now() - t0, (c.user + c.system) / 1000]));`;
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
        encoding: 'utf8',
        env: { ...process.env, VOC_BUCKET: 'bench', VOC_TABLE: 'bench', AWS_REGION: 'us-east-1', POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      });
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
      const [w, c] = JSON.parse(r.stdout.trim()) as [number, number];
      wall.push(w);
      cpu.push(c);
    }
    const size = fs.statSync(file).size;
    const init = median(wall);
    if (size > BUNDLE_BUDGET_BYTES) over.push(`${name}: bundle ${bytes(size)} bytes > ${bytes(BUNDLE_BUDGET_BYTES)}`);
    if (init > INIT_BUDGET_MS) over.push(`${name}: init ${init.toFixed(0)} ms > ${INIT_BUDGET_MS} ms`);
    console.log(`| ${name} | ${bytes(size)} | ${bytes(fs.statSync(`${file}.map`).size)} | ${init.toFixed(0)} ms | ${median(cpu).toFixed(0)} ms |`);
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
console.log(`load at the end ${load()}`);
if (over.length) {
  console.error(
    `over budget:\n  ${over.join('\n  ')}\n` +
      'A bundle over budget: find what it carries with an esbuild metafile (docs/DEPLOY.md, "Bundle sizes"). ' +
      'Init over budget with a load above the number of cores: rerun on a quieter machine before chasing it.',
  );
  process.exitCode = 1;
}
