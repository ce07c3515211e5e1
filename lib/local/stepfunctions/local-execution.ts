import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { TraceRecorder } from '../trace';
import type { JsonValue } from './engine/json';
import { runExecution, type ExecutionOutcome } from './engine/run-execution';
import type { VariableScope } from './engine/variables';
import { ExecutionHistory, NOT_TRUNCATED, type HistoryEvent } from './execution-history';
import type { TaskServices } from './integrations/task-services';
import type { TaskTokens } from './integrations/task-tokens';
import type { RegisteredStateMachine } from './state-machine-registration';
import { localTaskRunner } from './task-handlers';
import type { TaskIntegrations } from './task-integrations';
import { OpenAttempts, type StartChildExecution, type TaskScope } from './task-scope';

/** The status of an execution, as DescribeExecution reports it. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** An execution as DescribeExecution reports it (dates in AWS ms). */
export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  /** The input as JSON text. */
  readonly input: string;
  /** The output as JSON text (SUCCEEDED only). */
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** Who started it: `events:<rule>`, `api`, ... */
  readonly trigger: string;
  readonly traceHeader?: string;
  /** The trace's correlation id of the input, if any. */
  readonly correlationId?: string;
  /** The version that ran, when started through a version or alias ARN. */
  readonly stateMachineVersionArn?: string;
  /** The alias it was started through. */
  readonly stateMachineAliasArn?: string;
}

export interface LocalExecutionProps {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachine: RegisteredStateMachine;
  /** The input as JSON text (already checked to parse). */
  readonly input: string;
  readonly trigger: string;
  readonly traceHeader?: string;
  readonly clock: Clock;
  readonly trace?: TraceRecorder;
  readonly integrations: TaskIntegrations;
  readonly region: string;
  /** Where `.waitForTaskToken` Tasks wait for their callback. */
  readonly taskTokens: TaskTokens;
  /** @default - no endpoint calls, no IAM checks */
  readonly services?: TaskServices;
  /** Starts a child execution (`states:startExecution`). */
  readonly startExecution: StartChildExecution;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  /** Keeps the execution under `--data`. @default - in memory only */
  readonly journal?: ExecutionJournal;
  /** The execution as the store kept it: an ended one is only described, a running one resumes. */
  readonly restored?: StoredExecution;
}

/** Where a running execution would go on from: the next top-level state, its input, the variables. */
export interface ExecutionCheckpoint {
  readonly state: string;
  readonly input: JsonValue;
  readonly variables: Readonly<Record<string, JsonValue>>;
}

/** An execution as the store keeps it under `--data`. */
export interface StoredExecution {
  readonly description: ExecutionDescription;
  readonly checkpoint?: ExecutionCheckpoint;
  readonly history: readonly HistoryEvent[];
}

/** What an execution tells the store that keeps it: it started, moved on to a state, or ended. */
export interface ExecutionJournal {
  executionChanged(execution: LocalExecution): void;
}

interface Outcome {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/**
 * One execution of a state machine, run by the local ASL interpreter (`engine/`) from the moment it
 * is created.
 * It records its history and trace (execution.started, state.entered, execution.succeeded /
 * execution.failed — TIMED_OUT and ABORTED executions are traced as execution.failed with error
 * `States.Timeout` / `States.Aborted`) and stays queryable after it ends.
 */
export class LocalExecution {
  readonly history: ExecutionHistory;
  /** Resolves when the execution has ended (never rejects). */
  readonly done: Promise<ExecutionDescription>;
  private readonly startDate: number;
  private readonly correlationId?: string;
  private readonly ended = new AbortController();
  private outcome?: Outcome;
  private stopDate?: number;
  private readonly stopSignal = new AbortController();
  private stopRequest?: { readonly error?: string; readonly cause?: string };
  private checkpoint?: ExecutionCheckpoint;
  /** Set when a shutdown stops the execution: what the store keeps of it (still running). */
  private storedAtShutdown?: StoredExecution;

  constructor(private readonly props: LocalExecutionProps) {
    this.history = new ExecutionHistory(props.clock);
    const restored = props.restored;
    this.startDate = restored?.description.startDate ?? props.clock.now();
    const input = JSON.parse(props.input) as JsonValue;
    this.correlationId = props.trace?.correlate(input);
    if (restored) {
      const { description } = restored;
      this.history.restore(restored.history, description.status !== 'RUNNING');
      if (description.status !== 'RUNNING') {
        this.outcome = {
          status: description.status,
          ...(description.output !== undefined ? { output: description.output } : {}),
          ...(description.error !== undefined ? { error: description.error } : {}),
          ...(description.cause !== undefined ? { cause: description.cause } : {}),
        };
        this.stopDate = description.stopDate;
        this.done = Promise.resolve(this.describe());
        return;
      }
    }
    this.done = this.run(input, restored?.checkpoint);
  }

  /** The execution as the store keeps it. */
  toStored(): StoredExecution {
    if (this.storedAtShutdown) return this.storedAtShutdown;
    return {
      description: this.describe(),
      ...(this.checkpoint && !this.outcome ? { checkpoint: this.checkpoint } : {}),
      history: this.history.events,
    };
  }

  /**
   * Fixes what `toStored()` answers from now on to the execution as it is, running: a shutdown
   * stops it next, and a write of the store still to come must keep it running (to resume), not
   * aborted by the shutdown.
   */
  keepAsStoredForShutdown(): void {
    const stored = this.toStored();
    // The history grows in place: the aborted event the stop adds must not reach the copy kept.
    this.storedAtShutdown = { ...stored, history: [...stored.history] };
  }

  get executionArn(): string {
    return this.props.executionArn;
  }

  get status(): ExecutionStatus {
    return this.outcome?.status ?? 'RUNNING';
  }

  describe(): ExecutionDescription {
    const { stateMachine } = this.props;
    return {
      executionArn: this.props.executionArn,
      stateMachineArn: stateMachine.arn,
      stateMachineName: stateMachine.name,
      name: this.props.name,
      type: stateMachine.type,
      status: this.status,
      startDate: this.startDate,
      input: this.props.input,
      trigger: this.props.trigger,
      ...(this.stopDate !== undefined ? { stopDate: this.stopDate } : {}),
      ...(this.outcome?.output !== undefined ? { output: this.outcome.output } : {}),
      ...(this.outcome?.error !== undefined ? { error: this.outcome.error } : {}),
      ...(this.outcome?.cause !== undefined ? { cause: this.outcome.cause } : {}),
      ...(this.props.traceHeader !== undefined ? { traceHeader: this.props.traceHeader } : {}),
      ...(this.correlationId !== undefined ? { correlationId: this.correlationId } : {}),
      ...(this.props.stateMachineVersionArn !== undefined
        ? { stateMachineVersionArn: this.props.stateMachineVersionArn }
        : {}),
      ...(this.props.stateMachineAliasArn !== undefined
        ? { stateMachineAliasArn: this.props.stateMachineAliasArn }
        : {}),
    };
  }

  /** The state machine (revision) this execution runs. */
  get stateMachine(): RegisteredStateMachine {
    return this.props.stateMachine;
  }

  /**
   * Aborts a running execution (StopExecution); it ends ABORTED with the given error and cause.
   * @returns false when it had already ended
   */
  stop(error?: string, cause?: string): boolean {
    if (this.outcome || this.stopRequest) return false;
    this.stopRequest = { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
    this.stopSignal.abort();
    return true;
  }

  private async run(input: JsonValue, resumeFrom?: ExecutionCheckpoint): Promise<ExecutionDescription> {
    const { stateMachine, clock } = this.props;
    const scope: TaskScope = {
      executionArn: this.props.executionArn,
      stateMachineArn: stateMachine.arn,
      stateMachineName: stateMachine.name,
      roleArn: stateMachine.roleArn,
      region: this.props.region,
      integrations: this.props.integrations,
      history: this.history,
      clock,
      signal: this.ended.signal,
      attempts: new OpenAttempts(),
      taskTokens: this.props.taskTokens,
      mintedTokens: new Set(),
      services: this.props.services ?? {},
      startExecution: this.props.startExecution,
      heartbeatSeconds: new Map(),
      ...(this.correlationId !== undefined ? { correlationId: this.correlationId } : {}),
    };
    if (!resumeFrom) {
      this.history.add('ExecutionStarted', {
        input: this.props.input,
        inputDetails: NOT_TRUNCATED,
        roleArn: stateMachine.roleArn,
      });
      this.traceExecution('execution.started');
      this.props.journal?.executionChanged(this);
    }
    let variables: VariableScope | undefined;
    let outcome: Outcome;
    try {
      outcome = this.outcomeOf(
        await runExecution({
          definition: stateMachine.prepared.original,
          // A resumed execution enters again the state it was in (its Task runs again: at least once).
          input: resumeFrom?.input ?? input,
          ...(resumeFrom ? { variables: resumeFrom.variables } : {}),
          onVariables: (scope) => (variables = scope),
          checkpoints: {
            ...(resumeFrom ? { startAt: resumeFrom.state } : {}),
            ...(this.props.journal
              ? {
                  beforeState: (state: string, stateInput: JsonValue) => {
                    this.checkpoint = { state, input: stateInput, variables: variables?.all() ?? {} };
                    this.props.journal?.executionChanged(this);
                  },
                }
              : {}),
          },
          identity: {
            executionArn: this.props.executionArn,
            executionName: this.props.name,
            input,
            roleArn: stateMachine.roleArn,
            startTime: this.startDate,
            stateMachineArn: stateMachine.arn,
            stateMachineName: stateMachine.name,
          },
          clock,
          history: this.history,
          runTask: localTaskRunner(scope),
          stop: this.stopSignal.signal,
          minTaskTimeoutWallSeconds: stateMachine.prepared.minTaskTimeoutWallSeconds,
          onStateEntered: (state) => this.traceState(state),
          // The abandoned attempt's late outcome is not recorded (the engine records TaskTimedOut).
          onTaskTimedOut: (state) => scope.attempts.abandonOldest(state),
        }),
      );
    } catch (error) {
      outcome = { status: 'FAILED', error: 'States.Runtime', cause: (error as Error).message };
    }
    this.finish(outcome);
    return this.describe();
  }

  private outcomeOf(outcome: ExecutionOutcome): Outcome {
    switch (outcome.status) {
      case 'SUCCEEDED':
        return { status: 'SUCCEEDED', output: JSON.stringify(outcome.output) };
      case 'ABORTED':
        return { status: 'ABORTED', ...this.stopRequest };
      default:
        return {
          status: outcome.status,
          ...(outcome.error !== undefined ? { error: outcome.error } : {}),
          ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}),
        };
    }
  }

  private finish(outcome: Outcome): void {
    this.outcome = outcome;
    this.stopDate = this.props.clock.now();
    this.ended.abort(new Error(`execution '${this.props.executionArn}' ended ${outcome.status}`));
    this.props.journal?.executionChanged(this);
    const errorDetails = {
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}),
    };
    switch (outcome.status) {
      case 'SUCCEEDED':
        this.history.close('ExecutionSucceeded', { output: outcome.output, outputDetails: NOT_TRUNCATED });
        this.traceExecution('execution.succeeded');
        return;
      case 'FAILED':
        this.history.close('ExecutionFailed', errorDetails);
        break;
      case 'TIMED_OUT':
        this.history.close('ExecutionTimedOut', errorDetails);
        break;
      case 'ABORTED':
        this.history.close('ExecutionAborted', errorDetails);
        break;
    }
    const traceError = outcome.status === 'ABORTED' ? 'States.Aborted' : outcome.error;
    this.traceExecution('execution.failed', traceError);
  }

  private traceState(state: string): void {
    this.props.trace?.record({
      kind: 'state.entered',
      stateMachine: this.props.stateMachine.name,
      executionArn: this.props.executionArn,
      state,
      ...(this.correlationId !== undefined ? { correlationId: this.correlationId } : {}),
    });
  }

  private traceExecution(kind: 'execution.started' | 'execution.succeeded' | 'execution.failed', error?: string): void {
    this.props.trace?.record({
      kind,
      stateMachine: this.props.stateMachine.name,
      executionArn: this.props.executionArn,
      ...(error !== undefined ? { error } : {}),
      ...(this.correlationId !== undefined ? { correlationId: this.correlationId } : {}),
    });
  }
}

/** A new execution name: a UUID, as AWS picks when none is given. */
export function newExecutionName(): string {
  return randomUUID();
}
