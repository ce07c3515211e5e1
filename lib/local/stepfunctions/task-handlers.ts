import type { TaskStateHandler } from './asl-interpreter';
import { awsSdkHandler } from './integrations/aws-sdk-task';
import { dynamoDbItemHandler } from './integrations/dynamodb-item-task';
import { integrationOf } from './integrations/integration-registry';
import { sqsSendMessageHandler } from './integrations/sqs-send-task';
import { startExecutionHandler } from './integrations/start-execution-task';
import { lambdaFunctionHandler, lambdaInvokeHandler } from './lambda-task';
import { LOCAL_WAIT_RESOURCE, type PreparedDefinition } from './prepared-definition';
import { putEventsHandler } from './put-events-task';
import { TaskRuntimeError } from './task-errors';
import type { TaskScope } from './task-scope';
import { waitHandler } from './wait-task';

/**
 * A local handler for every Task state of the definition (nested ones included) and for every
 * Wait state (which runs as an internal Task), by state name — the interpreter's
 * `overrides.taskResourceLocalHandlers`. Every Task must have one: without it the interpreter
 * would call the real AWS Lambda API. Which resource runs how is the integration registry's
 * answer; resources the local cloud does not run fail the execution with `States.Runtime` when
 * reached.
 */
export function taskHandlersFor(prepared: PreparedDefinition, scope: TaskScope): Record<string, TaskStateHandler> {
  const handlers: Record<string, TaskStateHandler> = {};
  for (const state of prepared.states.values()) {
    if (state.wait) {
      handlers[state.name] = waitHandler(scope, state.name, state.wait);
      continue;
    }
    if (state.type !== 'Task' || state.resource === undefined || state.resource === LOCAL_WAIT_RESOURCE) continue;
    handlers[state.name] = taskHandler(scope, state.name, state.resource);
  }
  return handlers;
}

function taskHandler(scope: TaskScope, stateName: string, resource: string): TaskStateHandler {
  const integration = integrationOf(resource);
  switch (integration?.kind) {
    case 'lambda-invoke':
      return lambdaInvokeHandler(scope, stateName, resource, integration.pattern);
    case 'lambda-function':
      return lambdaFunctionHandler(scope, stateName, resource);
    case 'events-put':
      return putEventsHandler(scope, stateName, resource, integration.pattern);
    case 'sqs-send':
      return sqsSendMessageHandler(scope, stateName, resource, integration.pattern);
    case 'states-start':
      return startExecutionHandler(scope, stateName, resource, integration.pattern);
    case 'dynamodb-item':
      return dynamoDbItemHandler(scope, stateName, resource, integration.action);
    case 'aws-sdk':
      return awsSdkHandler(
        scope,
        stateName,
        resource,
        integration.service.slice('aws-sdk:'.length),
        integration.action,
        integration.pattern,
      );
    default: {
      const reason = integration?.notRun ?? 'AWS does not recognize it';
      return () =>
        Promise.reject(
          new TaskRuntimeError(
            `task state '${stateName}' uses resource '${resource}', which the local cloud does not run: ${reason}`,
          ),
        );
    }
  }
}
