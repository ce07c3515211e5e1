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
} as const;
