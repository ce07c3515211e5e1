import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  publicationsOf,
  SERVICE_NAMES,
  SOURCES,
  subscriptionsOf,
  type EventContract,
  type ServiceName,
  type Variant,
} from '../../contracts';
import { validateStage } from '../app-config';
import { InvalidInfraConfigError } from '../infra-errors';
import { checkWholeNumbers, wholeSecondsOf } from '../prop-ranges';
import type { ConsumerServiceProps } from './consumer-service';
import { QUEUE_EVENT_SOURCE_DEFAULTS } from './queue-to-function';
import { SAGA_FUNCTION_DEFAULTS } from './saga-function-defaults';

/** The defaults of {@link ConsumerServiceProps} that are not CDK props, for callers that derive other values from them. */
export const CONSUMER_SERVICE_DEFAULTS = {
  variant: 'choreography',
  maxReceiveCount: 5,
  settlementMaxReceiveCount: 100,
  sagaDeadline: Duration.minutes(15),
} as const;

/** The props of a ConsumerService with their defaults applied, and what the construct derives from them. */
export interface ConsumerServiceSettings {
  readonly service: ServiceName;
  readonly variant: Variant;
  readonly subscriptions: readonly EventContract[];
  readonly publishes: readonly EventContract[];
  readonly visibilityTimeout: Duration;
  readonly maxReceiveCount: number;
  readonly settlementMaxReceiveCount: number;
  readonly removalPolicy: RemovalPolicy;
  /** The subscription the service sends itself, delayed, as its deadline (orders: OrderStalled). */
  readonly deadlineContract: EventContract | undefined;
  readonly sagaDeadlineSeconds: number;
}

/** Applies the defaults and rejects props that cannot deploy, before any resource exists. */
export function resolveConsumerServiceSettings(props: ConsumerServiceProps): ConsumerServiceSettings {
  const defaults = CONSUMER_SERVICE_DEFAULTS;
  const { service } = props;
  if (!SERVICE_NAMES.includes(service)) {
    throw new InvalidInfraConfigError(
      `service must be one of SERVICE_NAMES (${SERVICE_NAMES.join(', ')}), got '${String(service)}'`,
    );
  }
  validateStage(props.stage);
  if (props.existingTable && props.tableProps) {
    throw new InvalidInfraConfigError(`give existingTable or tableProps, not both, for '${service}'`);
  }
  if (props.existingQueue && props.queueProps) {
    throw new InvalidInfraConfigError(`give existingQueue or queueProps, not both, for '${service}'`);
  }

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

  const eventSource = { ...QUEUE_EVENT_SOURCE_DEFAULTS, ...props.eventSourceProps };
  const batchingWindowSeconds = wholeSecondsOf(
    'maxBatchingWindow',
    eventSource.maxBatchingWindow ?? Duration.seconds(0),
    0,
    300,
  );
  const timeout = props.functionProps?.timeout ?? SAGA_FUNCTION_DEFAULTS.timeout;
  const maxReceiveCount = props.maxReceiveCount ?? defaults.maxReceiveCount;
  const settlementMaxReceiveCount = props.settlementMaxReceiveCount ?? defaults.settlementMaxReceiveCount;
  checkWholeNumbers([
    { name: 'batchSize', value: eventSource.batchSize, min: 1, max: batchingWindowSeconds > 0 ? 10_000 : 10 },
    { name: 'maxConcurrency', value: eventSource.maxConcurrency, min: 2, max: 1000 },
    { name: 'maxReceiveCount', value: maxReceiveCount, min: 1, max: 1000 },
    { name: 'settlementMaxReceiveCount', value: settlementMaxReceiveCount, min: 1, max: 1000 },
  ]);
  const sagaDeadlineSeconds = wholeSecondsOf('sagaDeadline', props.sagaDeadline ?? defaults.sagaDeadline, 1, 900);

  return {
    service,
    variant: props.variant ?? defaults.variant,
    subscriptions,
    publishes,
    visibilityTimeout: Duration.seconds(6 * wholeSecondsOf('timeout', timeout, 1, 900) + batchingWindowSeconds),
    maxReceiveCount,
    settlementMaxReceiveCount,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    deadlineContract: subscriptions.find((contract) => contract.producer === service),
    sagaDeadlineSeconds,
  };
}
