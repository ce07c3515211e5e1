import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../endpoint/aws-json';
import { AwsServiceError, InternalFailureError, UnknownOperationError } from '../../endpoint/aws-service-error';
import { parseJsonObject } from '../../endpoint/json-body';
import { RequestParams } from '../../endpoint/request-params';
import type { LocalEventBridge } from '../local-event-bridge';
import { BUS_OPERATIONS } from './bus-operations';
import { EVENT_OPERATIONS } from './event-operations';
import { EVENTS_PARAMETER_ERRORS, type EventsOperation } from './events-operation';
import { RULE_OPERATIONS } from './rule-operations';

/** The `X-Amz-Target` prefix of EventBridge's JSON 1.1 protocol. */
export const EVENTS_TARGET_PREFIX = 'AWSEvents.';

const OPERATIONS: Readonly<Record<string, EventsOperation>> = {
  ...EVENT_OPERATIONS,
  ...RULE_OPERATIONS,
  ...BUS_OPERATIONS,
};

/** EventBridge's JSON 1.1 protocol (`X-Amz-Target: AWSEvents.<Operation>`) over a `LocalEventBridge`. */
export class EventsJsonApi implements AwsJsonService {
  constructor(private readonly bridge: LocalEventBridge) {}

  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    try {
      const operationName = request.target.startsWith(EVENTS_TARGET_PREFIX)
        ? request.target.slice(EVENTS_TARGET_PREFIX.length)
        : '';
      const operation = Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
      if (!operation) {
        throw new UnknownOperationError(request.target);
      }
      const params = new RequestParams(parseJsonObject(request.body), EVENTS_PARAMETER_ERRORS);
      const output = await operation(params, { bridge: this.bridge, caller: request.caller });
      return { statusCode: 200, body: JSON.stringify(output) };
    } catch (error) {
      const serviceError =
        error instanceof AwsServiceError
          ? error
          : new InternalFailureError(`internal error: ${(error as Error).message}`);
      return serviceError.toResponse();
    }
  }
}
