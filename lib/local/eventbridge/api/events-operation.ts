import type { CallerIdentity } from '../../endpoint/aws-json';
import type { ParameterErrors, RequestParams } from '../../endpoint/request-params';
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
export const EVENTS_PARAMETER_ERRORS: ParameterErrors = {
  missing: (name) =>
    new EventsValidationError(
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    ),
  invalid: (name, value, expected) =>
    new EventsValidationError(
      `1 validation error detected: Value '${JSON.stringify(value)?.slice(0, 100) ?? String(value)}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must be ${expected}`,
    ),
};

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
