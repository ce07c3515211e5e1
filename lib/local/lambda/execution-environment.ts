import { fork, type ChildProcess } from 'node:child_process';
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
  | { readonly outcome: 'success'; readonly result: unknown; readonly maxMemoryUsedMb?: number }
  | {
      readonly outcome: 'error';
      readonly error: LambdaErrorPayload;
      readonly environmentLost: boolean;
      readonly maxMemoryUsedMb?: number;
    }
  | { readonly outcome: 'timeout'; readonly error: LambdaErrorPayload };

/**
 * Where an execution environment runs: a worker thread of the local cloud's process (fast to
 * start, the host's Node), or a child process on the Node of the function's runtime (Lambda's
 * isolation: own heap limit, own working directory, `process.exit` and crashes stay inside).
 */
export type Isolation = 'thread' | 'process';

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
  /** Heap limit of the environment (MB), when memory is enforced. */
  readonly maxOldGenerationSizeMb?: number;
  /** @default 'thread' */
  readonly isolation?: Isolation;
  /** The Node binary of a `process` environment. @default - the host's (process.execPath) */
  readonly nodeBinary?: string;
  /** Receives each line the function prints, with the invocation last started in the environment. */
  readonly onOutput: (stream: 'stdout' | 'stderr', line: string, requestId: string | undefined) => void;
}

const BOOTSTRAP = path.join(__dirname, 'runtime-bootstrap.js');
/** runtime-bootstrap.js writes this line after an invocation's output (see `flushOutput` there). */
const FLUSH_MARKER = '\u0000local-cloud-flush:';
/** How long an invocation's answer waits for its output to be read, at most (wall ms). */
const FLUSH_WAIT_MS = 250;

type WorkerMessage =
  | { type: 'ready'; initDurationMs: number }
  | { type: 'init-error'; error: LambdaErrorPayload }
  | { type: 'result'; requestId: string; ok: true; result: string; maxMemoryUsedMb?: number }
  | { type: 'result'; requestId: string; ok: false; error: LambdaErrorPayload; maxMemoryUsedMb?: number };

/** One write of a worker thread's function to stdout or stderr (see runtime-bootstrap.js). */
type OutputMessage = { type: 'output'; stream: 'stdout' | 'stderr'; text: string };

/** What ExecutionEnvironment needs of a worker thread or a child process. */
interface Sandbox {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  send(message: unknown): void;
  onMessage(listener: (message: WorkerMessage | OutputMessage) => void): void;
  /** A crash: a worker's uncaught error, or a child process that could not start. */
  onError(listener: (error: Error & { code?: string }) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<void>;
}

function workerSandbox(props: ExecutionEnvironmentProps): Sandbox {
  const worker = new Worker(BOOTSTRAP, {
    workerData: { taskRoot: props.taskRoot, handler: props.handler },
    env: props.env,
    execArgv: [...props.execArgv],
    stdout: true,
    stderr: true,
    ...(props.maxOldGenerationSizeMb
      ? { resourceLimits: { maxOldGenerationSizeMb: props.maxOldGenerationSizeMb } }
      : {}),
  });
  return {
    stdout: worker.stdout,
    stderr: worker.stderr,
    send: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) => worker.on('error', listener),
    onExit: (listener) => worker.on('exit', (code) => listener(code, null)),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    terminate: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

function processSandbox(props: ExecutionEnvironmentProps): Sandbox {
  const child: ChildProcess = fork(BOOTSTRAP, [JSON.stringify({ taskRoot: props.taskRoot, handler: props.handler })], {
    execPath: props.nodeBinary ?? process.execPath,
    execArgv: [
      ...props.execArgv,
      ...(props.maxOldGenerationSizeMb ? [`--max-old-space-size=${props.maxOldGenerationSizeMb}`] : []),
    ],
    env: props.env,
    cwd: props.taskRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let terminating = false;
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => child.on('message', listener as (message: unknown) => void),
    onError: (listener) => child.on('error', listener),
    // 'close' comes after the child's stdio ended: the out-of-memory report on stderr is read by then.
    onExit: (listener) =>
      child.on('close', (code, signal) => {
        if (!terminating) listener(code, signal);
      }),
    ref: () => {
      child.ref();
      child.channel?.ref();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
    terminate: async () => {
      terminating = true;
      if (child.exitCode === null && child.signalCode === null) {
        // An idle environment is unref'd; waiting for its exit must keep this process alive.
        child.ref();
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * One Lambda execution environment: a worker thread or a child process that loaded the
 * function's handler once (the cold start) and runs one invocation at a time. A timeout, a crash,
 * running out of memory or `process.exit` ends the environment — never the local cloud — and it
 * is then `dead`.
 */
export class ExecutionEnvironment {
  readonly logStreamName: string;
  private worker?: Sandbox;
  private state: 'new' | 'initializing' | 'ready' | 'busy' | 'dead' = 'new';
  private settle?: (message: WorkerMessage | { type: 'lost'; error: LambdaErrorPayload }) => void;
  private lastUsedAt = 0;
  private currentRequestId?: string;
  /** The request id of the last flush marker read on each stream. */
  private readonly flushed = { stdout: '', stderr: '' };
  private onFlushed?: () => void;

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
    // Init Duration is counted from the start of the sandbox: a child process's own start-up is
    // part of the cold start, as the runtime's start is in Lambda's Init Duration.
    const startedAt = performance.now();
    const worker = this.props.isolation === 'process' ? processSandbox(this.props) : workerSandbox(this.props);
    this.worker = worker;
    let stderrTail = '';
    if (worker.stdout) this.pipe(worker.stdout, 'stdout');
    if (worker.stderr) {
      this.pipe(worker.stderr, 'stderr');
      // V8 reports a heap over --max-old-space-size on stderr, then aborts the process.
      worker.stderr.on('data', (chunk: string | Buffer) => (stderrTail = (stderrTail + String(chunk)).slice(-2000)));
    }
    const threadOutput = { stdout: new LineSplitter(), stderr: new LineSplitter() };
    worker.onMessage((message) => {
      // A worker thread's output comes before the answer it belongs to, on the same port.
      if (message.type === 'output') {
        threadOutput[message.stream].push(message.text, (line) => this.output(message.stream, line));
        return;
      }
      this.settle?.(message);
    });
    worker.onError((error) =>
      this.lose({
        // A heap over MemorySize ends the worker as Lambda ends the sandbox.
        errorType: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : error.name || 'Error',
        errorMessage:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'RequestId: unknown Error: Runtime exited with error: signal: killed'
            : error.message,
        stackTrace: stackOf(error),
      }),
    );
    worker.onExit((code, signal) => {
      // What a worker thread printed last without a newline is still its output.
      for (const name of ['stdout', 'stderr'] as const) threadOutput[name].end((line) => this.output(name, line));
      this.lose(
        /heap out of memory|Reached heap limit/i.test(stderrTail)
          ? {
              errorType: 'Runtime.OutOfMemory',
              errorMessage: 'RequestId: unknown Error: Runtime exited with error: signal: killed',
            }
          : {
              errorType: 'Runtime.ExitError',
              errorMessage: `RequestId: unknown Error: Runtime exited with error: ${
                signal ? `signal: ${signal.replace(/^SIG/, '').toLowerCase()}` : `exit status ${code}`
              }`,
            },
      );
    });

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
      return { ok: true, initDurationMs: performance.now() - startedAt };
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
    this.worker.send({ type: 'invoke', requestId, payload: payloadJson, context });
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
    await this.outputRead(requestId);
    this.state = 'ready';
    this.worker?.unref();
    const memory = message.maxMemoryUsedMb !== undefined ? { maxMemoryUsedMb: message.maxMemoryUsedMb } : {};
    if (!message.ok) {
      return { outcome: 'error', error: message.error, environmentLost: false, ...memory };
    }
    return { outcome: 'success', result: JSON.parse(message.result) as unknown, ...memory };
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

  /**
   * Waits (briefly) until the invocation's flush marker was read on stdout and stderr: the answer
   * travels on another channel and can overtake the last lines, which belong to the invocation
   * (its log, `X-Amz-Log-Result`).
   */
  private async outputRead(requestId: string): Promise<void> {
    // A worker thread's output arrived on its port before its answer (the 'output' messages).
    if (this.props.isolation !== 'process') return;
    const done = () => this.flushed.stdout === requestId && this.flushed.stderr === requestId;
    if (done() || !this.worker?.stdout) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, FLUSH_WAIT_MS);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.onFlushed = () => {
        if (done()) {
          this.onFlushed = undefined;
          finish();
        }
      };
    });
  }

  /** One line the function printed, attributed to the invocation running (`\r` stands for a newline within a log event). */
  private output(name: 'stdout' | 'stderr', line: string): void {
    this.props.onOutput(name, line.replace(/\r/g, '\n'), this.currentRequestId);
  }

  private pipe(stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr'): void {
    const lines = new LineSplitter();
    const onLine = (line: string) => {
      if (line.startsWith(FLUSH_MARKER)) {
        this.flushed[name] = line.slice(FLUSH_MARKER.length);
        this.onFlushed?.();
      } else {
        this.output(name, line);
      }
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => lines.push(chunk, onLine));
    stream.on('end', () => lines.end(onLine));
  }
}

/** Cuts text that arrives in pieces into lines; a line is complete at its newline. */
class LineSplitter {
  private pending = '';

  push(text: string, onLine: (line: string) => void): void {
    this.pending += text;
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      onLine(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  /** The last line, when the text ended without a newline. */
  end(onLine: (line: string) => void): void {
    if (this.pending) onLine(this.pending);
    this.pending = '';
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
