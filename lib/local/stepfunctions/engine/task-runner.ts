import type { Clock } from '../../clock';
import type { ExecutionHistory } from '../execution-history';
import type { JsonObject, JsonValue } from './json';

/** The execution a Task attempt belongs to. */
export interface TaskExecution {
  readonly executionArn: string;
  readonly executionName: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  /** The runner records TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded, TaskFailed here. */
  readonly history: ExecutionHistory;
  readonly clock: Clock;
}

/**
 * What the engine hands to whoever performs a Task state (the service integrations): one call
 * per attempt. The integrations behind it are in `../integrations` (`localTaskRunner` in `../task-handlers.ts`).
 */
export interface TaskInvocation {
  readonly stateName: string;
  /** The Task's `Resource` as written (`arn:aws:states:::sqs:sendMessage.waitForTaskToken`). */
  readonly resource: string;
  /**
   * What to send: JSONPath — the effective input after InputPath and Parameters; JSONata — the
   * evaluated Arguments (the state input when there are none).
   */
  readonly arguments: JsonValue;
  /** The context object (`$$`, `$states.context`) as the state saw it. */
  readonly context: JsonObject;
  /** `$$.Task.Token`, minted by the engine for `.waitForTaskToken` resources. */
  readonly taskToken?: string;
  /** The evaluated `TimeoutSeconds` (the engine enforces it). */
  readonly timeoutSeconds: number;
  /** The evaluated `HeartbeatSeconds` (the runner enforces it: it sees SendTaskHeartbeat). */
  readonly heartbeatSeconds?: number;
  /** The evaluated `Credentials` field, if any. */
  readonly credentials?: JsonValue;
  /** Aborted when the attempt is abandoned: its timeout, the execution's end, a failed sibling branch. */
  readonly signal: AbortSignal;
  readonly execution: TaskExecution;
}

/**
 * Performs one attempt of a Task. Resolves with the raw result; rejects with an error whose
 * `name` is the Step Functions error (`TaskFailedError`: `States.TaskFailed`, a function's
 * errorType, `States.HeartbeatTimeout`, ...) and whose `message` is the cause.
 */
export type TaskRunner = (invocation: TaskInvocation) => Promise<JsonValue>;
