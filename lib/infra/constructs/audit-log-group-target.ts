import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { addToDeadLetterQueueResourcePolicy, bindBaseTargetConfig } from 'aws-cdk-lib/aws-events-targets';

/** Props of {@link AuditLogGroupTarget}. */
export interface AuditLogGroupTargetProps {
  /** Where events go that EventBridge could not write to the log group. */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * How many times EventBridge retries a failed delivery.
   * @default 185 - EventBridge's own maximum
   */
  readonly retryAttempts?: number;
  /**
   * How long EventBridge keeps retrying an event.
   * @default Duration.hours(24) - EventBridge's own maximum
   */
  readonly maxEventAge?: Duration;
}

/**
 * A rule target that writes each event to a CloudWatch log group through a native
 * `AWS::Logs::ResourcePolicy` scoped to the rule's ARN.
 *
 * `targets.CloudWatchLogGroup` installs the same policy through an AwsCustomResource, a Lambda
 * function with `logs:*` rights on `*`; this target needs neither, and the local cloud has one
 * function fewer to run.
 */
export class AuditLogGroupTarget implements events.IRuleTarget {
  constructor(
    private readonly logGroup: logs.ILogGroup,
    private readonly props: AuditLogGroupTargetProps,
  ) {}

  bind(rule: events.IRule): events.RuleTargetConfig {
    this.logGroup.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgeWritesAuditEvents',
        principals: [
          new iam.ServicePrincipal('events.amazonaws.com'),
          new iam.ServicePrincipal('delivery.logs.amazonaws.com'),
        ],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
        conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
      }),
    );
    addToDeadLetterQueueResourcePolicy(rule, this.props.deadLetterQueue);
    return {
      ...bindBaseTargetConfig({
        deadLetterQueue: this.props.deadLetterQueue,
        retryAttempts: this.props.retryAttempts ?? 185,
        maxEventAge: this.props.maxEventAge ?? Duration.hours(24),
      }),
      // A log group target takes the group's ARN without the `:*` that `logGroupArn` carries.
      arn: Stack.of(this.logGroup).formatArn({
        service: 'logs',
        resource: 'log-group',
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        resourceName: this.logGroup.logGroupName,
      }),
      targetResource: this.logGroup,
    };
  }
}
