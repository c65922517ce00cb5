/**
 * The folder of voc-insights' package.json, found from wherever this code runs: the TypeScript source
 * (src/…) or the CLI bundle (dist/…), whose files sit at different depths. Paths to shipped files
 * (the sample archive, the dashboard) are built from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && /"name":\s*"voc-insights"/.test(fs.readFileSync(manifest, 'utf8'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find voc-insights' package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. packagePath('dashboard') */
export const packagePath = (...parts: string[]): string => path.join(PACKAGE_ROOT, ...parts);
