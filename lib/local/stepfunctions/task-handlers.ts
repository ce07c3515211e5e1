import type { JsonValue } from './engine/json';
import type { TaskRunner } from './engine/task-runner';
import { awsSdk } from './integrations/aws-sdk-task';
import { dynamoDbItem } from './integrations/dynamodb-item-task';
import { integrationOf, type Integration, type IntegrationKind } from './integrations/integration-registry';
import { integrationTaskHandler, type IntegrationTask, type ServiceIntegration } from './integrations/integration-task';
import { sqsSendMessage } from './integrations/sqs-send-task';
import { startExecution } from './integrations/start-execution-task';
import { lambdaFunctionHandler, lambdaInvoke } from './lambda-task';
import { putEvents } from './put-events-task';
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

/** The service integrations, by the kind of resource they run. */
const SERVICE_INTEGRATIONS: Partial<
  Record<IntegrationKind, (task: IntegrationTask, integration: Integration) => ServiceIntegration>
> = {
  'lambda-invoke': lambdaInvoke,
  'events-put': putEvents,
  'sqs-send': sqsSendMessage,
  'states-start': startExecution,
  'dynamodb-item': (task, { action }) => dynamoDbItem(task, action),
  'aws-sdk': (task, { service, action }) => awsSdk(task, service.slice('aws-sdk:'.length), action),
};

function taskHandler(scope: TaskScope, stateName: string, resource: string): TaskStateHandler {
  const integration = integrationOf(resource);
  if (integration?.kind === 'lambda-function') return lambdaFunctionHandler(scope, stateName, resource);
  const service = integration?.kind && SERVICE_INTEGRATIONS[integration.kind];
  if (integration && service) {
    const task: IntegrationTask = { scope, stateName, resource, pattern: integration.pattern };
    return integrationTaskHandler(task, service(task, integration));
  }
  const reason = integration?.notRun ?? 'AWS does not recognize it';
  return () =>
    Promise.reject(
      new TaskRuntimeError(
        `task state '${stateName}' uses resource '${resource}', which the local cloud does not run: ${reason}`,
      ),
    );
}
