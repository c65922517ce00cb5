import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { HandlerFunction } from './handler-function.js';

export interface ObservabilityProps {
  readonly stage: string;
  readonly stateMachine: sfn.StateMachine;
  readonly functions: HandlerFunction[];
  readonly deadLetterQueues: { id: string; queue: sqs.IQueue }[];
  readonly httpApi: apigwv2.HttpApi;
  readonly alarmEmail?: string;
  readonly removalPolicy: RemovalPolicy;
}

/** Alarms → an encrypted SNS topic (optionally e-mailed), and one CloudWatch dashboard. */
export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);

    // CloudWatch alarms can only publish to a topic encrypted with a customer managed key whose
    // policy lets CloudWatch use it (the AWS managed alias/aws/sns key does not).
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `voc-insights ${props.stage}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy "*" means this key
      }),
    );

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `voc-insights ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new cwActions.SnsAction(this.topic);

    const alarm = (id: string, metric: cloudwatch.IMetric, description: string, threshold = 0) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: `voc-insights ${props.stage}: ${description}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    const sm = props.stateMachine;
    const fiveMin = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    alarm('ExecutionsFailed', sm.metricFailed(fiveMin), 'a pipeline execution failed');
    alarm('ExecutionsTimedOut', sm.metricTimedOut(fiveMin), 'a pipeline execution timed out');
    alarm('ExecutionsAborted', sm.metricAborted(fiveMin), 'a pipeline execution was aborted');

    for (const f of props.functions) {
      const name = f.handlerName[0]!.toUpperCase() + f.handlerName.slice(1);
      alarm(`${name}Errors`, f.fn.metricErrors(fiveMin), `the ${f.handlerName} Lambda reported errors`);
      alarm(`${name}Throttles`, f.fn.metricThrottles(fiveMin), `the ${f.handlerName} Lambda was throttled`);
    }

    for (const { id: qid, queue } of props.deadLetterQueues) {
      alarm(
        `${qid}DlqNotEmpty`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        `messages are waiting in the ${qid} dead-letter queue`,
      );
    }

    alarm('HttpApi5xx', props.httpApi.metricServerError(fiveMin), 'the query HTTP API returned 5xx responses');

    // ── dashboard ──────────────────────────────────────────────────────────────────────────────
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `voc-insights-${props.stage}`,
      defaultInterval: Duration.days(7),
    });
    const hour = { period: Duration.hours(1), statistic: cloudwatch.Stats.SUM };
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({ markdown: `# voc-insights (${props.stage})`, width: 24, height: 1 }),
      new cloudwatch.GraphWidget({
        title: 'Pipeline executions',
        width: 12,
        left: [sm.metricStarted(hour), sm.metricSucceeded(hour), sm.metricFailed(hour), sm.metricTimedOut(hour)],
      }),
      new cloudwatch.GraphWidget({
        title: 'Pipeline duration (ms)',
        width: 12,
        left: [sm.metricTime({ period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda errors',
        width: 12,
        left: props.functions.map((f) => f.fn.metricErrors({ ...hour, label: f.handlerName })),
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p95 (ms)',
        width: 12,
        left: props.functions.map((f) =>
          f.fn.metricDuration({ period: Duration.hours(1), statistic: cloudwatch.Stats.p(95), label: f.handlerName }),
        ),
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (visible messages)',
        width: 12,
        left: props.deadLetterQueues.map(({ id: qid, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM, label: qid }),
        ),
      }),
      new cloudwatch.GraphWidget({
        title: 'HTTP API',
        width: 12,
        left: [props.httpApi.metricCount(hour), props.httpApi.metricClientError(hour), props.httpApi.metricServerError(hour)],
        right: [props.httpApi.metricLatency({ period: Duration.hours(1), statistic: cloudwatch.Stats.p(95) })],
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: this.alarms }),
    );
  }
}
