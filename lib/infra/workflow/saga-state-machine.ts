import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  eventPatternFor,
  OrderPlaced,
  ORCHESTRATED_SERVICE_NAMES,
  type OrchestratedServiceName,
} from '../../contracts';
import { validateStage } from '../app-config';
import { addDeadLetterQueue } from '../constructs/dead-letter-queue';
import { InvalidInfraConfigError } from '../infra-errors';
import { buildSagaWorkflowDefinition, WORKFLOW_EMITTED_EVENTS } from './saga-workflow-definition';
import { JSONATA_DIALECT, JSONPATH_DIALECT } from './workflow-dialect';
import type { TaskRetryPolicy } from './task-retry';
import { workflowResourceNames } from './workflow-names';
import type { SagaDeploymentProps } from '../deployment-props';
import { nagResourceText } from '../nag-resource-text';

/** Props of {@link SagaStateMachine}. */
export interface SagaStateMachineProps extends SagaDeploymentProps {
  /** The orchestration bus: the OrderPlaced rule listens on it and the outcome is emitted to it. */
  readonly eventBus: events.IEventBus;
  /** The task function of each service; the state machine may invoke these and no other. */
  readonly taskFunctions: Readonly<Record<OrchestratedServiceName, lambda.IFunction>>;
  /**
   * STANDARD (exactly-once steps, execution history, redrive) or EXPRESS (cheaper, at most five
   * minutes, history only in the logs).
   * @default sfn.StateMachineType.STANDARD
   */
  readonly stateMachineType?: sfn.StateMachineType;
  /**
   * The query language the definition is written in (buildSagaWorkflowDefinition with
   * JSONPATH_DIALECT, or JSONATA_DIALECT: the CDK's JSONata constructs); the saga is the same.
   * @default sfn.QueryLanguage.JSONPATH
   */
  readonly queryLanguage?: sfn.QueryLanguage;
  /**
   * How long one execution may run before it times out (at most 5 minutes for EXPRESS). A
   * backstop only: a timed-out execution compensates nothing, so the saga's deadline is kept by
   * its Task timeouts and retries, which cancel and compensate the order (DEADLINE_EXCEEDED),
   * and the compensation retries for about half an hour before it gives up.
   * @default - Duration.hours(24) for STANDARD, Duration.minutes(5) for EXPRESS
   */
  readonly timeout?: Duration;
  /**
   * How long a Lambda Task may run before it fails with States.Timeout and is retried.
   * @default Duration.seconds(30)
   */
  readonly taskTimeout?: Duration;
  /**
   * Retry tuning of every Task.
   * @default - 1 s, ×2, 5 attempts, at most 20 s, full jitter
   */
  readonly retry?: TaskRetryPolicy;
  /**
   * Retries of the rule target that cannot start an execution, before its dead-letter queue.
   * @default 185 - EventBridge's maximum
   */
  readonly targetRetryAttempts?: number;
  /**
   * How long the rule target keeps retrying an undelivered event.
   * @default Duration.hours(24) - EventBridge's maximum
   */
  readonly targetMaxEventAge?: Duration;
  /**
   * Retention of the execution log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The orchestrated order saga: a state machine (see buildSagaWorkflowDefinition) started by a
 * rule on OrderPlaced, logging to its own log group and traced with X-Ray.
 *
 * Logging is at level ALL for both types (cdk-nag AwsSolutions-SF1). Execution data (inputs and
 * outputs, which hold customer ids and payment tokens) is logged only for EXPRESS, whose
 * executions have no history in the service: the logs are their only record. A STANDARD
 * execution keeps its data in its execution history for 90 days, so its logs carry the events
 * without copying the data.
 *
 * Least privilege: the role may invoke the five task functions (and their versions) only, and
 * PutEvents on its own bus only for the outcome events under their contract's source
 * (`shop.orders`: the workflow emits them on the orders service's behalf, as the choreographed
 * orders service would) and detail types.
 *
 * @example new SagaStateMachine(this, 'Saga', { eventBus, taskFunctions });
 */
export class SagaStateMachine extends Construct {
  /** The saga. */
  public readonly stateMachine: sfn.StateMachine;
  /** Where executions log. */
  public readonly logGroup: logs.LogGroup;
  /** The OrderPlaced rule that starts an execution per order. */
  public readonly rule: events.Rule;
  /** Events the rule could not start an execution for. */
  public readonly targetDeadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SagaStateMachineProps) {
    super(scope, id);
    validateStage(props.stage);
    const missing = ORCHESTRATED_SERVICE_NAMES.filter((service) => props.taskFunctions[service] === undefined);
    if (missing.length > 0) {
      throw new InvalidInfraConfigError(`taskFunctions must hold every service, missing '${missing.join("', '")}'`);
    }
    const type = props.stateMachineType ?? sfn.StateMachineType.STANDARD;
    const timeout = props.timeout ?? (type === sfn.StateMachineType.EXPRESS ? Duration.minutes(5) : Duration.hours(24));
    if (type === sfn.StateMachineType.EXPRESS && timeout.toSeconds() > 300) {
      throw new InvalidInfraConfigError(
        `an EXPRESS state machine runs at most 5 minutes, got timeout '${timeout.toHumanString()}'`,
      );
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const names = workflowResourceNames(props.stage);
    const express = type === sfn.StateMachineType.EXPRESS;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: names.logGroup,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: names.stateMachine,
      comment:
        'The order saga, orchestrated: reserve, charge, ship, confirm; compensate in reverse on a business failure, a step that fails for good or a deadline',
      stateMachineType: type,
      definitionBody: sfn.DefinitionBody.fromChainable(
        buildSagaWorkflowDefinition(
          this,
          {
            taskFunctions: props.taskFunctions,
            eventBus: props.eventBus,
            taskTimeout: props.taskTimeout,
            retry: props.retry,
          },
          props.queryLanguage === sfn.QueryLanguage.JSONATA ? JSONATA_DIALECT : JSONPATH_DIALECT,
        ),
      ),
      ...(props.queryLanguage !== undefined ? { queryLanguage: props.queryLanguage } : {}),
      timeout,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: express },
    });
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PutOutcomeEventsUnderTheirSourceOnly',
        actions: ['events:PutEvents'],
        resources: [props.eventBus.eventBusArn],
        conditions: {
          StringEquals: {
            'events:source': [...new Set(WORKFLOW_EMITTED_EVENTS.map((contract) => contract.source))],
            'events:detail-type': WORKFLOW_EMITTED_EVENTS.map((contract) => contract.detailType),
          },
        },
      }),
    );

    this.targetDeadLetterQueue = addDeadLetterQueue(this, 'TargetDeadLetterQueue', {
      source: 'rule-targets',
      queueName: names.targetDeadLetterQueue,
      removalPolicy,
    });
    const pattern = eventPatternFor(OrderPlaced);
    this.rule = new events.Rule(this, 'OrderPlacedRule', {
      eventBus: props.eventBus,
      description: `OrderPlaced from ${OrderPlaced.source} starts the ${names.stateMachine} state machine`,
      eventPattern: { source: [...pattern.source], detailType: [...pattern.detailType] },
      targets: [
        new targets.SfnStateMachine(this.stateMachine, {
          deadLetterQueue: this.targetDeadLetterQueue,
          retryAttempts: props.targetRetryAttempts ?? 185,
          maxEventAge: props.targetMaxEventAge ?? Duration.hours(24),
        }),
      ],
    });

    this.acknowledgeNagFindings(props.taskFunctions);
  }

  private acknowledgeNagFindings(taskFunctions: Readonly<Record<OrchestratedServiceName, lambda.IFunction>>): void {
    const role = this.stateMachine.role;
    const stack = Stack.of(this);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and CloudWatch Logs delivery (logs:CreateLogDelivery and related) have no resource-level permissions, so Step Functions needs them on *',
    });
    for (const service of ORCHESTRATED_SERVICE_NAMES) {
      const arn = stack.resolve(taskFunctions[service].functionArn) as unknown;
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceText(arn)}:*]`,
        reason: `lambda:InvokeFunction on the versions and aliases of the ${service} task function only (the CDK grants <function ARN>:* beside the ARN)`,
      });
    }
  }
}
