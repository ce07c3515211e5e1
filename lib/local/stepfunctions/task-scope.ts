import type { Clock } from '../clock';
import type { ExecutionHistory } from './execution-history';
import type { TaskServices } from './integrations/task-services';
import type { TaskTokens } from './integrations/task-tokens';
import type { LocalExecution } from './local-execution';
import type { TaskIntegrations } from './task-integrations';

/** One run of a Task state's handler. */
export interface TaskAttempt {
  readonly stateName: string;
  /** Set when the interpreter gave up on it (States.Timeout): its late outcome is not recorded. */
  abandoned: boolean;
  /** Aborted when the interpreter gives up on it or the execution ends (a waiting callback closes). */
  readonly signal: AbortSignal;
}

/** A child execution a Task starts (`states:startExecution`). */
export type StartChildExecution = (stateMachineArn: string, input: string, name?: string) => LocalExecution;

/**
 * The attempts of Task states still running in one execution, oldest first per state, so the
 * interpreter's `States.Timeout` for a state can be pinned on the attempt it abandoned.
 */
export class OpenAttempts {
  private readonly open = new Map<string, TaskAttempt[]>();

  private readonly controllers = new WeakMap<TaskAttempt, AbortController>();

  begin(stateName: string, executionSignal: AbortSignal): TaskAttempt {
    const controller = new AbortController();
    const attempt: TaskAttempt = {
      stateName,
      abandoned: false,
      signal: AbortSignal.any([controller.signal, executionSignal]),
    };
    this.controllers.set(attempt, controller);
    this.open.set(stateName, [...(this.open.get(stateName) ?? []), attempt]);
    return attempt;
  }

  end(attempt: TaskAttempt): void {
    const remaining = (this.open.get(attempt.stateName) ?? []).filter((other) => other !== attempt);
    if (remaining.length > 0) this.open.set(attempt.stateName, remaining);
    else this.open.delete(attempt.stateName);
  }

  /** Marks the oldest running attempt of the state abandoned (its timeout fired). */
  abandonOldest(stateName: string): void {
    const oldest = this.open.get(stateName)?.find((attempt) => !attempt.abandoned);
    if (!oldest) return;
    oldest.abandoned = true;
    this.controllers.get(oldest)?.abort(new Error(`task state '${stateName}' timed out`));
  }
}

/** What the Task handlers of one execution share. */
export interface TaskScope {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly roleArn: string;
  readonly region: string;
  readonly correlationId?: string;
  readonly integrations: TaskIntegrations;
  readonly history: ExecutionHistory;
  readonly clock: Clock;
  /** Aborted when the execution ends (stopped, timed out): pending waits give up. */
  readonly signal: AbortSignal;
  readonly attempts: OpenAttempts;
  /** The tokens of Tasks waiting for a callback (`.waitForTaskToken`). */
  readonly taskTokens: TaskTokens;
  /** Tokens minted for `$$.Task.Token` and not yet claimed by the Task they were given to. */
  readonly mintedTokens: Set<string>;
  /** The endpoint's operations and IAM for the machine's role. */
  readonly services: TaskServices;
  /** Starts a child execution (states:startExecution). */
  readonly startExecution: StartChildExecution;
  /**
   * The `HeartbeatSeconds` the engine evaluated for each waiting Task (number, `HeartbeatSecondsPath`
   * or JSONata expression), by the attempt's task token.
   */
  readonly heartbeatSeconds: Map<string, number>;
}
