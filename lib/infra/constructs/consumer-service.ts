import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  eventPatternFor,
  METRICS_NAMESPACE,
  publicationsOf,
  RUNTIME_ENV,
  SERVICE_NAMES,
  serviceResourceNames,
  SOURCES,
  subscriptionsOf,
  type EventContract,
  type ServiceName,
  type Variant,
} from '../../contracts';
import { validateStage } from '../app-config';
import { InvalidInfraConfigError } from '../infra-errors';
import { handlerEntryOf } from '../project-paths';
import { SAGA_FUNCTION_DEFAULTS } from './saga-function-defaults';
import { addSagaFunctionRole } from './saga-function-role';
import { DeadLetterQueue } from './dead-letter-queue';
import { ServiceTable } from './service-table';

/** Powertools log levels a function may be given. */
export type ServiceLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** The defaults of {@link ConsumerServiceProps}, for callers that derive other values from them. */
export const CONSUMER_SERVICE_DEFAULTS = {
  variant: 'choreography',
  batchSize: 10,
  maxConcurrency: 5,
  timeout: Duration.seconds(20),
  memorySize: 512,
  maxReceiveCount: 5,
  settlementMaxReceiveCount: 100,
  targetRetryAttempts: 185,
  targetMaxEventAge: Duration.hours(24),
  logRetention: logs.RetentionDays.ONE_MONTH,
  logLevel: 'INFO',
  removalPolicy: RemovalPolicy.RETAIN,
  sagaDeadline: Duration.minutes(15),
} as const;

/** Props of {@link ConsumerService}. */
export interface ConsumerServiceProps {
  /** The service: names its resources, its event source (`shop.<service>`) and its contracts. */
  readonly service: ServiceName;
  /**
   * The saga variant; names the resources (`shop-choreography-<service>`).
   * @default 'choreography'
   */
  readonly variant?: Variant;
  /**
   * Stage prefix of every physical name.
   * @default - no prefix
   */
  readonly stage?: string;
  /** The bus the service subscribes on and publishes to. */
  readonly eventBus: events.IEventBus;
  /**
   * The handler source, bundled with esbuild; it must export `handler`.
   * @default - functions/<service>/handler.ts at the project root
   */
  readonly entry?: string;
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
   * Messages per invocation: 1 to 10, or up to 10,000 with a batching window.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long the poller gathers messages before invoking, at most 5 minutes.
   * @default - no window: invoke as soon as messages are available (lowest saga latency)
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Most concurrent invocations the event source mapping starts (2 to 1000).
   * @default 5
   */
  readonly maxConcurrency?: number;
  /**
   * Function timeout in whole seconds (1 to 900); the queue's visibility timeout is six times
   * this plus the batching window, as AWS advises for SQS event sources.
   * @default Duration.seconds(20)
   */
  readonly timeout?: Duration;
  /**
   * Function memory in MB (128 to 10240).
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Receives of one message before the queue moves it to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Receives of one message that settles the saga (a contract with `settlement`: OrderCancelled,
   * OrderConfirmed, OrderStalled) before it is dead-lettered. Nothing retries a refund, a
   * release, a notification or a deadline later, so they get far more receives than a forward
   * step, whose failure the saga deadline answers: 100 receives at the visibility timeout apart
   * keep retrying for hours, as the orchestrated variant's compensating Tasks retry 99 times.
   * @default 100
   */
  readonly settlementMaxReceiveCount?: number;
  /**
   * Retries of a rule target that cannot deliver to the queue, before its dead-letter queue.
   * @default 185 - EventBridge's maximum
   */
  readonly targetRetryAttempts?: number;
  /**
   * How long a rule target keeps retrying an undelivered event.
   * @default Duration.hours(24) - EventBridge's maximum
   */
  readonly targetMaxEventAge?: Duration;
  /**
   * Retention of the function's log group.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Powertools log level (POWERTOOLS_LOG_LEVEL).
   * @default 'INFO'
   */
  readonly logLevel?: ServiceLogLevel;
  /**
   * What `cdk destroy` does with the table, the queues and the log group.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * How long after an order is placed the saga gives up on it, for a service that sends itself
   * deadline messages (one that consumes an event it produces: the orders service's
   * OrderStalled). Whole seconds, 1 s to 15 minutes: it is an SQS message delay.
   * @default Duration.minutes(15)
   */
  readonly sagaDeadline?: Duration;
}

/**
 * One choreographed service: its own table, a queue per consumer (with a dead-letter queue; and a
 * settlement queue with a longer receive budget for the events that settle the saga, see
 * `settlementMaxReceiveCount`) fed by one rule per subscribed contract, and the function that drains the queue with partial
 * batch responses. The function may write its own table, dead-letter into its own queue and
 * publish under its own source, and nothing else.
 *
 * @example
 * new ConsumerService(this, 'Payments', { service: 'payments', eventBus: bus });
 */
export class ConsumerService extends Construct {
  /** The service's state; `pk`/`sk` strings, TTL on `expiresAt`. */
  public readonly table: ServiceTable;
  /** Where the consumer queue redrives poison messages, and where the handler dead-letters permanent failures. */
  public readonly deadLetterQueue: DeadLetterQueue;
  /**
   * The queue the rules fill and the function drains: the forward steps' (with `maxReceiveCount`),
   * or, for a service whose every subscription settles the saga (notifications), all of them
   * (with `settlementMaxReceiveCount`).
   */
  public readonly queue: sqs.Queue;
  /**
   * The queue of the subscriptions that settle the saga, with its own receive budget
   * (`settlementMaxReceiveCount`), for a service that consumes forward steps too; it shares the
   * dead-letter queue. `undefined` when the service has no such subscription, or only those.
   */
  public readonly settlementQueue: sqs.Queue | undefined;
  /** Where the rules put events they could not deliver to the queue. */
  public readonly targetDeadLetterQueue: DeadLetterQueue;
  /** The handler, bundled from `entry`. */
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
    const settings = resolveSettings(props);
    const { service, variant } = settings;
    const names = serviceResourceNames(variant, service, props.stage);
    this.subscriptions = settings.subscriptions;
    this.publishes = settings.publishes;

    this.table = new ServiceTable(this, 'Table', { tableName: names.table, removalPolicy: settings.removalPolicy });

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      source: 'queue-redrive',
      queueName: names.deadLetterQueue,
      removalPolicy: settings.removalPolicy,
    });
    // Settlement events get a queue of their own, so a refund is never dead-lettered after the
    // few receives a forward step gets (the deadline retries a forward step, nothing retries a
    // refund) and a backlog of forward steps never delays one.
    const settles = settings.subscriptions.filter((contract) => contract.settlement);
    const onlySettles = settles.length === settings.subscriptions.length;
    const addQueue = (queueId: string, queueName: string, maxReceiveCount: number) =>
      new sqs.Queue(this, queueId, {
        queueName,
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(6 * settings.timeout.toSeconds() + settings.batchingWindowSeconds),
        deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
        removalPolicy: settings.removalPolicy,
      });
    this.queue = addQueue(
      'Queue',
      names.queue,
      onlySettles ? settings.settlementMaxReceiveCount : settings.maxReceiveCount,
    );
    this.settlementQueue =
      settles.length > 0 && !onlySettles
        ? addQueue('SettlementQueue', names.settlementQueue, settings.settlementMaxReceiveCount)
        : undefined;
    const queueOf = (contract: EventContract): sqs.Queue =>
      contract.settlement ? (this.settlementQueue ?? this.queue) : this.queue;
    const deadlineQueue = settings.deadlineContract ? queueOf(settings.deadlineContract) : undefined;
    this.targetDeadLetterQueue = new DeadLetterQueue(this, 'TargetDeadLetterQueue', {
      source: 'rule-targets',
      queueName: names.targetDeadLetterQueue,
      removalPolicy: settings.removalPolicy,
    });

    const { logGroup, role } = addSagaFunctionRole(this, {
      functionName: names.functionName,
      description: `Runs the ${service} service of the ${variant} saga`,
      logRetention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });
    this.logGroup = logGroup;

    this.function = new NodejsFunction(this, 'Function', {
      functionName: names.functionName,
      description: `${service} service of the ${variant} saga: ${this.subscriptions.map((c) => c.detailType).join(', ')}`,
      entry: settings.entry,
      ...SAGA_FUNCTION_DEFAULTS,
      timeout: settings.timeout,
      memorySize: settings.memorySize,
      role,
      logGroup: this.logGroup,
      environment: {
        [RUNTIME_ENV.eventBusName]: props.eventBus.eventBusName,
        [RUNTIME_ENV.tableName]: this.table.tableName,
        [RUNTIME_ENV.deadLetterQueueUrl]: this.deadLetterQueue.queueUrl,
        [RUNTIME_ENV.variant]: variant,
        [RUNTIME_ENV.serviceName]: service,
        [RUNTIME_ENV.metricsNamespace]: METRICS_NAMESPACE,
        [RUNTIME_ENV.logLevel]: settings.logLevel,
        ...(deadlineQueue
          ? {
              [RUNTIME_ENV.ownQueueUrl]: deadlineQueue.queueUrl,
              [RUNTIME_ENV.sagaDeadlineSeconds]: String(settings.sagaDeadlineSeconds),
            }
          : {}),
      },
    });

    this.table.grantReadWriteData(this.function);
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

    const addEventSource = (queue: sqs.Queue): SqsEventSource => {
      const eventSource = new SqsEventSource(queue, {
        batchSize: settings.batchSize,
        maxBatchingWindow: props.maxBatchingWindow,
        reportBatchItemFailures: true,
        maxConcurrency: settings.maxConcurrency,
      });
      this.function.addEventSource(eventSource);
      return eventSource;
    };
    this.eventSource = addEventSource(this.queue);
    this.settlementEventSource = this.settlementQueue ? addEventSource(this.settlementQueue) : undefined;

    this.rules = this.subscriptions.map(
      (contract) =>
        new events.Rule(this, `${contract.detailType}Rule`, {
          eventBus: props.eventBus,
          description: `${contract.detailType} from ${contract.source} to the ${service} queue`,
          eventPattern: toEventPattern(contract),
          targets: [
            new targets.SqsQueue(queueOf(contract), {
              deadLetterQueue: this.targetDeadLetterQueue,
              retryAttempts: settings.targetRetryAttempts,
              maxEventAge: settings.targetMaxEventAge,
            }),
          ],
        }),
    );

    this.acknowledgeNagFindings();
  }

  private acknowledgeNagFindings(): void {
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'the function is only invoked synchronously by its SQS event source mapping; failed messages go to the queue dead-letter queue through the redrive policy, and a function DLQ applies to asynchronous invocations only',
    });
    for (const mapping of this.function.node.findAll().filter((c) => c instanceof lambda.EventSourceMapping)) {
      Validations.of(mapping).acknowledge({
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          'SQS event source mappings do not support on-failure destinations; the queue redrive policy moves failed messages to the service dead-letter queue',
      });
    }
  }
}

/** The CDK's mutable EventPattern, from the contract's pattern (never retyped). */
function toEventPattern(contract: EventContract): events.EventPattern {
  const pattern = eventPatternFor(contract);
  return { source: [...pattern.source], detailType: [...pattern.detailType] };
}

interface ResolvedSettings {
  readonly service: ServiceName;
  readonly variant: Variant;
  readonly entry: string;
  readonly subscriptions: readonly EventContract[];
  readonly publishes: readonly EventContract[];
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly maxConcurrency: number;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly maxReceiveCount: number;
  readonly settlementMaxReceiveCount: number;
  readonly targetRetryAttempts: number;
  readonly targetMaxEventAge: Duration;
  readonly logRetention: logs.RetentionDays;
  readonly logLevel: ServiceLogLevel;
  readonly removalPolicy: RemovalPolicy;
  /** The subscription the service sends itself, delayed, as its deadline (orders: OrderStalled). */
  readonly deadlineContract: EventContract | undefined;
  readonly sagaDeadlineSeconds: number;
}

/** Applies the defaults and rejects props that cannot deploy, before any resource exists. */
function resolveSettings(props: ConsumerServiceProps): ResolvedSettings {
  const defaults = CONSUMER_SERVICE_DEFAULTS;
  const { service } = props;
  if (!SERVICE_NAMES.includes(service)) {
    throw new InvalidInfraConfigError(
      `service must be one of SERVICE_NAMES (${SERVICE_NAMES.join(', ')}), got '${String(service)}'`,
    );
  }
  validateStage(props.stage);

  const subscriptions = props.subscriptions ?? subscriptionsOf(service);
  if (subscriptions.length === 0) {
    throw new InvalidInfraConfigError(`a consumer service needs at least one subscription, got none for '${service}'`);
  }
  const detailTypes = subscriptions.map((contract) => contract.detailType);
  const repeated = detailTypes.find((detailType, index) => detailTypes.indexOf(detailType) !== index);
  if (repeated !== undefined) {
    throw new InvalidInfraConfigError(
      `subscriptions must name each event once, got '${repeated}' twice for '${service}'`,
    );
  }
  const publishes = props.publishes ?? publicationsOf(service);
  const foreign = publishes.find((contract) => contract.source !== SOURCES[service]);
  if (foreign !== undefined) {
    throw new InvalidInfraConfigError(
      `service '${service}' may publish only under '${SOURCES[service]}', got '${foreign.detailType}' from '${foreign.source}'`,
    );
  }

  const batchingWindowSeconds = wholeSeconds(
    'maxBatchingWindow',
    props.maxBatchingWindow ?? Duration.seconds(0),
    0,
    300,
  );
  const batchSize = props.batchSize ?? defaults.batchSize;
  const maxBatchSize = batchingWindowSeconds > 0 ? 10_000 : 10;
  checkInteger('batchSize', batchSize, 1, maxBatchSize);
  const timeout = props.timeout ?? defaults.timeout;
  wholeSeconds('timeout', timeout, 1, 900);
  const memorySize = props.memorySize ?? defaults.memorySize;
  checkInteger('memorySize', memorySize, 128, 10_240);
  const maxConcurrency = props.maxConcurrency ?? defaults.maxConcurrency;
  checkInteger('maxConcurrency', maxConcurrency, 2, 1000);
  const maxReceiveCount = props.maxReceiveCount ?? defaults.maxReceiveCount;
  checkInteger('maxReceiveCount', maxReceiveCount, 1, 1000);
  const settlementMaxReceiveCount = props.settlementMaxReceiveCount ?? defaults.settlementMaxReceiveCount;
  checkInteger('settlementMaxReceiveCount', settlementMaxReceiveCount, 1, 1000);
  const targetRetryAttempts = props.targetRetryAttempts ?? defaults.targetRetryAttempts;
  checkInteger('targetRetryAttempts', targetRetryAttempts, 0, 185);
  const targetMaxEventAge = props.targetMaxEventAge ?? defaults.targetMaxEventAge;
  wholeSeconds('targetMaxEventAge', targetMaxEventAge, 60, 86_400);
  const sagaDeadlineSeconds = wholeSeconds('sagaDeadline', props.sagaDeadline ?? defaults.sagaDeadline, 1, 900);

  return {
    service,
    variant: props.variant ?? defaults.variant,
    entry: props.entry ?? handlerEntryOf(service),
    subscriptions,
    publishes,
    batchSize,
    batchingWindowSeconds,
    maxConcurrency,
    timeout,
    memorySize,
    maxReceiveCount,
    settlementMaxReceiveCount,
    targetRetryAttempts,
    targetMaxEventAge,
    logRetention: props.logRetention ?? defaults.logRetention,
    logLevel: props.logLevel ?? defaults.logLevel,
    removalPolicy: props.removalPolicy ?? defaults.removalPolicy,
    deadlineContract: subscriptions.find((contract) => contract.producer === service),
    sagaDeadlineSeconds,
  };
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInfraConfigError(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
  }
}

/** The duration in whole seconds, checked against [min, max]. */
function wholeSeconds(name: string, duration: Duration, min: number, max: number): number {
  const milliseconds = duration.toMilliseconds();
  if (milliseconds % 1000 !== 0 || milliseconds / 1000 < min || milliseconds / 1000 > max) {
    throw new InvalidInfraConfigError(
      `${name} must be whole seconds from ${min} to ${max}, got '${duration.toHumanString()}'`,
    );
  }
  return milliseconds / 1000;
}
