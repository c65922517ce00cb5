#!/usr/bin/env node
/**
 * `voc` (npx voc, npm run voc, npm start): runs the CLI bundle in dist/, built ahead by `npm ci`. When a
 * source file is newer than the bundle (you changed the code), it is rebuilt first (esbuild, well under a
 * second); without esbuild (a production install) the bundle is used as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'voc.mjs');

function newestSource(dir, newest = 0) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(full, newest);
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(bundle)) return true;
  const src = path.join(root, 'src');
  return fs.existsSync(src) && newestSource(src) > fs.statSync(bundle).mtimeMs;
}

if (stale()) {
  try {
    const { buildCli } = await import(pathToFileURL(path.join(root, 'scripts', 'build-cli.mjs')).href);
    await buildCli({ quiet: true });
  } catch (error) {
    if (!fs.existsSync(bundle)) {
      process.stderr.write(`error: the voc CLI is not built and cannot be built here (${error.message}); run \`npm ci\` in ${root}\n`);
      process.exit(1);
    }
  }
}
const { main } = await import(pathToFileURL(bundle).href);
await main();
