import type { RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertTopicProps {
  readonly stage: string;
  readonly removalPolicy: RemovalPolicy;
  /** An e-mail address subscribed to the alerts (confirm the subscription mail). */
  readonly alertEmail?: string;
}

/**
 * The topic the nightly run publishes its alerts to (docs/ALERTS.md): rising and new themes, sentiment and SLA
 * shifts, once per event. Subscribe e-mail, Slack (AWS Chatbot), an HTTPS endpoint or a queue. Encrypted with its
 * own key; only the finalize function may publish.
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `voc-insights ${props.stage}: encrypts the alerts topic`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `voc-insights ${props.stage} alerts`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alertEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));
  }
}
