import type { TaskStateHandler } from './asl-interpreter';
import { lambdaFunctionHandler, lambdaInvokeHandler } from './lambda-task';
import { LOCAL_WAIT_RESOURCE, type PreparedDefinition } from './prepared-definition';
import { putEventsHandler } from './put-events-task';
import { TaskRuntimeError } from './task-errors';
import { taskResourceOf } from './task-resource';
import type { TaskScope } from './task-scope';
import { waitHandler } from './wait-task';

/**
 * A local handler for every Task state of the definition (nested ones included) and for every
 * Wait state (which runs as an internal Task), by state name — the interpreter's
 * `overrides.taskResourceLocalHandlers`. Every Task must have one: without it the interpreter
 * would call the real AWS Lambda API. Resources the local cloud does not run fail the execution
 * with `States.Runtime` when reached.
 */
export function taskHandlersFor(prepared: PreparedDefinition, scope: TaskScope): Record<string, TaskStateHandler> {
  const handlers: Record<string, TaskStateHandler> = {};
  for (const state of prepared.states.values()) {
    if (state.wait) {
      handlers[state.name] = waitHandler(scope, state.name, state.wait);
      continue;
    }
    if (state.type !== 'Task' || state.resource === undefined || state.resource === LOCAL_WAIT_RESOURCE) continue;
    const resource = taskResourceOf(state.resource);
    switch (resource.kind) {
      case 'lambda-invoke':
        handlers[state.name] = lambdaInvokeHandler(scope, state.name, resource.resource);
        break;
      case 'lambda-function':
        handlers[state.name] = lambdaFunctionHandler(scope, state.name, resource.resource);
        break;
      case 'events-put':
        handlers[state.name] = putEventsHandler(scope, state.name, resource.resource);
        break;
      default:
        handlers[state.name] = () =>
          Promise.reject(
            new TaskRuntimeError(
              `task state '${state.name}' uses resource '${resource.resource}', which the local cloud does not run`,
            ),
          );
    }
  }
  return handlers;
}
