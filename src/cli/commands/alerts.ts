/** `voc alerts` and `voc config alerts`: what the nights found worth telling, and the thresholds (docs/ALERTS.md). */
import fs from 'node:fs';
import type { Command } from 'commander';
import { withEnvironment, UsageError, type GlobalOptions } from '../context';
import { info, printJson } from '../output';
import type { BlobStore } from '../../ports';

export function registerAlertsCommands(program: Command): void {
  program
    .command('alerts')
    .description('Alerts the nightly runs published: rising and new themes, sentiment and first-response SLA shifts, newest first')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .addHelpText('after', `
Each event is published once (its dedupe key is stored with the data): to the webhook and SNS topic when
configured, and listed here. Thresholds and quiet themes: voc config alerts FILE (docs/ALERTS.md).
Examples:
  $ voc alerts
  $ voc alerts --json | jq '.[] | select(.kind == "rising")'`)
    .action(async (opts: { limit: number }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      if (!Number.isInteger(opts.limit) || opts.limit < 1) throw new UsageError('--limit must be a whole number above 0');
      await withEnvironment(g, async (env) => {
        const { listAlerts } = await import('../../stages/alerts');
        const alerts = await listAlerts(env.table, opts.limit);
        if (g.json) return printJson(alerts);
        if (!alerts.length) return info('No alerts yet: voc run publishes them when a theme rises, appears, or sentiment or SLA shifts.');
        for (const a of alerts) console.log(`${a.publishedAt.slice(0, 16).replace('T', ' ')}  ${a.kind.padEnd(9)} ${a.summary}${a.destinations.length ? `  → ${a.destinations.join(', ')}` : ''}`);
      });
    });
}

export function registerAlertsConfigCommand(config: Command): void {
  config
    .command('alerts')
    .description('Show, or set from a JSON file, the alert thresholds, quiet themes and webhook address')
    .argument('[file]', 'JSON: {"rising":{"minZ":3},"sentiment":{"minShift":0.2},"sla":{"minDrop":0.15},"quietThemes":["t-1a2b3c4d"],"webhook":{"url":"https://…"}}')
    .addHelpText('after', `
The webhook's signing secret is never stored here: set VOC_ALERT_WEBHOOK_SECRET where voc run runs
(docs/ALERTS.md shows how a receiver checks the signature). Omitted settings keep their defaults.`)
    .action(
      showOrSetSettings(async () => {
        const { loadAlertsConfig, parseAlertsConfig, saveAlertsConfig } = await import('../../stages/alerts');
        return { load: loadAlertsConfig, parse: parseAlertsConfig, save: saveAlertsConfig, saved: 'Saved. The next run uses these thresholds.', show: (c) => c };
      }),
    );
}

/**
 * `voc config <settings> [FILE]`: with a file, check it against the settings' schema (file and field named on error)
 * and store it; then print the settings in effect. The settings module is loaded only when the command runs.
 */
export function showOrSetSettings<T>(
  settings: () => Promise<{ load(blobs: BlobStore): Promise<T>; parse(text: string, origin: string): T; save(blobs: BlobStore, value: T): Promise<void>; saved: string; show(value: T): unknown }>,
) {
  return async (file: string | undefined, _opts: unknown, cmd: Command) => {
    const g = cmd.optsWithGlobals<GlobalOptions>();
    await withEnvironment(g, async (env) => {
      const { load, parse, save, saved, show } = await settings();
      if (file) {
        if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
        await save(env.blobs, parse(fs.readFileSync(file, 'utf8'), file));
        info(saved);
      }
      printJson(show(await load(env.blobs)));
    });
  };
}
