import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventPatternFor, type EventContract } from '../../contracts';
import type { SagaDeploymentProps } from '../deployment-props';

/** Props of {@link addEventQueue}. */
export interface EventQueueProps extends Pick<SagaDeploymentProps, 'removalPolicy'> {
  /** Physical name. */
  readonly queueName: string;
  /** Where the queue moves a message received `maxReceiveCount` times. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Receives of one message before it is moved to `deadLetterQueue`. */
  readonly maxReceiveCount: number;
  /** How long a received message stays hidden: at least six times the consumer's timeout, as AWS advises. */
  readonly visibilityTimeout: Duration;
  /**
   * CDK queue props merged over the defaults.
   * @default - SQS-managed encryption, TLS only, the redrive policy and visibility timeout above
   */
  readonly queueProps?: Partial<sqs.QueueProps>;
}

/**
 * Adds to `scope` a queue that EventBridge rules fill: encrypted, reachable over TLS only, with a
 * redrive policy to its dead-letter queue, then `queueProps` over that.
 *
 * @example const queue = addEventQueue(this, 'Queue', { queueName, deadLetterQueue, maxReceiveCount: 5, visibilityTimeout });
 */
export function addEventQueue(scope: Construct, id: string, props: EventQueueProps): sqs.Queue {
  return new sqs.Queue(scope, id, {
    queueName: props.queueName,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: props.visibilityTimeout,
    deadLetterQueue: { queue: props.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    ...props.queueProps,
  });
}

/** The defaults of {@link EventRulesProps.targetProps}: EventBridge's longest retry. */
export const EVENT_RULE_TARGET_DEFAULTS = { retryAttempts: 185, maxEventAge: Duration.hours(24) } as const;

/** Props of {@link addEventRules}. */
export interface EventRulesProps {
  /** The bus the rules listen on. */
  readonly eventBus: events.IEventBus;
  /** One rule per contract (id `<detailType>Rule`), its pattern built from the contract. */
  readonly contracts: readonly EventContract[];
  /** The queue each contract's events go to. */
  readonly queueOf: (contract: EventContract) => sqs.IQueue;
  /** Who drains the queues, for the rules' descriptions (`... to the payments queue`). */
  readonly consumer: string;
  /** Where the targets put events they could not deliver. */
  readonly targetDeadLetterQueue: sqs.IQueue;
  /**
   * CDK SQS target props merged over the defaults.
   * @default - 185 retries over at most 24 hours (EventBridge's maximum), then `targetDeadLetterQueue`
   */
  readonly targetProps?: Partial<targets.SqsQueueProps>;
}

/**
 * Adds to `scope` one rule per contract that sends its events to a queue. The target adds the
 * queue policy that lets only that rule send (by `aws:SourceArn`).
 *
 * @example const rules = addEventRules(this, { eventBus, contracts, queueOf: () => queue, consumer: 'payments', targetDeadLetterQueue });
 */
export function addEventRules(scope: Construct, props: EventRulesProps): events.Rule[] {
  return props.contracts.map(
    (contract) =>
      new events.Rule(scope, `${contract.detailType}Rule`, {
        eventBus: props.eventBus,
        description: `${contract.detailType} from ${contract.source} to the ${props.consumer} queue`,
        eventPattern: toEventPattern(contract),
        targets: [
          new targets.SqsQueue(props.queueOf(contract), {
            deadLetterQueue: props.targetDeadLetterQueue,
            ...EVENT_RULE_TARGET_DEFAULTS,
            ...props.targetProps,
          }),
        ],
      }),
  );
}

/** The CDK's mutable EventPattern, from the contract's pattern (never retyped). */
function toEventPattern(contract: EventContract): events.EventPattern {
  const pattern = eventPatternFor(contract);
  return { source: [...pattern.source], detailType: [...pattern.detailType] };
}
