/**
 * The local data folder (`.voc-data` by default): its pseudonymisation key and the lock that lets one
 * process at a time write to it. Readers take no lock: every write is a rename, so they see whole files.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCAL_BUCKET = 'voc-archive-local';
export const LOCAL_TABLE = 'voc-insights-local';
export const DEFAULT_DATA_DIR = '.voc-data';

/** A random key made once per local data folder, so pseudonyms are stable there and secret elsewhere. */
export function localPseudonymKey(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = path.join(dataDir, 'pseudonym.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // made by another process just now
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * One writing process at a time per data folder. A second writer gets a clear message instead of
 * interleaved writes; a lock left by a process that is gone is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'voc.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      let alive = false;
      try {
        alive = pid > 0 && process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive) throw new Error(`the data folder ${dataDir} is in use by another voc process (pid ${pid}, e.g. voc run); wait for it to finish, or use --data-dir or --in-memory`);
      fs.rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}
