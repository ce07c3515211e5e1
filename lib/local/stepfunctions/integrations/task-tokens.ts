import { randomBytes } from 'node:crypto';
import { parseArn, stateMachineArn } from '../../arn';
import type { Clock, TimerHandle } from '../../clock';
import { StepFunctionsApiError } from '../stepfunctions-errors';
import { TaskFailedError } from '../task-errors';

/** Prefix of every token this local cloud mints (AWS's tokens start with `AQ` too). */
const TOKEN_PREFIX = 'AQ';
const TOKEN_PATTERN = /^AQ[A-Za-z0-9_-]{64}$/;

/**
 * A new task token, for `$$.Task.Token` of a Task using `.waitForTaskToken`. Tokens are opaque to
 * callers; their shape only lets SendTask* tell a malformed token (`InvalidToken`) from one that
 * names no task (`TaskDoesNotExist`), as AWS does by decoding its own tokens.
 */
export function newTaskToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(48).toString('base64url')}`;
}

/** Whether the string has the shape of a token this local cloud mints. */
export function isWellFormedTaskToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** `InvalidToken`: the token cannot be decoded (SendTaskSuccess / Failure / Heartbeat). */
export class InvalidTaskTokenError extends StepFunctionsApiError {
  constructor() {
    super('InvalidToken', 'Invalid token');
  }
}

/** `TaskDoesNotExist`: the token is well formed but no task was ever given it. */
export class TaskDoesNotExistError extends StepFunctionsApiError {
  constructor() {
    super('TaskDoesNotExist', 'Task Does Not Exist');
  }
}

/**
 * `TaskTimedOut`: the task was given the token but is closed — it already succeeded or failed
 * (a reused token), timed out, or its execution ended. AWS answers a reused token this way, with
 * this message.
 */
export class TaskTimedOutError extends StepFunctionsApiError {
  constructor() {
    super('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
  }
}

/** The task's output as SendTaskSuccess gave it is not JSON. */
export class InvalidTaskOutputError extends StepFunctionsApiError {
  constructor(output: string) {
    super('InvalidOutput', `Invalid Output: '${output.slice(0, 100)}'`);
  }
}

/** What waits on a token. */
export interface TaskTokenWait {
  readonly executionArn: string;
  readonly stateName: string;
  /** `HeartbeatSeconds` in AWS seconds: without a heartbeat for that long the task fails. */
  readonly heartbeatSeconds?: number;
  /** Aborted when the task is abandoned (its state timed out, its execution ended). */
  readonly signal: AbortSignal;
}

interface OpenTask {
  readonly wait: TaskTokenWait;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: Error) => void;
  heartbeat?: TimerHandle;
}

/**
 * The tasks waiting for a callback, by token. `await tokens.wait(token, ...)` resolves with the
 * output of SendTaskSuccess, rejects with `TaskFailedError(error, cause)` for SendTaskFailure and
 * with `States.HeartbeatTimeout` when no heartbeat came in time. A closed task's token answers
 * `TaskTimedOut` from then on; a token never issued `TaskDoesNotExist`; a malformed one
 * `InvalidToken`.
 */
export class TaskTokens {
  private readonly open = new Map<string, OpenTask>();
  private readonly closed = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** Waits for the callback of the task that was given `token`. */
  wait(token: string, wait: TaskTokenWait): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (wait.signal.aborted) {
        this.closed.add(token);
        reject(wait.signal.reason as Error);
        return;
      }
      const task: OpenTask = { wait, resolve, reject };
      this.open.set(token, task);
      this.armHeartbeat(token, task);
      wait.signal.addEventListener(
        'abort',
        () => this.close(token, (open) => open.reject(wait.signal.reason as Error)),
        {
          once: true,
        },
      );
    });
  }

  /**
   * The ARN of the state machine whose task waits on `token` (what IAM authorizes SendTask*
   * against: `grantTaskResponse` grants on the state machine), or `undefined` if none waits.
   */
  stateMachineArnOf(token: string): string | undefined {
    const executionArn = this.open.get(token)?.wait.executionArn;
    if (executionArn === undefined) return undefined;
    const { region, resource } = parseArn(executionArn);
    const stateMachineName = resource.split(':')[1];
    return stateMachineName === undefined ? undefined : stateMachineArn(region, stateMachineName);
  }

  /** Issued tokens whose task still waits. */
  get waiting(): number {
    return this.open.size;
  }

  /**
   * SendTaskSuccess: the task ends with `output` (JSON text).
   * @throws InvalidTaskTokenError | TaskDoesNotExistError | TaskTimedOutError | InvalidTaskOutputError
   */
  succeed(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new InvalidTaskOutputError(output);
    }
    this.close(this.assertOpen(token), (task) => task.resolve(parsed));
  }

  /**
   * SendTaskFailure: the task fails with `error` and `cause` (what Retry and Catch see).
   * @throws InvalidTaskTokenError | TaskDoesNotExistError | TaskTimedOutError
   */
  fail(token: string, error?: string, cause?: string): void {
    this.close(this.assertOpen(token), (task) => task.reject(new TaskFailedError(error ?? '', cause ?? '')));
  }

  /**
   * SendTaskHeartbeat: the task's heartbeat timeout starts again.
   * @throws InvalidTaskTokenError | TaskDoesNotExistError | TaskTimedOutError
   */
  heartbeat(token: string): void {
    const task = this.open.get(this.assertOpen(token));
    if (task) this.armHeartbeat(token, task);
  }

  private assertOpen(token: string): string {
    if (!isWellFormedTaskToken(token)) throw new InvalidTaskTokenError();
    if (this.open.has(token)) return token;
    if (this.closed.has(token)) throw new TaskTimedOutError();
    throw new TaskDoesNotExistError();
  }

  private close(token: string, settle: (task: OpenTask) => void): void {
    const task = this.open.get(token);
    if (!task) return;
    task.heartbeat?.cancel();
    this.open.delete(token);
    this.closed.add(token);
    settle(task);
  }

  private armHeartbeat(token: string, task: OpenTask): void {
    task.heartbeat?.cancel();
    const seconds = task.wait.heartbeatSeconds;
    if (seconds === undefined) return;
    task.heartbeat = this.clock.setTimer(seconds * 1000, () =>
      this.close(token, (open) =>
        open.reject(new TaskFailedError('States.HeartbeatTimeout', 'The task did not send a heartbeat in time.')),
      ),
    );
  }
}
