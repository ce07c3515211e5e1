import type { JsonObject, JsonValue } from './json';

/** What the context object says of the execution and its state machine. */
export interface ExecutionIdentity {
  readonly executionArn: string;
  readonly executionName: string;
  readonly input: JsonValue;
  readonly roleArn: string;
  /** AWS ms. */
  readonly startTime: number;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
}

/** The `$$.Map.Item` of an iteration. */
export interface MapItem {
  readonly index: number;
  readonly value: JsonValue;
}

/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata) of a state, as the
 * developer guide's "Accessing execution data from the Context object" lists it.
 */
export function contextObject(
  identity: ExecutionIdentity,
  state: { readonly name: string; readonly enteredTime: number; readonly retryCount: number },
  extras: { readonly taskToken?: string; readonly mapItem?: MapItem } = {},
): JsonObject {
  return {
    Execution: {
      Id: identity.executionArn,
      Input: identity.input,
      Name: identity.executionName,
      RoleArn: identity.roleArn,
      StartTime: new Date(identity.startTime).toISOString(),
      RedriveCount: 0,
    },
    State: {
      EnteredTime: new Date(state.enteredTime).toISOString(),
      Name: state.name,
      RetryCount: state.retryCount,
    },
    StateMachine: { Id: identity.stateMachineArn, Name: identity.stateMachineName },
    ...(extras.taskToken !== undefined ? { Task: { Token: extras.taskToken } } : {}),
    ...(extras.mapItem !== undefined
      ? { Map: { Item: { Index: extras.mapItem.index, Value: extras.mapItem.value } } }
      : {}),
  };
}
