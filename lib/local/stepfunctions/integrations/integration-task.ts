import type { JsonValue, TaskStateHandler } from '../asl-interpreter';
import { isTaskError, messageOf, runTaskAttempt } from '../run-task-attempt';
import { TaskFailedError } from '../task-errors';
import type { TaskAttempt, TaskScope } from '../task-scope';
import { awaitCallback, claimTaskToken } from './callback-pattern';
import type { IntegrationPattern } from './integration-registry';

/** One call of a service integration: the Task's effective parameters in, the Task's result out. */
export type IntegrationCall = (parameters: JsonValue, attempt: TaskAttempt) => Promise<JsonValue>;

/** The Task state a service integration serves. */
export interface IntegrationTask {
  readonly scope: TaskScope;
  readonly stateName: string;
  readonly resource: string;
  /** How the Task waits for the service, from the resource's suffix. */
  readonly pattern: IntegrationPattern;
}

/** What one service brings to the handler every integration shares. */
export interface ServiceIntegration {
  readonly call: IntegrationCall;
  /** The Task error of anything `call` throws that is not one already. */
  readonly toTaskError: (error: unknown) => Error;
}

/**
 * The Task state handler of a service integration, the same for every service: each attempt is
 * recorded in the history and calls the service once; with `.waitForTaskToken` the attempt first
 * claims its `$$.Task.Token`, makes the call as the submission, and then waits for
 * SendTaskSuccess / SendTaskFailure. What `call` throws that is not already a Task error becomes
 * `toTaskError(error)`, the name the state's Retry and Catch match.
 */
export function integrationTaskHandler(
  { scope, stateName, resource, pattern }: IntegrationTask,
  { call, toTaskError }: ServiceIntegration,
): TaskStateHandler {
  return (parameters) =>
    runTaskAttempt(
      scope,
      stateName,
      resource,
      parameters,
      'integration',
      async (attempt) => {
        if (pattern !== 'waitForTaskToken') return call(parameters, attempt);
        const token = claimTaskToken(scope, stateName, parameters);
        return awaitCallback(scope, stateName, resource, token, attempt, () => call(parameters, attempt));
      },
      toTaskError,
    );
}

/** Anything that is not already a Task error fails the Task with the service's catch-all name. */
export function serviceTaskError(name: string): (error: unknown) => Error {
  return (error) => (isTaskError(error) ? error : new TaskFailedError(name, messageOf(error)));
}
