import type { JsonValue } from './engine/json';
import type { IntegrationTask, ServiceIntegration } from './integrations/integration-task';
import { javaSdkCause } from './integrations/service-errors';
import { isTaskError, messageOf } from './run-task-attempt';
import { TaskFailedError, TaskRuntimeError } from './task-errors';
import type { PutEventsRequestEntry } from './task-integrations';
import type { TaskScope } from './task-scope';

/**
 * The handler of a `arn:aws:states:::events:putEvents` Task (CDK's `EventBridgePutEvents`):
 * Parameters `Entries`, each with `Detail` as a JSON object (or text), `DetailType`, `Source`
 * and `EventBusName` (a name or an ARN). As the optimized integration does, the state machine's
 * and the execution's ARNs are appended to each entry's `Resources`, and a response with a
 * non-zero `FailedEntryCount` fails the Task with `EventBridge.FailedEntry` (so Retry applies).
 * The result is PutEvents' response, `{ Entries: [{ EventId }], FailedEntryCount: 0 }`.
 */
export function putEvents({ scope, stateName }: IntegrationTask): ServiceIntegration {
  return { call: (parameters) => putOnce(scope, stateName, parameters), toTaskError: putEventsTaskError };
}

/** One PutEvents, after the role's `events:PutEvents` is checked for every entry. */
async function putOnce(scope: TaskScope, stateName: string, parameters: JsonValue): Promise<JsonValue> {
  const entries = entriesOf(scope, stateName, parameters);
  const denial = scope.services.authorize?.(scope.roleArn, {
    target: 'AWSEvents.PutEvents',
    body: { Entries: entries },
  });
  if (denial) {
    throw new TaskFailedError(
      'EventBridge.AmazonEventBridgeException',
      javaSdkCause(denial.message, 'AmazonEventBridge', 400, 'AccessDeniedException'),
    );
  }
  const response = await scope.integrations.putEvents(entries, {
    caller: `states:${scope.stateMachineName}`,
    executionArn: scope.executionArn,
    stateMachineArn: scope.stateMachineArn,
    stateName,
    ...(scope.correlationId !== undefined ? { correlationId: scope.correlationId } : {}),
    roleArn: scope.roleArn,
  });
  const output = {
    Entries: response.Entries.map((entry) => ({ ...entry })),
    FailedEntryCount: response.FailedEntryCount,
  } as JsonValue;
  if (response.FailedEntryCount > 0) {
    throw new TaskFailedError('EventBridge.FailedEntry', JSON.stringify(output));
  }
  return output;
}

/** A rejected PutEvents is an EventBridge API error: `EventBridge.<code>`. */
function putEventsTaskError(error: unknown): Error {
  if (isTaskError(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  return new TaskFailedError(
    `EventBridge.${typeof code === 'string' && code !== '' ? code : 'AmazonEventBridgeException'}`,
    messageOf(error),
  );
}

function entriesOf(scope: TaskScope, stateName: string, parameters: JsonValue): PutEventsRequestEntry[] {
  const entries =
    typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters)
      ? parameters.Entries
      : undefined;
  if (
    !Array.isArray(entries) ||
    entries.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))
  ) {
    throw new TaskRuntimeError(
      `task state '${stateName}' must pass Parameters with an Entries list to events:putEvents`,
    );
  }
  return (entries as Record<string, JsonValue>[]).map((entry) => {
    const { Detail, Resources, ...rest } = entry;
    return {
      ...rest,
      Detail: typeof Detail === 'string' ? Detail : JSON.stringify(Detail ?? {}),
      Resources: [...(Array.isArray(Resources) ? Resources : []), scope.stateMachineArn, scope.executionArn],
    };
  });
}
