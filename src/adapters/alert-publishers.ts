/**
 * Where alerts go (docs/ALERTS.md): a webhook (JSON, signed with HMAC-SHA256) and an SNS topic (e-mail, Slack via
 * AWS Chatbot, anything SNS delivers to). The SNS client is imported only when a topic is configured.
 */
import { createHmac } from 'node:crypto';
import type { Alert } from '../core/alerts/detect';
import type { AlertPublisher } from '../stages/alerts';
import { EMULATOR_CREDENTIALS } from './emulator-credentials';

export const SIGNATURE_HEADER = 'x-voc-signature';
export const TIMESTAMP_HEADER = 'x-voc-timestamp';
const WEBHOOK_TIMEOUT_MS = 10_000;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): the timestamp is signed too, so a replay is visible. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The JSON a webhook receives. */
export function webhookBody(alert: Alert): string {
  return JSON.stringify({ type: 'voc.alert', version: 1, alert });
}

export function webhookPublisher(options: { url: string; secret: string; now?: () => Date }): AlertPublisher {
  if (!options.secret) throw new Error('a webhook needs a signing secret: set VOC_ALERT_WEBHOOK_SECRET (docs/ALERTS.md says how receivers verify it)');
  return {
    name: `webhook ${new URL(options.url).origin}`,
    async publish(alert) {
      const body = webhookBody(alert);
      const timestamp = String(Math.floor((options.now?.() ?? new Date()).getTime() / 1000));
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-voc-event': 'alert', 'x-voc-delivery': alert.dedupeKey, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body) },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`${options.url} answered ${response.status} ${response.statusText}`);
    },
  };
}

export function snsPublisher(options: { topicArn: string; region?: string; endpoint?: string }): AlertPublisher {
  let client: Promise<{ send: (alert: Alert) => Promise<unknown> }> | undefined;
  const connect = async () => {
    const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
    // In AWS the region and credentials come from the function's environment; an emulator (VOC_SNS_ENDPOINT) takes any.
    const region = options.region ?? process.env.AWS_REGION ?? (options.endpoint ? 'us-east-1' : undefined);
    const sns = new SNSClient({ region, ...(options.endpoint ? { endpoint: options.endpoint, credentials: EMULATOR_CREDENTIALS } : {}) });
    return {
      send: (alert: Alert) =>
        sns.send(
          new PublishCommand({
            TopicArn: options.topicArn,
            // E-mail subscribers read the subject and the sentence; programs read the JSON after it.
            Subject: `voc-insights: ${alert.kind} · ${alert.subject.label}`.slice(0, 100),
            Message: `${alert.summary}\n\n${webhookBody(alert)}`,
            MessageAttributes: { kind: { DataType: 'String', StringValue: alert.kind }, dedupeKey: { DataType: 'String', StringValue: alert.dedupeKey } },
          }),
        ),
    };
  };
  return {
    name: `sns ${options.topicArn}`,
    async publish(alert) {
      client ??= connect();
      await (await client).send(alert);
    },
  };
}

/** The destinations the environment and the config name: a webhook when configured, an SNS topic when VOC_ALERT_TOPIC_ARN is set. */
export function alertPublishers(config: { webhook?: { url: string } }, env: NodeJS.ProcessEnv = process.env): AlertPublisher[] {
  const out: AlertPublisher[] = [];
  const url = env.VOC_ALERT_WEBHOOK_URL ?? config.webhook?.url;
  if (url) {
    const secret = env.VOC_ALERT_WEBHOOK_SECRET ?? '';
    // Without a secret nothing is sent unsigned: every alert counts as not delivered (and is retried) with the reason.
    out.push(secret ? webhookPublisher({ url, secret }) : { name: `webhook ${url}`, publish: () => Promise.reject(new Error('not sent: set VOC_ALERT_WEBHOOK_SECRET, the key the webhook is signed with (docs/ALERTS.md)')) });
  }
  if (env.VOC_ALERT_TOPIC_ARN) out.push(snsPublisher({ topicArn: env.VOC_ALERT_TOPIC_ARN, endpoint: env.VOC_SNS_ENDPOINT }));
  return out;
}
