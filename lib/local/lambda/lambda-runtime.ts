import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_LOCAL_REGION, functionArn } from '../arn';
import type { Clock } from '../clock';
import type { TraceRecorder } from '../trace';
import { ColdStartGate, defaultMaxConcurrentColdStarts } from './cold-start-gate';
import {
  ExecutionEnvironment,
  type EnvironmentOutcome,
  type Isolation,
  type LambdaErrorPayload,
} from './execution-environment';
import { functionEnvironment } from './function-environment';
import { FunctionPool, type ConcurrencyOverflow } from './function-pool';
import type { LambdaFunctionConfig } from './lambda-function-config';
import {
  FunctionCodeUnavailableError,
  FunctionNotFoundError,
  RuntimeClosedError,
  TooManyRequestsError,
} from './lambda-errors';
import { MemoryLogSink, type FunctionLogEntry, type LogSink } from './log-sink';
import { findRuntimeNode, hostNode, nodeMajorOf, type RuntimeNode } from './runtime-node';

export interface LambdaRuntimeOptions {
  /** The functions to run (the assembly model's `functions` fit as they are). */
  readonly functions: readonly LambdaFunctionConfig[];
  readonly clock: Clock;
  /** Records invocation.started / invocation.ended. @default - no trace */
  readonly trace?: TraceRecorder;
  /** The local endpoint (`AWS_ENDPOINT_URL` of every function). */
  readonly endpointUrl: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Where function output goes. @default - a `MemoryLogSink` (see `logs`) */
  readonly logSink?: LogSink;
  /** Beyond a function's concurrency limit: wait (`queue`) or `throttle`. @default 'queue' */
  readonly concurrencyOverflow?: ConcurrencyOverflow;
  /**
   * Concurrency limit of functions without reserved concurrency (Lambda's account limit).
   * @default 1000
   */
  readonly unreservedConcurrencyLimit?: number;
  /**
   * Live environments over all functions before the least recently used idle one is ended to
   * make room (a soft cap: busy environments are never ended). Each one is a worker thread.
   * @default 64
   */
  readonly maxEnvironments?: number;
  /**
   * Wall ms a cold start may take to load the handler, counted from when its init starts (after
   * any wait for a cold-start slot). @default 30000
   */
  readonly initTimeoutWallMs?: number;
  /**
   * Execution environments initializing at once, over all functions. AWS starts every cold start
   * of a burst in parallel on its own machine; here they share the host's cores, so the others
   * wait for a slot — and take a warm environment of their function instead if one is released
   * first. Only cold starts wait: warm invocations and concurrency limits are unaffected.
   * `Infinity` starts every cold start at once, as AWS does.
   * @default - max(2, os.availableParallelism())
   */
  readonly maxConcurrentColdStarts?: number;
  /**
   * Function timeouts are AWS time; with a large time scale, a handler's real (wall) work can
   * exceed them. This floor (wall ms) keeps a timeout from firing earlier than that.
   * @default 0 - no floor: timeouts are exactly the function's Timeout in AWS time
   */
  readonly minTimeoutWallMs?: number;
  /**
   * Cap each worker thread's heap at the function's MemorySize (process environments always
   * are). @default false
   */
  readonly enforceMemoryLimit?: boolean;
  /**
   * Where execution environments run: `process`, a child process on the Node of the function's
   * runtime (nodejs24.x → Node 24) with its heap capped at MemorySize, as Lambda isolates them;
   * or `thread`, a worker thread of this process on the host's Node (faster cold starts).
   * @default 'thread'
   */
  readonly isolation?: Isolation;
  /**
   * The Node of a runtime (`process` isolation); undefined falls back to the host's Node with a
   * warning (see `warnings`). @default - findRuntimeNode: the host's, else the `runtimes/` package
   */
  readonly runtimeNode?: (runtime: string | undefined) => RuntimeNode | undefined;
  /**
   * Where `require` looks after the asset's own node_modules (`NODE_PATH`), for the modules a
   * bundle leaves external (`@aws-sdk/*`, as the Lambda runtime provides them).
   * @default - the node_modules directory of the project this file lives in
   */
  readonly nodePath?: readonly string[];
}

export interface InvokeOptions {
  /** Why: `sqs:<queue>`, `events:<rule>`, `states:<execution>`. @default 'direct' */
  readonly trigger?: string;
  /** Keep the invocation's log lines in the result (`log`), for `X-Amz-Log-Type: Tail`. @default false */
  readonly captureLog?: boolean;
}

export interface InvokeResult {
  readonly requestId: string;
  readonly outcome: 'success' | 'error' | 'timeout';
  /** The handler's return value, after a JSON round trip (as Lambda returns it). */
  readonly result?: unknown;
  readonly error?: LambdaErrorPayload;
  /** The log stream the invocation's lines went to. */
  readonly logStreamName?: string;
  /** The invocation's log lines, START to REPORT (with `captureLog`). */
  readonly log?: readonly string[];
  /** AWS ms the handler ran (init excluded, as Lambda's Duration). */
  readonly durationMs: number;
  /** Wall ms the cold start took to load the handler (Lambda's Init Duration). */
  readonly initDurationMs?: number;
  /**
   * Wall ms the invocation waited for a cold-start slot (`maxConcurrentColdStarts`), whether it
   * then started an environment or took one released meanwhile. Absent when it did not wait.
   */
  readonly coldStartWaitMs?: number;
  readonly coldStart: boolean;
}

export interface FunctionStats {
  readonly invocations: number;
  readonly coldStarts: number;
  /** Invocations that ended in an error or a timeout. */
  readonly errors: number;
  readonly timeouts: number;
  readonly throttles: number;
  /** Invocations running now. */
  readonly active: number;
  readonly peakConcurrency: number;
  /** Live execution environments (busy or warm). */
  readonly environments: number;
  /** Invocations waiting for a cold-start slot now. */
  readonly waitingForColdStart: number;
  /** Total wall ms invocations waited for a cold-start slot. */
  readonly coldStartWaitMs: number;
}

/** The cloud-wide bound on cold starts at once (`maxConcurrentColdStarts`). */
export interface ColdStartStats {
  /** Environments allowed to initialize at once (`Infinity`: no bound). */
  readonly limit: number;
  readonly initializing: number;
  /** Invocations waiting for a slot. */
  readonly waiting: number;
  /** The most environments that were ever initializing at once. */
  readonly peakInitializing: number;
}

type MutableStats = { -readonly [K in keyof FunctionStats]: FunctionStats[K] };

/**
 * Runs the app's Lambda functions on this machine: each execution environment is a worker
 * thread that loads the function's bundled asset with the function's environment (plus the
 * local endpoint and credentials naming the function). Environments are kept warm and reused;
 * a new one is a cold start. Timeouts are the function's Timeout in AWS time (Clock); a timeout
 * or crash ends that environment only. Function output goes to a log sink, not to stdout.
 *
 * Differences from Lambda, by design: every Node.js runtime runs on the host's Node; the
 * working directory is the host process's (workers cannot chdir); `TZ` is set in the
 * environment but Date uses the host's zone; memory is only capped with `enforceMemoryLimit`.
 *
 * @example
 * const runtime = new LambdaRuntime({ functions: model.functions, clock, trace, endpointUrl });
 * const { outcome, result } = await runtime.invoke('orders', event, { trigger: 'sqs:orders' });
 * await runtime.close();
 */
export class LambdaRuntime {
  /** The default sink's entries, when no `logSink` was given. */
  readonly logs: MemoryLogSink | undefined;
  private readonly functions = new Map<string, LambdaFunctionConfig>();
  private readonly pools = new Map<string, FunctionPool>();
  private readonly statistics = new Map<string, MutableStats>();
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly logSink: LogSink;
  private readonly region: string;
  private readonly nodePath: readonly string[];
  private readonly taskRoots = new Map<string, string>();
  private readonly inlineRoots: string[] = [];
  private readonly coldStartGate: ColdStartGate | undefined;
  private readonly nodes = new Map<string, RuntimeNode>();
  private readonly fallbackWarnings: string[] = [];
  /** Log lines of the invocations that asked for them (`captureLog`), by request id. */
  private readonly captures = new Map<string, string[]>();
  private closed = false;

  constructor(private readonly options: LambdaRuntimeOptions) {
    this.region = options.region ?? DEFAULT_LOCAL_REGION;
    this.logs = options.logSink ? undefined : new MemoryLogSink();
    this.logSink = options.logSink ?? (this.logs as MemoryLogSink);
    this.nodePath = options.nodePath ?? defaultNodePath();
    const maxColdStarts = options.maxConcurrentColdStarts ?? defaultMaxConcurrentColdStarts();
    this.coldStartGate = maxColdStarts === Infinity ? undefined : new ColdStartGate(maxColdStarts);
    for (const config of options.functions) {
      this.functions.set(config.name, config);
      if (options.isolation === 'process') this.nodes.set(config.name, this.nodeFor(config));
      const limit = config.reservedConcurrency ?? options.unreservedConcurrencyLimit ?? 1000;
      this.pools.set(
        config.name,
        new FunctionPool(
          config.name,
          limit,
          options.concurrencyOverflow ?? 'queue',
          // The current configuration: `replaceCode` swaps it.
          () => this.createEnvironment(this.functions.get(config.name) ?? config),
          this.coldStartGate,
        ),
      );
      this.statistics.set(config.name, {
        invocations: 0,
        coldStarts: 0,
        errors: 0,
        timeouts: 0,
        throttles: 0,
        active: 0,
        peakConcurrency: 0,
        environments: 0,
        waitingForColdStart: 0,
        coldStartWaitMs: 0,
      });
    }
  }

  /**
   * What start-up should say: functions whose runtime's Node is not installed and that run on
   * the host's Node instead (`process` isolation).
   */
  get warnings(): readonly string[] {
    return this.fallbackWarnings;
  }

  /** The isolation of the execution environments. */
  get isolation(): Isolation {
    return this.options.isolation ?? 'thread';
  }

  /** The Node version a function runs on. */
  nodeVersionOf(functionName: string): string {
    return this.nodes.get(functionName)?.version ?? process.versions.node;
  }

  /** The configuration of a function (undefined when it does not exist). */
  functionConfig(functionName: string): LambdaFunctionConfig | undefined {
    return this.functions.get(functionName);
  }

  /** Names of the functions it runs. */
  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  hasFunction(functionName: string): boolean {
    return this.functions.has(functionName);
  }

  /**
   * Invokes a function and resolves when it ended (success, error or timeout) — a function
   * failure is an outcome, not a rejection. Rejects only when the function does not exist, has no
   * code, is throttled (`concurrencyOverflow: 'throttle'`) or the runtime is closed.
   */
  invoke(functionName: string, payload: unknown, options: InvokeOptions = {}): Promise<InvokeResult> {
    const running = this.run(functionName, payload, options);
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running)).catch(() => undefined);
    return running;
  }

  /**
   * Runs a function from new code (a directory holding its rebuilt bundle) from its next
   * invocation on, as an `UpdateFunctionCode` does: see {@link updateFunction}.
   */
  async replaceCode(functionName: string, directory: string): Promise<void> {
    const config = this.functions.get(functionName);
    if (!config) {
      throw new FunctionNotFoundError(functionName);
    }
    await this.updateFunction({ ...config, code: { kind: 'directory', directory } });
  }

  /**
   * Runs a function with a new configuration (code, handler, environment, memory, timeout,
   * runtime) from its next invocation on, as `UpdateFunctionCode` and
   * `UpdateFunctionConfiguration` do: idle environments end now, busy ones end when their
   * invocation does instead of staying warm, so the next invocation is a cold start of the new
   * configuration (worker threads and child processes alike). Queued invocations and statistics
   * are kept. The concurrency limit is the one the function started with.
   */
  async updateFunction(config: LambdaFunctionConfig): Promise<void> {
    const pool = this.pools.get(config.name);
    if (!this.functions.has(config.name) || !pool) {
      throw new FunctionNotFoundError(config.name);
    }
    this.functions.set(config.name, config);
    if (this.options.isolation === 'process') this.nodes.set(config.name, this.nodeFor(config));
    this.taskRoots.delete(config.name);
    for (const ended of await pool.retireEnvironments()) this.environments.delete(ended);
  }

  /** Counters per function name. */
  stats(): Record<string, FunctionStats> {
    const result: Record<string, FunctionStats> = {};
    for (const [name, stats] of this.statistics) {
      const pool = this.pools.get(name);
      result[name] = {
        ...stats,
        active: pool?.active ?? 0,
        environments: pool?.size ?? 0,
        waitingForColdStart: pool?.waitingForColdStart ?? 0,
      };
    }
    return result;
  }

  /** The cold-start gate's counters, over all functions. */
  coldStarts(): ColdStartStats {
    const gate = this.coldStartGate;
    return gate
      ? {
          limit: gate.limit,
          initializing: gate.initializing,
          waiting: gate.waiting,
          peakInitializing: gate.peakInitializing,
        }
      : { limit: Infinity, initializing: 0, waiting: 0, peakInitializing: 0 };
  }

  /** Invocations running now, over all functions. */
  get activeInvocations(): number {
    return this.inFlight.size;
  }

  /** Ends every environment; running invocations end with an error, new ones are refused. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await Promise.all([...this.pools.values()].map((pool) => pool.close(new RuntimeClosedError(pool.functionName))));
    await Promise.all([...this.environments].map((environment) => environment.terminate()));
    await Promise.allSettled([...this.inFlight]);
    for (const directory of this.inlineRoots) {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  }

  private async run(functionName: string, payload: unknown, options: InvokeOptions): Promise<InvokeResult> {
    const config = this.functions.get(functionName);
    const pool = this.pools.get(functionName);
    const stats = this.statistics.get(functionName);
    if (!config || !pool || !stats) {
      throw new FunctionNotFoundError(functionName);
    }
    if (this.closed) {
      throw new RuntimeClosedError(functionName);
    }
    this.taskRootOf(config);
    let lease;
    try {
      lease = await pool.acquire();
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        stats.throttles++;
      }
      throw error;
    }
    const { environment, cold, coldStartSlot, coldStartWaitMs } = lease;
    stats.coldStartWaitMs += coldStartWaitMs;
    const requestId = randomUUID();
    const correlationIds = this.options.trace?.correlateAll(payload) ?? [];
    stats.invocations++;
    stats.peakConcurrency = Math.max(stats.peakConcurrency, pool.active);
    if (cold) {
      stats.coldStarts++;
    }
    this.options.trace?.record({
      kind: 'invocation.started',
      functionName,
      requestId,
      coldStart: cold,
      trigger: options.trigger ?? 'direct',
      correlationIds,
      ...(correlationIds.length === 1 ? { correlationId: correlationIds[0] } : {}),
    });
    const captured = options.captureLog ? [] : undefined;
    if (captured) this.captures.set(requestId, captured);
    const log = (message: string) => this.runtimeLog(config, environment.logStreamName, requestId, message);
    log(`START RequestId: ${requestId} Version: $LATEST`);

    let outcome: EnvironmentOutcome;
    let initDurationMs: number | undefined;
    let startedAt = this.options.clock.now();
    try {
      if (cold) {
        this.makeRoom(environment);
        const init = await environment
          .init(this.options.initTimeoutWallMs ?? 30_000)
          .finally(() => coldStartSlot?.release());
        if (init.ok) {
          initDurationMs = init.initDurationMs;
        } else {
          outcome = { outcome: 'error', error: init.error, environmentLost: true };
        }
      }
      startedAt = this.options.clock.now();
      outcome ??= await environment.invoke(
        requestId,
        payloadJson(payload),
        this.contextData(config, requestId, environment),
        this.timeoutAwsMs(config),
      );
    } finally {
      pool.release(environment);
      if (!environment.alive) {
        this.environments.delete(environment);
      }
    }
    const durationMs = this.options.clock.now() - startedAt;
    if (outcome.outcome !== 'success') {
      stats.errors++;
    }
    if (outcome.outcome === 'timeout') {
      stats.timeouts++;
    }
    const failedItems = outcome.outcome === 'success' ? batchItemFailuresOf(outcome.result) : undefined;
    this.options.trace?.record({
      kind: 'invocation.ended',
      functionName,
      requestId,
      coldStart: cold,
      durationMs,
      outcome: outcome.outcome,
      ...(outcome.outcome !== 'success' ? { error: `${outcome.error.errorType}: ${outcome.error.errorMessage}` } : {}),
      ...(failedItems ? { failedItems } : {}),
      ...(correlationIds.length === 1 ? { correlationId: correlationIds[0] } : {}),
    });
    if (outcome.outcome === 'timeout') {
      log(`${new Date(this.options.clock.now()).toISOString()} ${outcome.error.errorMessage}`);
    } else if (outcome.outcome === 'error' && outcome.environmentLost) {
      // As Lambda logs a runtime that exited or ran out of memory during an invocation.
      log(
        `RequestId: ${requestId} Error: ${outcome.error.errorMessage.replace(/^RequestId: \S+ Error: /, '')}\n${outcome.error.errorType}`,
      );
    }
    log(`END RequestId: ${requestId}`);
    const maxMemoryUsedMb = 'maxMemoryUsedMb' in outcome ? outcome.maxMemoryUsedMb : undefined;
    log(
      `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\t` +
        `Memory Size: ${config.memorySizeMb} MB` +
        (maxMemoryUsedMb !== undefined ? `\tMax Memory Used: ${maxMemoryUsedMb} MB` : '') +
        (initDurationMs !== undefined ? `\tInit Duration: ${initDurationMs.toFixed(2)} ms` : '') +
        (outcome.outcome === 'timeout'
          ? '\tStatus: timeout'
          : outcome.outcome === 'error' && outcome.environmentLost
            ? '\tStatus: error'
            : ''),
    );
    this.captures.delete(requestId);
    return {
      requestId,
      outcome: outcome.outcome,
      logStreamName: environment.logStreamName,
      ...(captured ? { log: captured } : {}),
      ...(outcome.outcome === 'success' ? { result: outcome.result } : { error: outcome.error }),
      durationMs,
      ...(initDurationMs !== undefined ? { initDurationMs } : {}),
      ...(coldStartWaitMs > 0 ? { coldStartWaitMs } : {}),
      coldStart: cold,
    };
  }

  private createEnvironment(config: LambdaFunctionConfig): ExecutionEnvironment {
    const taskRoot = this.taskRootOf(config);
    const logStreamName = ExecutionEnvironment.newLogStreamName(this.options.clock.now());
    const isolation = this.isolation;
    const environment = new ExecutionEnvironment({
      functionName: config.name,
      taskRoot,
      handler: config.handler,
      env: functionEnvironment(config, {
        region: this.region,
        endpointUrl: this.options.endpointUrl,
        taskRoot,
        nodePath: this.nodePath,
        logStreamName,
      }),
      // Workers ignore NODE_OPTIONS; the one option the CDK sets there is passed as an argument.
      // (A child process reads NODE_OPTIONS from its environment itself.)
      execArgv:
        isolation === 'thread' && (config.environment.NODE_OPTIONS ?? '').includes('--enable-source-maps')
          ? ['--enable-source-maps']
          : [],
      clock: this.options.clock,
      logStreamName,
      isolation,
      ...(isolation === 'process' ? { nodeBinary: this.nodes.get(config.name)?.binary ?? process.execPath } : {}),
      ...(isolation === 'process' || this.options.enforceMemoryLimit
        ? { maxOldGenerationSizeMb: config.memorySizeMb }
        : {}),
      onOutput: (stream, line, requestId) =>
        this.emit({
          functionName: config.name,
          logGroupName: logGroupNameOf(config),
          logStreamName,
          ...(requestId ? { requestId } : {}),
          stream,
          message: line,
          at: this.options.clock.now(),
        }),
    });
    this.environments.add(environment);
    return environment;
  }

  /** Ends the least recently used idle environment (of any function) when over the soft cap. */
  private makeRoom(starting: ExecutionEnvironment): void {
    const max = this.options.maxEnvironments ?? 64;
    if (this.environments.size <= max) {
      return;
    }
    let oldest: { pool: FunctionPool; environment: ExecutionEnvironment } | undefined;
    for (const pool of this.pools.values()) {
      for (const environment of pool.idleEnvironments()) {
        if (environment !== starting && (!oldest || environment.idleSince < oldest.environment.idleSince)) {
          oldest = { pool, environment };
        }
      }
    }
    if (oldest && oldest.pool.evict(oldest.environment)) {
      this.environments.delete(oldest.environment);
    }
  }

  private contextData(config: LambdaFunctionConfig, requestId: string, environment: ExecutionEnvironment) {
    return {
      functionName: config.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: config.arn ?? functionArn(this.region, config.name),
      memoryLimitInMB: String(config.memorySizeMb),
      awsRequestId: requestId,
      logGroupName: logGroupNameOf(config),
      logStreamName: environment.logStreamName,
      deadlineWallMs: Date.now() + this.options.clock.toWallMs(this.timeoutAwsMs(config)),
      timeScale: this.options.clock.timeScale,
    };
  }

  private timeoutAwsMs(config: LambdaFunctionConfig): number {
    return Math.max(config.timeoutSeconds * 1000, (this.options.minTimeoutWallMs ?? 0) * this.options.clock.timeScale);
  }

  /** The directory the handler loads from; inline code is written to a temporary one once. */
  private taskRootOf(config: LambdaFunctionConfig): string {
    const known = this.taskRoots.get(config.name);
    if (known) {
      return known;
    }
    let root: string;
    if (config.code.kind === 'directory') {
      root = config.code.directory;
    } else if (config.code.kind === 'inline') {
      // CloudFormation writes ZipFile code of a Node.js function as index.js.
      root = fs.mkdtempSync(path.join(os.tmpdir(), `local-lambda-${config.name.replace(/[^\w-]/g, '_')}-`));
      fs.writeFileSync(path.join(root, 'index.js'), config.code.source);
      this.inlineRoots.push(root);
    } else {
      throw new FunctionCodeUnavailableError(config.name, config.code.reason);
    }
    this.taskRoots.set(config.name, root);
    return root;
  }

  /** Sends a line to the log sink, and to the capture of its invocation. */
  private emit(entry: FunctionLogEntry): void {
    if (entry.requestId) this.captures.get(entry.requestId)?.push(entry.message);
    this.logSink.write(entry);
  }

  private runtimeLog(config: LambdaFunctionConfig, logStreamName: string, requestId: string, message: string): void {
    this.emit({
      functionName: config.name,
      logGroupName: logGroupNameOf(config),
      logStreamName,
      requestId,
      stream: 'runtime',
      message,
      at: this.options.clock.now(),
    });
  }

  /** The runtime's Node, else the host's with a warning. */
  private nodeFor(config: LambdaFunctionConfig): RuntimeNode {
    const found = (this.options.runtimeNode ?? findRuntimeNode)(config.runtime);
    if (found) return found;
    const host = hostNode();
    if (nodeMajorOf(config.runtime) !== undefined) {
      this.fallbackWarnings.push(
        `function '${config.name}' declares ${config.runtime}, whose Node is not installed (npm run runtimes): it runs on the host's Node ${host.version}`,
      );
    }
    return host;
  }
}

/** `LoggingConfig.LogGroup`, else Lambda's default `/aws/lambda/<name>`. */
export function logGroupNameOf(config: LambdaFunctionConfig): string {
  return config.logGroupName ?? `/aws/lambda/${config.name}`;
}

/** Lambda hands the handler `{}` when an invocation has no payload. */
function payloadJson(payload: unknown): string {
  return payload === undefined ? '{}' : JSON.stringify(payload);
}

/** The item identifiers of a partial batch response (`{ batchItemFailures: [{ itemIdentifier }] }`). */
export function batchItemFailuresOf(result: unknown): string[] | undefined {
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures)) {
    return undefined;
  }
  return failures.map((failure) => String((failure as { itemIdentifier?: unknown } | null)?.itemIdentifier ?? ''));
}

/** The project's node_modules: the nearest one above this file. */
function defaultNodePath(): string[] {
  let directory = __dirname;
  for (;;) {
    const candidate = path.join(directory, 'node_modules');
    if (fs.existsSync(candidate)) {
      return [candidate];
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      return [];
    }
    directory = parent;
  }
}
