/**
 * An error a state fails with, in Step Functions' terms: `error` is what Retry and Catch match
 * (`States.Runtime`, `States.TaskFailed`, a function's errorType, ...), `cause` the text AWS
 * reports with it. `name` and `message` mirror them, so task integrations' errors
 * (`TaskFailedError`, `TaskRuntimeError`) convert one to one.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(cause);
    this.name = error;
  }

  /**
   * AWS never retries or catches these, not even with `States.ALL`
   * (Step Functions developer guide, "Error names").
   */
  get isFatal(): boolean {
    return this.error === 'States.Runtime' || this.error === 'States.DataLimitExceeded';
  }
}

/** Where in the execution a state failed: AWS prefixes evaluation causes with it. */
export interface StateLocation {
  readonly stateName: string;
  /** The id of the state's `...StateEntered` history event. */
  readonly enteredEventId: number;
}

/** AWS's cause prefix for failures while a state evaluates its fields. */
export function causeAt(location: StateLocation, detail: string): string {
  return `An error occurred while executing the state '${location.stateName}' (entered at the event id #${location.enteredEventId}). ${detail}`;
}

/** `States.Runtime` for a path or a field that cannot be evaluated. */
export function runtimeError(location: StateLocation, detail: string): StatesError {
  return new StatesError('States.Runtime', causeAt(location, detail));
}

/** `States.QueryEvaluationError`: a JSONata expression failed or returned what the field cannot take. */
export function queryEvaluationError(location: StateLocation, detail: string): StatesError {
  return new StatesError('States.QueryEvaluationError', causeAt(location, detail));
}

/** Any thrown value as a StatesError (integrations throw errors whose name is the error). */
export function toStatesError(thrown: unknown): StatesError {
  if (thrown instanceof StatesError) return thrown;
  if (thrown instanceof Error) {
    const named = thrown.name && thrown.name !== 'Error' ? thrown.name : 'States.TaskFailed';
    return new StatesError(named, thrown.message);
  }
  return new StatesError('States.TaskFailed', String(thrown));
}
