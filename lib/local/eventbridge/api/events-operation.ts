import type { CallerIdentity } from '../../endpoint/aws-json';
import type { ParameterErrors, RequestParams } from '../../endpoint/request-params';
import { validationParameterErrors } from '../../endpoint/validation-message';
import { EventsValidationError } from '../events-errors';
import type { LocalEventBridge } from '../local-event-bridge';

/** What an EventBridge operation handler gets besides its parameters. */
export interface EventsOperationContext {
  readonly bridge: LocalEventBridge;
  readonly caller: CallerIdentity;
}

/** One EventBridge JSON 1.1 operation: parameters in, the response object out. */
export type EventsOperation = (params: RequestParams, context: EventsOperationContext) => unknown;

/** EventBridge answers missing and mistyped parameters with ValidationException, worded like this. */
export const EVENTS_PARAMETER_ERRORS: ParameterErrors = validationParameterErrors(
  (message) => new EventsValidationError(message),
  (name) => name.charAt(0).toLowerCase() + name.slice(1),
);
