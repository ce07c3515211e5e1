import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../endpoint/aws-json';
import { dispatchJsonOperation } from '../../endpoint/dispatch-json-operation';
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

const EVENTS_API = {
  targetPrefix: EVENTS_TARGET_PREFIX,
  operations: OPERATIONS,
  parameterErrors: EVENTS_PARAMETER_ERRORS,
};

/** EventBridge's JSON 1.1 protocol (`X-Amz-Target: AWSEvents.<Operation>`) over a `LocalEventBridge`. */
export class EventsJsonApi implements AwsJsonService {
  constructor(private readonly bridge: LocalEventBridge) {}

  handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    return dispatchJsonOperation(request, EVENTS_API, { bridge: this.bridge, caller: request.caller });
  }
}
