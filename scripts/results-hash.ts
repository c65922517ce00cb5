/**
 * `npx tsx scripts/results-hash.ts --data-dir DIR`: one hash of everything the read API answers about a data
 * folder (themes in every sort and segment, every theme's detail, KPIs by every dimension, the timeline), so a
 * change to storage or aggregation can show its results are identical before and after:
 *
 *   voc --data-dir /tmp/a run --sample --as-of 2026-12-31 && npx tsx scripts/results-hash.ts --data-dir /tmp/a
 *
 * Run records are left out (they hold timestamps). Prints one line per request group and the total.
 */
import { createHash } from 'node:crypto';
import { openEnvironment } from '../src/cli/context';
import { hideNodeVersionNotice } from '../src/cli/process-warnings';
import { readApi } from '../src/server/read-api';
import { listSegments } from '../src/stages/kpi-report';
import { addDays } from '../src/core/storage-layout';
import { latestState } from '../src/stages/query';

hideNodeVersionNotice();
const i = process.argv.indexOf('--data-dir');
const dataDir = i > 0 ? process.argv[i + 1] : undefined;
if (!dataDir) throw new Error('usage: results-hash.ts --data-dir DIR');

const env = await openEnvironment({ dataDir });
try {
  const table = env.table;
  const latest = await latestState(table);
  if (!latest) throw new Error(`${dataDir} has no successful run`);
  const to = latest.latestDay;
  const ranges = [{}, { from: addDays(to, -364), to }, { from: addDays(to, -6), to }];
  const get = async (path: string, query: Record<string, string | undefined>) => {
    const res = await readApi(table, { method: 'GET', path, query });
    return `${res.status} ${res.body}`;
  };
  const groups: Record<string, string[]> = { themes: [], theme: [], kpis: [], timeline: [] };
  const segments: Record<string, string>[] = [{}];
  for (const dim of ['lang', 'channel', 'source', 'segment', 'team']) {
    for (const seg of await listSegments(table, dim)) segments.push({ [dim]: seg.slice(dim.length + 1) });
  }
  const ids = new Set<string>();
  for (const range of ranges) {
    for (const seg of segments) {
      for (const sort of ['volume', 'negative', 'rising']) {
        const body = await get('/themes', { ...range, ...seg, sort, limit: '500' });
        groups.themes!.push(body);
        for (const t of (JSON.parse(body.slice(4)) as { themes?: { id: string }[] }).themes ?? []) ids.add(t.id);
      }
      groups.timeline!.push(await get('/timeline', { ...range, ...seg, limit: '20' }));
    }
    for (const by of ['theme', 'team', 'channel', 'lang', 'source', 'segment']) groups.kpis!.push(await get('/kpis', { ...range, by }));
    for (const seg of segments.slice(1)) groups.kpis!.push(await get('/kpis', { ...range, ...seg, by: 'theme' }));
  }
  for (const id of [...ids].sort()) for (const range of ranges) groups.theme!.push(await get(`/themes/${encodeURIComponent(id)}`, range));
  const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);
  for (const [name, bodies] of Object.entries(groups)) console.log(`${name.padEnd(9)} ${String(bodies.length).padStart(5)} requests  ${hash(bodies.join('\n'))}`);
  console.log(`all       ${hash(Object.values(groups).flat().join('\n'))}  (${ids.size} themes, ${segments.length} segments, latest day ${to})`);
} finally {
  await env.close();
}
