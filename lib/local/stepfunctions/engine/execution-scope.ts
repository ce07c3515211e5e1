import type { Clock } from '../../clock';
import type { ExecutionHistory } from '../execution-history';
import type { ExecutionIdentity, MapItem } from './context-object';
import type { JsonValue } from './json';
import type { TaskRunner } from './task-runner';
import type { VariableScope } from './variables';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** What every state of one execution shares. */
export interface ExecutionScope {
  readonly identity: ExecutionIdentity;
  readonly clock: Clock;
  readonly history: ExecutionHistory;
  readonly runTask: TaskRunner;
  /** Uniform in [0, 1): retry jitter, States.MathRandom, $random. */
  readonly random: () => number;
  /**
   * Smallest wall-clock Task timeout in seconds: under a time scale a task's wall-clock costs
   * (a cold start) are multiplied into AWS time and must not count as a timeout.
   */
  readonly minTaskTimeoutWallSeconds: number;
  /** Called when a state is entered (the trace). */
  readonly onStateEntered?: (stateName: string) => void;
  /**
   * Called when the engine abandons a Task attempt at its TimeoutSeconds (before TaskTimedOut
   * is recorded), so the runner records nothing more for it.
   */
  readonly onTaskTimedOut?: (stateName: string, resource: string) => void;
  /** Told the data after each result-processing step (TestState's inspection data). */
  readonly inspect?: (step: InspectionStep, value: JsonValue) => void;
}

/** The result-processing steps TestState reports (InspectionData of the API reference). */
export type InspectionStep = 'result' | 'afterResultSelector' | 'afterResultPath';

/** A (sub-)workflow being run: the top level, a Parallel branch, a Map iteration. */
export interface WorkflowScope {
  readonly execution: ExecutionScope;
  readonly variables: VariableScope;
  /** The query language of states that do not set their own. */
  readonly queryLanguage: QueryLanguage;
  /** Aborted when this workflow must stop (execution ended, a sibling branch failed). */
  readonly signal: AbortSignal;
  readonly mapItem?: MapItem;
}
