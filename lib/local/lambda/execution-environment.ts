import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Clock } from '../clock';

/** An error as Lambda reports it in an invocation's response. */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace?: readonly string[];
}

/** What one invocation in an environment came to. */
export type EnvironmentOutcome =
  | { readonly outcome: 'success'; readonly result: unknown }
  | { readonly outcome: 'error'; readonly error: LambdaErrorPayload; readonly environmentLost: boolean }
  | { readonly outcome: 'timeout'; readonly error: LambdaErrorPayload };

/** The context members that travel to the worker (the worker adds the methods). */
export interface InvocationContextData {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** Wall clock (Date.now()) deadline; with `timeScale` the worker computes remaining AWS ms. */
  readonly deadlineWallMs: number;
  readonly timeScale: number;
}

export interface ExecutionEnvironmentProps {
  readonly functionName: string;
  readonly taskRoot: string;
  readonly handler: string;
  readonly env: Record<string, string>;
  readonly execArgv: readonly string[];
  readonly clock: Clock;
  /** Lambda's log stream name of the environment (`YYYY/MM/DD/[$LATEST]<hex>`). */
  readonly logStreamName: string;
  /** Heap limit of the worker (MB), when memory is enforced. */
  readonly maxOldGenerationSizeMb?: number;
  /** Receives each line the function prints, with the invocation last started in the environment. */
  readonly onOutput: (stream: 'stdout' | 'stderr', line: string, requestId: string | undefined) => void;
}

const BOOTSTRAP = path.join(__dirname, 'worker-bootstrap.js');

type WorkerMessage =
  | { type: 'ready'; initDurationMs: number }
  | { type: 'init-error'; error: LambdaErrorPayload }
  | { type: 'result'; requestId: string; ok: true; result: string }
  | { type: 'result'; requestId: string; ok: false; error: LambdaErrorPayload };

/**
 * One Lambda execution environment: a worker thread that loaded the function's handler once
 * (the cold start) and runs one invocation at a time. A timeout, a crash or `process.exit`
 * ends the worker — never the local cloud — and the environment is then `dead`.
 */
export class ExecutionEnvironment {
  readonly logStreamName: string;
  private worker?: Worker;
  private state: 'new' | 'initializing' | 'ready' | 'busy' | 'dead' = 'new';
  private settle?: (message: WorkerMessage | { type: 'lost'; error: LambdaErrorPayload }) => void;
  private lastUsedAt = 0;
  private currentRequestId?: string;

  constructor(private readonly props: ExecutionEnvironmentProps) {
    this.logStreamName = props.logStreamName;
  }

  /** A new log stream name, as Lambda names one per environment. */
  static newLogStreamName(awsNow: number): string {
    const day = new Date(awsNow).toISOString().slice(0, 10).replace(/-/g, '/');
    return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
  }

  get alive(): boolean {
    return this.state !== 'dead';
  }

  /** Wall time of the last invocation's end, for evicting the least recently used. */
  get idleSince(): number {
    return this.lastUsedAt;
  }

  /**
   * Starts the worker and loads the handler. Resolves when it is ready, or with the init error
   * (the environment is then dead). `timeoutWallMs` bounds the init phase in wall time: loading
   * modules is real work that a time scale does not speed up.
   */
  async init(
    timeoutWallMs: number,
  ): Promise<{ ok: true; initDurationMs: number } | { ok: false; error: LambdaErrorPayload }> {
    if (this.state !== 'new') {
      throw new Error(`environment of '${this.props.functionName}' is already ${this.state}`);
    }
    this.state = 'initializing';
    const worker = new Worker(BOOTSTRAP, {
      workerData: { taskRoot: this.props.taskRoot, handler: this.props.handler },
      env: this.props.env,
      execArgv: [...this.props.execArgv],
      stdout: true,
      stderr: true,
      ...(this.props.maxOldGenerationSizeMb
        ? { resourceLimits: { maxOldGenerationSizeMb: this.props.maxOldGenerationSizeMb } }
        : {}),
    });
    this.worker = worker;
    this.pipe(worker.stdout, 'stdout');
    this.pipe(worker.stderr, 'stderr');
    worker.on('message', (message: WorkerMessage) => this.settle?.(message));
    worker.on('error', (error: Error & { code?: string }) =>
      this.lose({
        // A heap over MemorySize (enforceMemoryLimit) ends the worker as Lambda ends the sandbox.
        errorType: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : error.name || 'Error',
        errorMessage: error.message,
        stackTrace: stackOf(error),
      }),
    );
    worker.on('exit', (code) =>
      this.lose({
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: unknown Error: Runtime exited with error: exit status ${code}`,
      }),
    );

    const message = await this.waitFor(timeoutWallMs * this.props.clock.timeScale);
    if (message === 'timeout') {
      await this.terminate();
      return {
        ok: false,
        error: {
          errorType: 'Runtime.InitTimeout',
          errorMessage: `init did not finish within ${timeoutWallMs} ms (wall)`,
        },
      };
    }
    if (message.type === 'ready') {
      this.state = 'ready';
      // Warm environments waiting for work must not keep the local cloud's process running.
      worker.unref();
      return { ok: true, initDurationMs: message.initDurationMs };
    }
    const error = message.type === 'init-error' || message.type === 'lost' ? message.error : unexpected(message);
    await this.terminate();
    return { ok: false, error };
  }

  /**
   * Runs one invocation. On timeout (`timeoutAwsMs` of AWS time) the worker is terminated and
   * the outcome is `timeout`; a crash or exit during the invocation is an `error` that loses the
   * environment.
   */
  async invoke(
    requestId: string,
    payloadJson: string,
    context: InvocationContextData,
    timeoutAwsMs: number,
  ): Promise<EnvironmentOutcome> {
    if (this.state !== 'ready' || !this.worker) {
      throw new Error(`environment of '${this.props.functionName}' is ${this.state}, not ready`);
    }
    this.state = 'busy';
    this.currentRequestId = requestId;
    // A busy environment keeps the process alive; an idle one does not (see below).
    this.worker.ref();
    this.worker.postMessage({ type: 'invoke', requestId, payload: payloadJson, context });
    const message = await this.waitFor(timeoutAwsMs);
    this.lastUsedAt = performance.now();
    if (message === 'timeout') {
      await this.terminate();
      return {
        outcome: 'timeout',
        error: {
          errorType: 'Sandbox.Timedout',
          errorMessage: `${requestId} Task timed out after ${(timeoutAwsMs / 1000).toFixed(2)} seconds`,
        },
      };
    }
    if (message.type === 'lost') {
      return { outcome: 'error', error: withRequestId(message.error, requestId), environmentLost: true };
    }
    if (message.type !== 'result' || message.requestId !== requestId) {
      await this.terminate();
      return { outcome: 'error', error: unexpected(message), environmentLost: true };
    }
    this.state = 'ready';
    this.worker?.unref();
    if (!message.ok) {
      return { outcome: 'error', error: message.error, environmentLost: false };
    }
    return { outcome: 'success', result: JSON.parse(message.result) as unknown };
  }

  /** Ends the worker (idempotent); an invocation in flight ends with `Runtime.Terminated`. */
  async terminate(): Promise<void> {
    this.state = 'dead';
    const worker = this.worker;
    this.worker = undefined;
    this.settle?.({
      type: 'lost',
      error: { errorType: 'Runtime.Terminated', errorMessage: 'the execution environment was shut down' },
    });
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }

  private waitFor(
    timeoutAwsMs: number,
  ): Promise<WorkerMessage | { type: 'lost'; error: LambdaErrorPayload } | 'timeout'> {
    return new Promise((resolve) => {
      const timer = this.props.clock.setTimer(timeoutAwsMs, () => {
        this.settle = undefined;
        resolve('timeout');
      });
      this.settle = (message) => {
        timer.cancel();
        this.settle = undefined;
        resolve(message);
      };
    });
  }

  private lose(error: LambdaErrorPayload): void {
    if (this.state === 'dead') {
      return;
    }
    this.state = 'dead';
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    if (this.settle) {
      this.settle({ type: 'lost', error });
    } else {
      // Crashed between invocations (a late timer threw): Lambda would log it and reset.
      this.props.onOutput('stderr', `${error.errorType}: ${error.errorMessage}`, this.currentRequestId);
    }
  }

  private pipe(stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr'): void {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        this.props.onOutput(name, pending.slice(0, newline), this.currentRequestId);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    stream.on('end', () => {
      if (pending) {
        this.props.onOutput(name, pending, this.currentRequestId);
      }
    });
  }
}

function stackOf(error: Error): string[] {
  return (error.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
}

function withRequestId(error: LambdaErrorPayload, requestId: string): LambdaErrorPayload {
  return { ...error, errorMessage: error.errorMessage.replace('RequestId: unknown', `RequestId: ${requestId}`) };
}

function unexpected(message: unknown): LambdaErrorPayload {
  return {
    errorType: 'Runtime.Unknown',
    errorMessage: `unexpected message from the runtime: '${JSON.stringify(message)}'`,
  };
}
