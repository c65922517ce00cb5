/** Builds the stack the way bin/app.ts does (cdk.json context + overrides), for the infra tests. */
import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
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

export function buildStack(options: SynthOptions = {}): { app: App; stack: VocInsightsStack } {
  const app = new App({
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
