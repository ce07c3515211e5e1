import type { Clock } from '../clock';
import type { ExecutionHistory } from './execution-history';
import type { TaskIntegrations } from './task-integrations';

/** One run of a Task state's handler. */
export interface TaskAttempt {
  readonly stateName: string;
  /** Set when the interpreter gave up on it (States.Timeout): its late outcome is not recorded. */
  abandoned: boolean;
}

/**
 * The attempts of Task states still running in one execution, oldest first per state, so the
 * interpreter's `States.Timeout` for a state can be pinned on the attempt it abandoned.
 */
export class OpenAttempts {
  private readonly open = new Map<string, TaskAttempt[]>();

  begin(stateName: string): TaskAttempt {
    const attempt: TaskAttempt = { stateName, abandoned: false };
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
    if (oldest) oldest.abandoned = true;
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
}
