#!/usr/bin/env -S npx tsx
/**
 * CDK app: `npx cdk synth` (cdk.json runs this with tsx). Configuration comes from context:
 *   voc:stage, voc:nightlySchedule, voc:timeZone, voc:rawRetentionDays, voc:logLevel,
 *   voc:alarmEmail, voc:alertEmail, voc:dashboardOrigin, voc:queryConcurrency, voc:ingestConcurrency (0 = no
 *   reservation), voc:athenaScanLimitGb   (e.g. `npx cdk synth -c voc:stage=prod`); see docs/DEPLOY.md
 * The stack is environment-agnostic (no account/region, no lookups): synth needs no AWS credentials.
 */
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configFromContext } from '../lib/config.js';
import { VocInsightsStack } from '../lib/voc-insights-stack.js';

const app = new App();
const config = configFromContext(app.node);

const stack = new VocInsightsStack(app, `VocInsights-${config.stage}`, {
  ...config,
  description: `voc-insights (${config.stage}): customer-support archive → themes and sentiment`,
});
Tags.of(stack).add('project', 'voc-insights');
Tags.of(stack).add('stage', config.stage);

// cdk-nag 3 is a CDK policy-validation plugin (v2's Aspects/NagSuppressions API is gone): any
// unacknowledged finding fails synth and is listed in cdk.out/validation-report.json.
// Acknowledgments (Validations.of(x).acknowledge) live next to the resources in lib/.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
