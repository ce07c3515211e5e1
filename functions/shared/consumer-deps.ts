import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { EventPublisherOptions } from './publisher';

/**
 * What a service handler is built from. The handler module builds the defaults once per
 * container; tests pass mocked clients, a silent logger, a fixed clock and an environment.
 */
export interface ConsumerDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
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

/**
 * SDK clients as a Lambda function uses them: region, credentials and endpoint come from the
 * environment (AWS_ENDPOINT_URL points them at the local cloud; there is no other local switch).
 */
export function defaultConsumerDeps(): ConsumerDeps {
  return {
    documentClient: DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    eventBridge: new EventBridgeClient({}),
    sqs: new SQSClient({}),
  };
}

/** An SQS-triggered handler with partial batch responses. */
export type SqsBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * A handler built on its first invocation and reused after: clients are created once per
 * container, and importing the module (e.g. in a test) needs no environment.
 */
export function lazyHandler(create: () => SqsBatchHandler): SqsBatchHandler {
  let built: SqsBatchHandler | undefined;
  return async (event, context) => {
    built ??= create();
    return built(event, context);
  };
}
