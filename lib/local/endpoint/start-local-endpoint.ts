import { EventsJsonApi, EVENTS_TARGET_PREFIX } from '../eventbridge/api/events-json-api';
import type { LocalEventBridge } from '../eventbridge/local-event-bridge';
import { SqsJsonApi, SQS_TARGET_PREFIX } from '../sqs/api/sqs-json-api';
import type { LocalSqs } from '../sqs/local-sqs';
import type { AwsJsonService } from './aws-json';
import { LocalEndpoint, type LocalEndpointProps } from './local-endpoint';

/** The `X-Amz-Target` prefix of DynamoDB's JSON 1.0 protocol. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';

export interface LocalServicesEndpointProps extends LocalEndpointProps {
  readonly sqs: LocalSqs;
  readonly eventBridge: LocalEventBridge;
  /** `LocalDynamoDb` (any `AwsJsonService`). @default - DynamoDB calls answer UnknownOperationException */
  readonly dynamoDb?: AwsJsonService;
}

/**
 * Starts the one endpoint of the local cloud with SQS, EventBridge and DynamoDB behind it, and
 * points queue URLs at it. Register more services (`endpoint.register`) or REST routes
 * (`endpoint.registerRoute`) on the result.
 *
 * @example
 * const endpoint = await startLocalEndpoint({ port: 4566, sqs, eventBridge, dynamoDb });
 * process.env.AWS_ENDPOINT_URL = endpoint.url;
 */
export async function startLocalEndpoint(props: LocalServicesEndpointProps): Promise<LocalEndpoint> {
  const { sqs, eventBridge, dynamoDb, ...endpointProps } = props;
  const endpoint = new LocalEndpoint(endpointProps);
  endpoint.register(SQS_TARGET_PREFIX, new SqsJsonApi(sqs), '1.0');
  endpoint.register(EVENTS_TARGET_PREFIX, new EventsJsonApi(eventBridge), '1.1');
  if (dynamoDb) {
    endpoint.register(DYNAMODB_TARGET_PREFIX, dynamoDb, '1.0');
  }
  sqs.setEndpointUrl(await endpoint.start());
  return endpoint;
}
