import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { busName } from '../../contracts';
import { addNotifyingAlarm, ANY_DATAPOINT_ABOVE_ZERO } from '../constructs/notifying-alarm';
import { SagaAlarms } from '../constructs/saga-alarms';
import { sagaBusResourceNames } from '../constructs/saga-event-bus';
import { WORKFLOW_VARIANT, workflowResourceNames } from '../workflow/workflow-names';
import type { SagaDeploymentProps } from '../deployment-props';

/** Props of {@link OrchestrationOperationsStack}. */
export interface OrchestrationOperationsStackProps extends StackProps, SagaDeploymentProps {
  /**
   * Address subscribed to the alarm topic.
   * @default - no subscription
   */
  readonly alarmEmail?: string;
}

/** The Step Functions execution outcomes that page someone: each means an order needs an operator. */
export const WORKFLOW_ALARM_METRICS = [
  'ExecutionsFailed',
  'ExecutionsTimedOut',
  'ExecutionsAborted',
  'ExecutionThrottled',
] as const;

/**
 * `Orchestration-Operations`: the alarm topic (SagaAlarms), alarms on the workflow target's and
 * the audit rule's dead-letter queues, and on executions that failed, timed out, were aborted or
 * throttled. Metrics are addressed by the fixed physical names, so this stack imports nothing.
 */
export class OrchestrationOperationsStack extends Stack {
  /** The alarm topic and the dead-letter alarms. */
  public readonly sagaAlarms: SagaAlarms;
  /** One alarm per WORKFLOW_ALARM_METRICS entry. */
  public readonly executionAlarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: OrchestrationOperationsStackProps) {
    super(scope, id, props);
    const prefix = busName(WORKFLOW_VARIANT, props.stage);
    const names = workflowResourceNames(props.stage);

    this.sagaAlarms = new SagaAlarms(this, 'Alarms', {
      namePrefix: prefix,
      // The task functions have no queues: their failures surface as failed executions.
      services: [],
      extraDeadLetterQueueNames: [
        names.targetDeadLetterQueue,
        sagaBusResourceNames(WORKFLOW_VARIANT, props.stage).auditDeadLetterQueue,
      ],
      alarmEmail: props.alarmEmail,
      removalPolicy: props.removalPolicy,
    });

    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: names.stateMachine,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const action = new cloudwatchActions.SnsAction(this.sagaAlarms.topic);
    this.executionAlarms = WORKFLOW_ALARM_METRICS.map((metricName) =>
      addNotifyingAlarm(this, metricName, action, {
        alarmDescription: `${names.stateMachine}: ${metricName} > 0. An order did not reach OrderConfirmed or OrderCancelled: read the execution, fix the cause, redrive it.`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/States',
          metricName,
          dimensionsMap: { StateMachineArn: stateMachineArn },
          statistic: cloudwatch.Stats.SUM,
          period: Duration.minutes(1),
        }),
        ...ANY_DATAPOINT_ABOVE_ZERO,
      }),
    );
  }

  /** Every alarm of the variant. */
  get alarms(): readonly cloudwatch.Alarm[] {
    return [...this.sagaAlarms.alarms, ...this.executionAlarms];
  }
}
