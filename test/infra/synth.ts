/** Builds the stack the way bin/app.ts does (cdk.json context + overrides), for the infra tests. */
import { App } from 'aws-cdk-lib';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromContext } from '../../lib/config.js';
import { REPO_ROOT } from '../../lib/handler-function.js';
import { VocInsightsStack } from '../../lib/voc-insights-stack.js';

export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;

export interface SynthOptions {
  /** Extra/overriding context, e.g. { 'voc:stage': 'prod' }. */
  context?: Record<string, unknown>;
  /** Run esbuild for the six handlers (slow-ish). Without it CDK skips bundling for the stack. */
  bundle?: boolean;
}

/**
 * Where this test process's cloud assemblies go: CDK's default is a fresh temporary folder per App that nobody
 * removes (hundreds piled up in /tmp). One folder per test process; vitest ends its workers without an exit
 * event, so the folders of processes that are gone are swept when the next one starts and after the run
 * (vitest.config.ts globalSetup).
 */
const ASSEMBLY_PREFIX = 'voc-cdk-test-';
let assemblies: string | undefined;
function assemblyDir(): string {
  if (!assemblies) {
    sweepAssemblies();
    assemblies = join(tmpdir(), `${ASSEMBLY_PREFIX}${process.pid}`);
    mkdirSync(assemblies, { recursive: true });
  }
  return mkdtempSync(join(assemblies, 'cdk.out-'));
}

/**
 * Removes the assembly folders of test processes that no longer run, and of this process's own workers (the
 * run's teardown comes before they exit); other runs' folders stay (several runs may share the machine).
 */
export function sweepAssemblies(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(ASSEMBLY_PREFIX)) continue;
    const pid = Number(name.slice(ASSEMBLY_PREFIX.length));
    if (Number.isInteger(pid) && pid !== process.pid && processRuns(pid) && parentOf(pid) !== process.pid) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** The parent process id (Linux /proc; undefined elsewhere, which keeps the folder). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function buildStack(options: SynthOptions = {}): { app: App; stack: VocInsightsStack } {
  const app = new App({
    outdir: assemblyDir(),
    context: {
      ...CDK_CONTEXT,
      ...options.context,
      // Write aws:asset:path metadata so tests can find the bundles (the CLI does the same).
      'aws:cdk:enable-asset-metadata': true,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const config = configFromContext(app.node);
  const stack = new VocInsightsStack(app, `VocInsights-${config.stage}`, config);
  return { app, stack };
}

/**
 * The state machine definition as an object: DefinitionString is an Fn::Join of literal strings and
 * intrinsics (ARNs, names); intrinsics become the placeholder "${TOKEN}".
 */
export function stateMachineDefinition(template: { findResources(type: string): Record<string, any> }): any {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const def = machines[0].Properties.DefinitionString;
  const text = typeof def === 'string' ? def : (def['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : '${TOKEN}')).join('');
  return JSON.parse(text);
}

/** Every state of an ASL definition, including those inside Map item processors, by name. */
export function allStates(definition: any): Record<string, any> {
  const out: Record<string, any> = {};
  const walk = (states: Record<string, any>) => {
    for (const [name, state] of Object.entries(states)) {
      out[name] = state;
      if (state.ItemProcessor?.States) walk(state.ItemProcessor.States);
      if (state.Iterator?.States) walk(state.Iterator.States);
      for (const branch of state.Branches ?? []) walk(branch.States);
    }
  };
  walk(definition.States);
  return out;
}
