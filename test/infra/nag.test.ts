/**
 * cdk-nag AwsSolutions on a fresh stack: no unacknowledged findings (errors or warnings), and every
 * acknowledgment is one of the accepted, reasoned exceptions.
 *
 * cdk-nag 3 is a CDK policy-validation plugin: findings are no longer Annotations (v2), so the
 * pack is run directly with validateScope(), and once more through app.synth() the way
 * `cdk synth` runs it. Bundling is skipped here: it does not change what nag sees.
 */
import { describe, expect, it } from 'vitest';
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildStack } from './synth.js';

/** Rules we accept with a written reason (see the acknowledge() calls in lib/). */
const ACCEPTED_RULES = new Set(['AwsSolutions-IAM5', 'AwsSolutions-S1', 'AwsSolutions-SQS3', 'AwsSolutions-SMG4']);

function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
  );
}

describe.each(['dev', 'prod'])('cdk-nag AwsSolutions (%s)', (stage) => {
  const { app, stack } = buildStack({ context: { 'voc:stage': stage, 'voc:alarmEmail': 'ops@example.com' } });

  it('reports no unacknowledged findings', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('only acknowledges accepted rules, each with a specific reason', () => {
    const acks = acknowledgments(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      const rule = a.id.replace(/^Annotation::/i, '').replace(/\[.*$/, '');
      expect(ACCEPTED_RULES, `${a.id} at ${a.path}`).toContain(rule);
      expect(a.reason.length, a.id).toBeGreaterThanOrEqual(60);
    }
    // IAM5 is acknowledged finding by finding, never wholesale.
    expect(acks.filter((a) => /AwsSolutions-IAM5$/.test(a.id))).toEqual([]);
  });

  it('synthesises with the pack registered as a validation plugin', () => {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    expect(() => app.synth()).not.toThrow();
    expect(Stack.of(stack).stackName).toBe(`VocInsights-${stage}`);
  });
});
