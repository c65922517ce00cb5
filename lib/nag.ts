import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge a cdk-nag (v3) rule on a construct and everything below it, with a written reason.
 * cdk-nag v3 matches acknowledgments exactly, so rules that report several findings per resource
 * (IAM5) need one acknowledgment per finding: pass them as `findings` ("Resource::…", "Action::…").
 */
export function acknowledge(scope: IConstruct, rule: `AwsSolutions-${string}`, reason: string, findings?: readonly string[]): void {
  if (reason.trim().length < 20) throw new Error(`acknowledging ${rule} needs a specific reason`);
  const acks = findings?.length ? [...new Set(findings)].map((f) => ({ id: `${rule}[${f}]`, reason })) : [{ id: rule, reason }];
  Validations.of(scope).acknowledge(...acks);
}
