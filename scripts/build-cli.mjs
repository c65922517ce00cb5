#!/usr/bin/env node
/**
 * Builds the CLI ahead of time (run by `npm ci` / `npm install` as the prepare step, and by bin/voc.mjs when
 * the sources are newer than the build): dist/voc.mjs and the day worker, ESM, dependencies left in
 * node_modules, each command's code in its own chunk so `voc --help` loads only the command list.
 *
 *   node scripts/build-cli.mjs
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');

export async function buildCli({ quiet = false } = {}) {
  const started = Date.now();
  const tmp = `${outdir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { voc: 'src/cli/main.ts', 'day-worker': 'src/adapters/day-worker.ts' },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Replaced whole, so a voc that is starting never sees half a build.
  fs.rmSync(`${outdir}.old`, { recursive: true, force: true });
  if (fs.existsSync(outdir)) fs.renameSync(outdir, `${outdir}.old`);
  fs.renameSync(tmp, outdir);
  fs.rmSync(`${outdir}.old`, { recursive: true, force: true });
  if (!quiet) console.log(`voc: CLI built into dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
