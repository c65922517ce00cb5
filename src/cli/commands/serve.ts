/** `voc serve`: the product dashboard and the read API on this machine, against the same data as every other command. */
import type { Command } from 'commander';
import { UsageError, withEnvironment, type GlobalOptions } from '../context';
import { info, printJson } from '../output';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a number from 0 to 65535 (got "${value}")`);
  return port;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the dashboard (themes over time, rising themes, sentiment, team KPIs, drill-down, CSV) and the read API until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 8787)
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1 / localhost exposes the data without authentication (and turns theme edits off)', '127.0.0.1')
    .option('--user <name>', "who the dashboard's theme edits are recorded as (default: $VOC_USER, else $USER)")
    .addHelpText('after', `
The API is the deployed one (GET /themes, /themes/{id}, /timeline, /kpis, /runs, /alerts; GET and POST
/curation for theme edits, accepted from this dashboard's own pages only) under /api:
  $ voc serve                       → http://127.0.0.1:8787/
  $ curl 'http://127.0.0.1:8787/api/themes?sort=rising&limit=5'
  $ curl -OJ 'http://127.0.0.1:8787/api/themes?format=csv'
  $ curl -H 'content-type: application/json' -d '{"kind":"hide","theme":"t-1a2b3c4d"}' http://127.0.0.1:8787/api/curation
  $ voc --aws --bucket … --table … serve   the dashboard over the deployed table
It only reads the data folder: \`voc run\` may write to it meanwhile, and the dashboard shows the new
run's results as soon as it has finished. Answers are cached per run.`)
    .action(async (opts: { port: number; host: string; user?: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals<GlobalOptions>();
      await withEnvironment(g, async (env) => {
        {
          const { startDashboardServer } = await import('../../server/dashboard-server');
          const server = await startDashboardServer({ table: env.table, port: opts.port, host: opts.host, user: opts.user }).catch((error: NodeJS.ErrnoException) => {
            if (error.code === 'EADDRINUSE') throw new UsageError(`port ${opts.port} on ${opts.host} is in use: try --port ${opts.port + 1} (or --port 0 for any free port)`);
            if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${opts.host}: not an address of this machine`);
            throw error;
          });
          if (g.json) printJson({ url: server.url, api: `${server.url}api/`, data: env.location });
          else info(`Dashboard  ${server.url}\nAPI        ${server.url}api/themes · /api/timeline · /api/kpis · /api/runs\ndata       ${env.location}\nCtrl-C to stop.`);
          if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) info(`warning: listening on ${opts.host} — anyone who can reach it can read the dashboard data; there is no login.`);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await server.close();
        }
      });
    });
}
