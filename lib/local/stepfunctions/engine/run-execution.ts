import { setMaxListeners } from 'node:events';
import type { Clock } from '../../clock';
import type { ExecutionHistory } from '../execution-history';
import type { ExecutionIdentity } from './context-object';
import type { ExecutionScope } from './execution-scope';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import { toStatesError } from './states-error';
import type { TaskRunner } from './task-runner';
import { VariableScope } from './variables';
import { WorkflowAborted } from './workflow-aborted';
import { runWorkflow, type WorkflowCheckpoints } from './workflow-runner';

export interface RunExecutionOptions {
  /** The parsed definition (`StartAt`, `States`, optional `QueryLanguage` and `TimeoutSeconds`). */
  readonly definition: JsonObject;
  readonly input: JsonValue;
  readonly identity: ExecutionIdentity;
  readonly clock: Clock;
  readonly history: ExecutionHistory;
  readonly runTask: TaskRunner;
  /** Aborting it stops the execution (StopExecution): it ends ABORTED. */
  readonly stop?: AbortSignal;
  /** @default Math.random */
  readonly random?: () => number;
  /** See ExecutionScope.minTaskTimeoutWallSeconds. @default 0 */
  readonly minTaskTimeoutWallSeconds?: number;
  readonly onStateEntered?: (stateName: string) => void;
  readonly onTaskTimedOut?: (stateName: string, resource: string) => void;
  /** Resume at a state (with `input` as its input) instead of `StartAt`, and report each state. */
  readonly checkpoints?: WorkflowCheckpoints;
  /** The top-level variables when resuming. @default - none */
  readonly variables?: Readonly<Record<string, JsonValue>>;
  /** Called with the top-level variables' scope once it exists (to save them at checkpoints). */
  readonly onVariables?: (variables: VariableScope) => void;
}

/** How an execution ended. */
export type ExecutionOutcome =
  | { readonly status: 'SUCCEEDED'; readonly output: JsonValue }
  | { readonly status: 'FAILED' | 'TIMED_OUT'; readonly error?: string; readonly cause?: string }
  | { readonly status: 'ABORTED' };

/**
 * Runs a state machine execution to its end with the local cloud's ASL interpreter. The
 * machine's `TimeoutSeconds` (any length: timers on the Clock are re-armed past Node's 32-bit
 * limit) ends it TIMED_OUT with States.Timeout. History events of states are recorded here;
 * ExecutionStarted and the closing event are the caller's.
 */
export async function runExecution(options: RunExecutionOptions): Promise<ExecutionOutcome> {
  const halt = new AbortController();
  // Every running Task and Wait of the workflow listens to it.
  setMaxListeners(0, halt.signal);
  let timedOut = false;
  const onStop = () => halt.abort();
  options.stop?.addEventListener('abort', onStop, { once: true });
  if (options.stop?.aborted) halt.abort();
  const timeoutSeconds = options.definition.TimeoutSeconds;
  const timer =
    typeof timeoutSeconds === 'number'
      ? options.clock.setTimer(
          Math.max(
            timeoutSeconds * 1000,
            10 * (options.minTaskTimeoutWallSeconds ?? 0) * 1000 * options.clock.timeScale,
          ),
          () => {
            timedOut = true;
            halt.abort();
          },
        )
      : undefined;
  const execution: ExecutionScope = {
    identity: options.identity,
    clock: options.clock,
    history: options.history,
    runTask: options.runTask,
    random: options.random ?? Math.random,
    minTaskTimeoutWallSeconds: options.minTaskTimeoutWallSeconds ?? 0,
    ...(options.onStateEntered ? { onStateEntered: options.onStateEntered } : {}),
    ...(options.onTaskTimedOut ? { onTaskTimedOut: options.onTaskTimedOut } : {}),
  };
  const aborted = new Promise<never>((_, reject) => {
    halt.signal.addEventListener('abort', () => reject(new WorkflowAborted()), { once: true });
  });
  aborted.catch(() => undefined);
  const variables = new VariableScope();
  if (options.variables) variables.assign(options.variables);
  options.onVariables?.(variables);
  try {
    const output = await Promise.race([
      runWorkflow(
        options.definition,
        options.input,
        {
          execution,
          variables,
          queryLanguage: options.definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath',
          signal: halt.signal,
        },
        options.checkpoints,
      ),
      aborted,
    ]);
    return { status: 'SUCCEEDED', output };
  } catch (thrown) {
    if (timedOut)
      return {
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        cause: 'the execution ran longer than its TimeoutSeconds',
      };
    if (thrown instanceof WorkflowAborted || halt.signal.aborted) return { status: 'ABORTED' };
    const error = toStatesError(thrown);
    return {
      status: 'FAILED',
      ...(error.error !== '' ? { error: error.error } : {}),
      ...(error.cause !== '' ? { cause: error.cause } : {}),
    };
  } finally {
    timer?.cancel();
    halt.abort();
    options.stop?.removeEventListener('abort', onStop);
  }
}

/** Whether a parsed definition has the shape the engine runs. */
export function isRunnableDefinition(definition: unknown): definition is JsonObject {
  return isJsonObject(definition) && typeof definition.StartAt === 'string' && isJsonObject(definition.States);
}
