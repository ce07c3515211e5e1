import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { ServiceName } from '../../lib/contracts';
import { createLogger, createMetrics } from './observability';
import type { EventPublisherOptions } from './publisher';

/**
 * What either adapter of a service is built from. The Lambda entry points build the defaults
 * once per container; tests pass mocked clients, a silent logger, a fixed clock and an environment.
 */
export interface ServiceDeps {
  /** @default - a document client on the environment's region, credentials and endpoint */
  readonly documentClient?: DynamoDBDocumentClient;
  /** Publishes the service's events (SQS adapter only). @default - a client from the environment */
  readonly eventBridge?: EventBridgeClient;
  /** Dead-letters messages that can never be handled (SQS adapter only). @default - a client from the environment */
  readonly sqs?: SQSClient;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default - a Powertools Logger named after the service */
  readonly logger?: Logger;
  /** @default - Powertools Metrics in METRICS_NAMESPACE */
  readonly metrics?: Metrics;
  /** When a decision is made (stored with it). @default - the wall clock */
  readonly clock?: () => Date;
  /** Retry tuning of the publisher (and a fake `sleep` in tests). @default - the publisher's defaults */
  readonly publisher?: Omit<EventPublisherOptions, 'client' | 'eventBusName'>;
}

/** What both adapters resolve from {@link ServiceDeps} before building the use case. */
export interface ServiceRuntime {
  readonly documentClient: DynamoDBDocumentClient;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly clock: () => Date;
}

/**
 * Applies the defaults. SDK clients take region, credentials and endpoint from the environment
 * (AWS_ENDPOINT_URL points them at the local cloud; there is no other local switch).
 */
export function resolveServiceRuntime(service: ServiceName, deps: ServiceDeps): ServiceRuntime {
  const env = deps.env ?? process.env;
  const logger = deps.logger ?? createLogger(service, env);
  return {
    documentClient:
      deps.documentClient ??
      DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    env,
    logger,
    metrics: deps.metrics ?? createMetrics(service, logger, env),
    clock: deps.clock ?? (() => new Date()),
  };
}

/**
 * A Lambda handler built on its first invocation and reused after: clients are created once per
 * container, and importing the module (e.g. in a test) needs no environment.
 */
export function lazyHandler<E, C, R>(create: () => (event: E, context?: C) => Promise<R>) {
  let built: ((event: E, context?: C) => Promise<R>) | undefined;
  return async (event: E, context?: C): Promise<R> => {
    built ??= create();
    return built(event, context);
  };
}
