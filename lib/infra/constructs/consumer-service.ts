import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { SqsEventSource, SqsEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  RUNTIME_ENV,
  serviceResourceNames,
  SOURCES,
  type EventContract,
  type ServiceName,
  type Variant,
} from '../../contracts';
import { handlerEntryOf } from '../project-paths';
import { resolveConsumerServiceSettings } from './consumer-service-settings';
import { addDeadLetterQueue } from './dead-letter-queue';
import { addEventQueue, addEventRules } from './events-to-queue';
import { addQueueEventSource } from './queue-to-function';
import type { SagaServiceOptions } from './saga-service-options';
import { addServiceFunction, serviceEnvironment } from './service-function';
import { addServiceTable } from './service-table';

/** Props of {@link ConsumerService}. */
export interface ConsumerServiceProps extends SagaServiceOptions {
  /**
   * The service, one of SERVICE_NAMES: names its resources, its event source (`shop.<service>`)
   * and its contracts.
   */
  readonly service: ServiceName;
  /**
   * The saga variant; names the resources (`shop-choreography-<service>`).
   * @default 'choreography'
   */
  readonly variant?: Variant;
  /** The bus the service subscribes on and publishes to. */
  readonly eventBus: events.IEventBus;
  /**
   * The events the service consumes: one rule each, its pattern built from the contract.
   * @default - subscriptionsOf(service): every contract that lists the service as a consumer
   */
  readonly subscriptions?: readonly EventContract[];
  /**
   * The events the service publishes. PutEvents is granted only if there are any, and only
   * under the service's own source.
   * @default - publicationsOf(service): every contract the service produces
   */
  readonly publishes?: readonly EventContract[];
  /**
   * A table the service keeps its state in instead of a new one; it must have the service table's
   * keys (`pk`/`sk` strings, TTL on `expiresAt`). Not together with `tableProps`.
   * @default - a new table `shop-<variant>-<service>` (see addServiceTable)
   */
  readonly existingTable?: dynamodb.ITable;
  /**
   * A queue the rules fill and the function drains instead of new ones: every subscription goes
   * to it, and its own redrive policy applies. Not together with `queueProps`.
   * @default - a new queue, and a settlement queue too when the service consumes forward steps and settlement events
   */
  readonly existingQueue?: sqs.IQueue;
  /**
   * CDK queue props merged over the defaults of the service's queues.
   * @default - SQS-managed encryption, TLS only, a redrive policy to the dead-letter queue, and a
   * visibility timeout of six times the function timeout plus the batching window, as AWS advises for SQS event sources
   */
  readonly queueProps?: Partial<sqs.QueueProps>;
  /**
   * Receives of one message before the queue moves it to the dead-letter queue (1 to 1000).
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Receives of one message that settles the saga (a contract with `settlement`: OrderCancelled,
   * OrderConfirmed, OrderStalled) before it is dead-lettered (1 to 1000). Nothing retries a refund,
   * a release, a notification or a deadline later, so they get far more receives than a forward
   * step, whose failure the saga deadline answers: 100 receives at the visibility timeout apart
   * keep retrying for hours, as the orchestrated variant's compensating Tasks retry 99 times.
   * @default 100
   */
  readonly settlementMaxReceiveCount?: number;
  /**
   * CDK SQS event source props merged over the defaults.
   * @default - QUEUE_EVENT_SOURCE_DEFAULTS: batches of 10, at most 5 concurrent invocations, partial batch responses, no batching window
   */
  readonly eventSourceProps?: SqsEventSourceProps;
  /**
   * CDK SQS rule target props merged over the defaults.
   * @default - EVENT_RULE_TARGET_DEFAULTS: 185 retries over at most 24 hours, then the target dead-letter queue
   */
  readonly targetProps?: Partial<targets.SqsQueueProps>;
  /**
   * How long after an order is placed the saga gives up on it, for a service that sends itself
   * deadline messages (one that consumes an event it produces: the orders service's
   * OrderStalled). Whole seconds, 1 s to 15 minutes: it is an SQS message delay.
   * @default Duration.minutes(15)
   */
  readonly sagaDeadline?: Duration;
}

/**
 * One choreographed service, composed of small parts: its table (addServiceTable), the queues
 * that rules fill (addEventQueue, addEventRules: a queue per consumer with a dead-letter queue,
 * and a settlement queue with a longer receive budget for the events that settle the saga, see
 * `settlementMaxReceiveCount`), and the function that drains them with partial batch responses
 * (addServiceFunction, addQueueEventSource). The function may write its own table, dead-letter
 * into its own queue and publish under its own source, and nothing else.
 *
 * The parts add their resources to this construct, not to constructs of their own, so that every
 * resource keeps the construct path, and so the logical id, it was deployed with.
 *
 * @example
 * new ConsumerService(this, 'Payments', { service: 'payments', eventBus: bus });
 */
export class ConsumerService extends Construct {
  /** The service's state; `pk`/`sk` strings, TTL on `expiresAt`. */
  public readonly table: dynamodb.ITable;
  /** Where the consumer queue redrives poison messages, and where the handler dead-letters permanent failures. */
  public readonly deadLetterQueue: sqs.Queue;
  /**
   * The queue the rules fill and the function drains: `existingQueue`, or the forward steps'
   * (with `maxReceiveCount`), or, for a service whose every subscription settles the saga
   * (notifications), all of them (with `settlementMaxReceiveCount`).
   */
  public readonly queue: sqs.IQueue;
  /**
   * The queue of the subscriptions that settle the saga, with its own receive budget
   * (`settlementMaxReceiveCount`), for a service that consumes forward steps too; it shares the
   * dead-letter queue. `undefined` when the service has no such subscription, or only those, or
   * is given `existingQueue`.
   */
  public readonly settlementQueue: sqs.Queue | undefined;
  /** Where the rules put events they could not deliver to the queue. */
  public readonly targetDeadLetterQueue: sqs.Queue;
  /** The handler. */
  public readonly function: NodejsFunction;
  /** The function's log group. */
  public readonly logGroup: logs.LogGroup;
  /** The queue → function event source mapping. */
  public readonly eventSource: SqsEventSource;
  /** The settlement queue → function event source mapping, when there is a settlement queue. */
  public readonly settlementEventSource: SqsEventSource | undefined;
  /** One rule per subscription, in the order of `subscriptions`. */
  public readonly rules: readonly events.Rule[];
  /** The events this service consumes. */
  public readonly subscriptions: readonly EventContract[];
  /** The events this service publishes. */
  public readonly publishes: readonly EventContract[];

  constructor(scope: Construct, id: string, props: ConsumerServiceProps) {
    super(scope, id);
    const settings = resolveConsumerServiceSettings(props);
    const { service, variant, removalPolicy } = settings;
    const names = serviceResourceNames(variant, service, props.stage);
    this.subscriptions = settings.subscriptions;
    this.publishes = settings.publishes;

    this.table = props.existingTable ?? addServiceTable(this, 'Table', { ...props, tableName: names.table });

    this.deadLetterQueue = addDeadLetterQueue(this, 'DeadLetterQueue', {
      source: 'queue-redrive',
      queueName: names.deadLetterQueue,
      removalPolicy,
    });
    // Settlement events get a queue of their own, so a refund is never dead-lettered after the
    // few receives a forward step gets (the deadline retries a forward step, nothing retries a
    // refund) and a backlog of forward steps never delays one.
    const settles = settings.subscriptions.filter((contract) => contract.settlement);
    const onlySettles = settles.length === settings.subscriptions.length;
    const queueProps = (queueName: string, maxReceiveCount: number) => ({
      queueName,
      deadLetterQueue: this.deadLetterQueue,
      maxReceiveCount,
      visibilityTimeout: settings.visibilityTimeout,
      removalPolicy,
      queueProps: props.queueProps,
    });
    this.queue =
      props.existingQueue ??
      addEventQueue(
        this,
        'Queue',
        queueProps(names.queue, onlySettles ? settings.settlementMaxReceiveCount : settings.maxReceiveCount),
      );
    this.settlementQueue =
      props.existingQueue === undefined && settles.length > 0 && !onlySettles
        ? addEventQueue(this, 'SettlementQueue', queueProps(names.settlementQueue, settings.settlementMaxReceiveCount))
        : undefined;
    const queueOf = (contract: EventContract): sqs.IQueue =>
      contract.settlement ? (this.settlementQueue ?? this.queue) : this.queue;
    const deadlineQueue = settings.deadlineContract ? queueOf(settings.deadlineContract) : undefined;
    this.targetDeadLetterQueue = addDeadLetterQueue(this, 'TargetDeadLetterQueue', {
      source: 'rule-targets',
      queueName: names.targetDeadLetterQueue,
      removalPolicy,
    });

    const consumer = addServiceFunction(this, {
      ...props,
      functionName: names.functionName,
      description: `${service} service of the ${variant} saga: ${this.subscriptions.map((c) => c.detailType).join(', ')}`,
      roleDescription: `Runs the ${service} service of the ${variant} saga`,
      entry: handlerEntryOf(service),
      environment: {
        [RUNTIME_ENV.eventBusName]: props.eventBus.eventBusName,
        [RUNTIME_ENV.tableName]: this.table.tableName,
        [RUNTIME_ENV.deadLetterQueueUrl]: this.deadLetterQueue.queueUrl,
        ...serviceEnvironment(variant, service, props.logLevel),
        ...(deadlineQueue
          ? {
              [RUNTIME_ENV.ownQueueUrl]: deadlineQueue.queueUrl,
              [RUNTIME_ENV.sagaDeadlineSeconds]: String(settings.sagaDeadlineSeconds),
            }
          : {}),
      },
      table: this.table,
      invokedSynchronouslyBecause:
        'the function is only invoked synchronously by its SQS event source mapping; failed messages go to the queue dead-letter queue through the redrive policy, and a function DLQ applies to asynchronous invocations only',
    });
    this.function = consumer.function;
    this.logGroup = consumer.logGroup;

    this.deadLetterQueue.grantSendMessages(this.function);
    // The deadline of each order is a message the service sends itself, delayed (see sagaDeadline).
    deadlineQueue?.grantSendMessages(this.function);
    if (this.publishes.length > 0) {
      // bus.grantPutEventsTo cannot carry a condition; this statement pins the source.
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'PutEventsUnderOwnSourceOnly',
          actions: ['events:PutEvents'],
          resources: [props.eventBus.eventBusArn],
          conditions: { StringEquals: { 'events:source': SOURCES[service] } },
        }),
      );
    }

    this.eventSource = addQueueEventSource(this.function, this.queue, props.eventSourceProps);
    this.settlementEventSource = this.settlementQueue
      ? addQueueEventSource(this.function, this.settlementQueue, props.eventSourceProps)
      : undefined;

    this.rules = addEventRules(this, {
      eventBus: props.eventBus,
      contracts: this.subscriptions,
      queueOf,
      consumer: service,
      targetDeadLetterQueue: this.targetDeadLetterQueue,
      targetProps: props.targetProps,
    });
  }
}
