/** The `voc` command as a user runs it: a real process, embedded emulators, files on disk. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { conversation, jsonl } from '../support/conversations';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'voc-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function voc(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'bin/voc.ts', ...args], { env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('voc CLI', () => {
  it('teaches with --help, and says what went wrong on bad usage', async () => {
    const help = await voc('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/voc run --sample/);
    const themesHelp = await voc('themes', '--help');
    expect(themesHelp.stdout).toMatch(/--sort <how>/);
    const bad = await voc('--in-memory', 'themes', '--sort', 'loudest');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sort must be one of volume, negative, rising/);
  });

  it('runs the pipeline on a file and keeps data in the data folder between invocations', async () => {
    const dataDir = path.join(tmp, 'data');
    const file = path.join(tmp, 'tickets.jsonl');
    fs.writeFileSync(file, jsonl(Array.from({ length: 12 }, (_, i) => conversation({ id: `t${i}`, customerId: `cust-${i}`, day: `2026-11-0${1 + (i % 3)}`, customer: [i % 2 ? 'refund my double charge please' : 'my parcel never arrived'] }))));
    const first = await voc('--data-dir', dataDir, '--json', 'run', file, '--as-of', '2026-11-10');
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out.run).toMatchObject({ status: 'succeeded', latestDay: '2026-11-03', read: 12, normalised: 12 });
    expect(out.themes.total).toBe(12);

    const themes = await voc('--data-dir', dataDir, 'themes', '--csv');
    expect(themes.code).toBe(0);
    const [header, ...lines] = themes.stdout.trim().split('\n');
    expect(header).toMatch(/^id,label,volume,/);
    expect(lines.map((l) => Number(l.split(',')[2])).reduce((a, b) => a + b, 0)).toBe(12);

    const runs = await voc('--data-dir', dataDir, '--json', 'runs');
    expect(JSON.parse(runs.stdout)).toHaveLength(1);

    // From the numbers to the conversations: a page, every match as CSV, one thread; errors that list the valid values.
    const refunds = await voc('--data-dir', dataDir, 'conversations', '--q', 'refund', '--limit', '4');
    expect(refunds.code).toBe(0);
    expect(refunds.stdout).toMatch(/^6 conversations 2026-10-05 → 2026-11-03 · page 1 of 2/);
    expect(refunds.stdout).toMatch(/Next: add --page 2/);
    const csv = await voc('--data-dir', dataDir, 'conversations', '--q', 'refund', '--csv');
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(6 + 1);
    const one = await voc('--data-dir', dataDir, 'conversation', 'test:t1');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/customer\s+\[(negative|neutral|positive) -?\d\.\d\d\]\n  refund my double charge please/);
    const spanish = await voc('--data-dir', dataDir, 'conversations', '--lang', 'spanish');
    expect(spanish.code).toBe(2);
    expect(spanish.stderr).toMatch(/no conversations with lang "spanish": lang is one of en \(English\)/);
    const kpis = await voc('--data-dir', dataDir, 'kpis', '--csv');
    expect(kpis.code).toBe(0);
    expect(kpis.stdout.split('\r\n')[0]).toMatch(/^key,label,conversations,/);
    expect(kpis.stdout.trimEnd().split('\r\n').length).toBe(lines.length + 1);
    const badSort = await voc('--data-dir', dataDir, 'kpis', '--sort', 'worst');
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toMatch(/--sort must be one of volume, sla-first-response, sla-resolution, first-response, resolution, csat, reopened/);
  });

  it('reads a data folder written by an earlier process from an archive larger than the sample, and exits (the 70 MB export once made every read fail and hang)', async () => {
    const dataDir = path.join(tmp, 'large');
    const file = path.join(tmp, 'large-export.jsonl');
    // Over 11 MiB (the embedded S3's body limit that broke reopening); 600 conversations over 30 days, the first
    // short enough for format detection to see it whole.
    const padding = 'Order details follow. '.repeat(950);
    fs.writeFileSync(
      file,
      jsonl(Array.from({ length: 600 }, (_, i) => conversation({ id: `big${i}`, day: `2026-10-${String(1 + (i % 30)).padStart(2, '0')}`, customer: [i % 2 ? 'refund my double charge please' : 'my parcel never arrived', ...(i ? [padding] : [])] }))),
    );
    expect(fs.statSync(file).size).toBeGreaterThan(11 * 1024 * 1024);
    const written = await voc('--data-dir', dataDir, '--json', 'run', file, '--as-of', '2026-11-10');
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout).run).toMatchObject({ status: 'succeeded', normalised: 600 });
    // The next processes: each read answers and the process exits (the test times out otherwise).
    const themes = await voc('--data-dir', dataDir, '--json', 'themes');
    expect(themes.code, themes.stderr).toBe(0);
    expect(JSON.parse(themes.stdout).total).toBe(600);
    const runs = await voc('--data-dir', dataDir, '--json', 'runs');
    expect(JSON.parse(runs.stdout)[0].timings.stages.analyze.conversations).toBe(600);
    // The emulators load the same folder's objects (the >11 MiB raw export in parts) and exit too.
    const emulated = await voc('--data-dir', dataDir, '--emulators', '--json', 'sources');
    expect(emulated.code, emulated.stderr).toBe(0);
  });

  it('runs from the prebuilt bundle (bin/voc.mjs, what npm start and npx voc run), days analysed in worker threads', async () => {
    const file = path.join(tmp, 'bundle.jsonl');
    fs.writeFileSync(file, jsonl(Array.from({ length: 40 }, (_, i) => conversation({ id: `w${i}`, day: `2026-11-${String(1 + (i % 8)).padStart(2, '0')}`, customer: [i % 2 ? 'refund my double charge please' : 'my parcel never arrived'] }))));
    const { stdout } = await run(process.execPath, ['bin/voc.mjs', '--in-memory', '--json', 'run', file, '--as-of', '2026-11-10', '--workers', '2'], { env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
    const out = JSON.parse(stdout);
    expect(out.run).toMatchObject({ status: 'succeeded', normalised: 40 });
    expect(out.run.timings.days).toMatchObject({ count: 8, parallel: 2 });
    expect(out.run.timings.stages.analyze.conversations).toBe(40);
    expect(out.themes.total).toBe(40);
  });

  it('ingest names the unreadable file and exits non-zero, after ingesting the good ones', async () => {
    const good = path.join(tmp, 'good.jsonl');
    const html = path.join(tmp, 'login.csv');
    fs.writeFileSync(good, jsonl([conversation({ id: 'g1' })]));
    fs.writeFileSync(html, '<!doctype html><html><title>Sign in</title></html>');
    const result = await voc('--in-memory', 'ingest', good, html);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/good\.jsonl \[jsonl\]: read 1 = normalised 1 \+ quarantined 0 \+ duplicates 0/);
    expect(result.stderr).toMatch(/login\.csv: cannot be read — this is an HTML page, not an export/);
    expect(result.stderr).toMatch(/Set aside: moved to raw\/ with a quarantine entry/);
  });

  it('sets an unreadable upload aside: the next night succeeds and does not try it again', async () => {
    const dataDir = path.join(tmp, 'set-aside');
    const good = path.join(tmp, 'night-good.jsonl');
    const broken = path.join(tmp, 'broken.csv');
    fs.writeFileSync(good, jsonl([conversation({ id: 'n1', day: '2026-11-02' })]));
    fs.writeFileSync(broken, '<!doctype html><html><title>Sign in</title></html>');
    const first = await voc('--data-dir', dataDir, 'run', good, broken, '--as-of', '2026-11-10');
    expect(first.code).toBe(1); // said on the night it happens
    expect(first.stdout + first.stderr).toMatch(/broken\.csv: cannot be read .*Set aside: moved to raw\//s);
    const next = await voc('--data-dir', dataDir, '--json', 'run', '--as-of', '2026-11-10');
    expect(next.code).toBe(0);
    expect(JSON.parse(next.stdout)).toMatchObject({ run: { status: 'succeeded' }, ingested: [] });
    expect(fs.readdirSync(path.join(dataDir, 's3'), { recursive: true }).map(String).some((f) => f.includes('raw') && f.endsWith('broken.csv'))).toBe(true);
  });

  it('honours VOC_DATA_DIR, and neutralises spreadsheet formulas in every CSV (qa-sample too)', async () => {
    const dataDir = path.join(tmp, 'from-env');
    const file = path.join(tmp, 'formulas.jsonl');
    const formulas = ['=1+2', '+cmd', '-2+3', '@SUM(A1)'];
    fs.writeFileSync(file, jsonl(Array.from({ length: 8 }, (_, i) => conversation({ id: `f${i}`, day: '2026-11-03', customerId: `c${i}`, team: formulas[i % 4], customer: ['my parcel has not arrived'] }))));
    const runEnv = { ...process.env, CI: 'true', VOC_DATA_DIR: dataDir };
    await run(process.execPath, ['--import', 'tsx', 'bin/voc.ts', 'run', file, '--as-of', '2026-11-10'], { env: runEnv, cwd: process.cwd() });
    expect(fs.existsSync(path.join(dataDir, 'table'))).toBe(true);
    const out = path.join(tmp, 'qa');
    await run(process.execPath, ['--import', 'tsx', 'bin/voc.ts', 'qa-sample', '--week', '2026-W45', '--rate', '1', '--out', out], { env: runEnv });
    const csv = fs.readFileSync(path.join(out, 'qa-sample-2026-W45.csv'), 'utf8');
    for (const f of formulas) expect(csv, f).toContain(`'${f}`);
    const cells = csv.split(/\r?\n/).flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });

  it('annotate writes one scored row per input row, in both the text and conversation shapes', async () => {
    const input = path.join(tmp, 'rows.jsonl');
    const output = path.join(tmp, 'labelled.jsonl');
    const rows = [
      { id: 1, text: 'Still waiting for my refund, this is ridiculous' },
      { id: 'b', text: 'sorted, thanks so much!', lang: 'en' },
      conversation({ id: 'conv', customer: ['Mi pedido no ha llegado todavía'] }),
      { id: 'c', text: 'Ich warte seit zwei Wochen auf meine Karte' },
    ];
    fs.writeFileSync(input, jsonl(rows));
    const result = await voc('annotate', '--input', input, '--output', output, '--discover');
    expect(result.code).toBe(0);
    const out = fs.readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((r) => r.id)).toEqual(['1', 'b', 'test:conv', 'c']);
    for (const r of out) {
      expect(['negative', 'neutral', 'positive']).toContain(r.sentiment.label);
      expect(r.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(r.sentiment.score).toBeLessThanOrEqual(1);
      expect(typeof r.theme.id).toBe('string');
    }
    expect(out[0].sentiment.label).toBe('negative');
    expect(out[1].sentiment.label).toBe('positive');
    expect(out.map((r) => r.language)).toEqual(['en', 'en', 'es', 'de']);
  });
});
