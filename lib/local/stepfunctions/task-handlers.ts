import type { JsonValue } from './engine/json';
import type { TaskRunner } from './engine/task-runner';
import { awsSdkHandler } from './integrations/aws-sdk-task';
import { dynamoDbItemHandler } from './integrations/dynamodb-item-task';
import { integrationOf } from './integrations/integration-registry';
import { sqsSendMessageHandler } from './integrations/sqs-send-task';
import { startExecutionHandler } from './integrations/start-execution-task';
import { lambdaFunctionHandler, lambdaInvokeHandler } from './lambda-task';
import { putEventsHandler } from './put-events-task';
import { TaskRuntimeError } from './task-errors';
import type { TaskScope } from './task-scope';

/** Performs one Task attempt: the evaluated arguments in, the raw result out. */
export type TaskStateHandler = (input: JsonValue) => Promise<JsonValue>;

/**
 * The engine's task runner for one execution: each attempt goes to the handler of its resource,
 * as the integration registry answers; resources the local cloud does not run fail the attempt
 * with `States.Runtime`. A `.waitForTaskToken` attempt's token (minted by the engine for
 * `$$.Task.Token`) is offered to the handler, which claims it from its parameters.
 */
export function localTaskRunner(scope: TaskScope): TaskRunner {
  return (invocation) => {
    if (invocation.taskToken !== undefined) {
      scope.mintedTokens.add(invocation.taskToken);
      if (invocation.heartbeatSeconds !== undefined) {
        scope.heartbeatSeconds.set(invocation.taskToken, invocation.heartbeatSeconds);
      }
    }
    return taskHandler(scope, invocation.stateName, invocation.resource)(invocation.arguments);
  };
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
