/**
 * Names of the environment variables the infrastructure gives each function and the handlers
 * read. One list, so the two never drift apart.
 */
export const RUNTIME_ENV = {
  /** Name of the event bus the service publishes to. */
  eventBusName: 'EVENT_BUS_NAME',
  /** Name of the service's own DynamoDB table. */
  tableName: 'TABLE_NAME',
  /** URL of the service's consumer DLQ, where the handler sends permanent failures itself. */
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
  /** URL of the service's own consumer queue, where it sends itself deadline messages (orders, choreography). */
  ownQueueUrl: 'OWN_QUEUE_URL',
  /** Seconds from an order being placed until the saga gives up on it (choreography, at most 900: SQS's longest delay). */
  sagaDeadlineSeconds: 'SAGA_DEADLINE_SECONDS',
  /** The saga variant the function belongs to (`choreography` or `orchestration`). */
  variant: 'SAGA_VARIANT',
  /** Powertools: service name on logs and metrics. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  /** Powertools: CloudWatch metrics namespace. */
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  /** Powertools: log level. */
  logLevel: 'POWERTOOLS_LOG_LEVEL',
} as const;

/** The CloudWatch namespace of the business metrics. */
export const METRICS_NAMESPACE = 'ServerlessChoreography';

/** Message attributes a handler sets on a message it dead-letters itself. */
export const DEAD_LETTER_ATTRIBUTES = {
  reason: 'DeadLetterReason',
  errorName: 'DeadLetterErrorName',
  sourceQueue: 'DeadLetterSourceQueue',
  service: 'DeadLetterService',
  /** How many times SQS had delivered the message when the handler dead-lettered it. */
  receiveCount: 'DeadLetterReceiveCount',
} as const;

/** The saga deadline unless the infrastructure sets another: 15 minutes of AWS time. */
export const DEFAULT_SAGA_DEADLINE_SECONDS = 900;
