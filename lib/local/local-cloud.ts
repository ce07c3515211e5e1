import { resolve, join } from 'node:path';
import { DEFAULT_LOCAL_REGION } from './arn';
import { readCloudAssembly, synthesizeAppCached, type AppModel } from './assembly';
import { ScaledClock, type Clock } from './clock';
import { createEventResources, createQueues, createTables, deadLetterQueueNamesOf } from './composition/app-resources';
import { Closeables } from './composition/closeables';
import { LocalDynamoDb } from './dynamodb';
import { startLocalEndpoint, type LocalEndpoint } from './endpoint';
import { functionNameOfAccessKeyId, secretAccessKeyForFunction } from './endpoint/caller-identity';
import type { SecretAccessKeyLookup } from './endpoint/signature-verifier';
import { CLIENT_PRINCIPAL } from './endpoint/caller-identity';
import { defaultMaxConcurrentBatches, EventSourceMappings } from './event-source-mapping';
import { LocalEventBridge } from './eventbridge';
import type { FaultHooks } from './fault-hooks';
import { iamRequestGuard, localArnResolver, LocalIamEnforcer, roleAuthorizer } from './iam';
import { lambdaRestApi, LambdaRuntime, teeLogSink, type Isolation, type LogSink } from './lambda';
import { functionTargetInvoker } from './lambda/function-target-invoker';
import { FunctionLogSink, LogGroupTargetInvoker, LogsJsonApi, LogStore, LOGS_TARGET_PREFIX } from './logs';
import { LocalPersistence, type RestoredState } from './persistence';
import { LocalPipes, pipesRestApi } from './pipes';
import { schedulerFromModel, type LocalScheduler } from './scheduler';
import { LocalSqs } from './sqs';
import {
  invokeFunctionWith,
  LocalStepFunctions,
  stateMachineTargetInvoker,
  STEP_FUNCTIONS_TARGET_PREFIX,
  StepFunctionsApiError,
  type TaskIntegrations,
} from './stepfunctions';
import { assertPortFree, refuseDeprecatedRuntimes } from './startup';
import { callerIdentityOf, StsJsonApi, stsQueryRoute, STS_TARGET_PREFIX, type IdentityOf } from './sts';
import { TraceRecorder, type TraceCorrelator } from './trace';

export { DEFAULT_LOCAL_REGION } from './arn';
export { deadLetterQueueNamesOf } from './composition/app-resources';

/** The default port of the local endpoint (LocalStack's, so existing tooling finds it). */
export const DEFAULT_LOCAL_PORT = 4566;

export interface LocalCloudOptions {
  /**
   * The project whose CDK app is synthesized.
   * @default process.cwd()
   */
  readonly projectDirectory?: string;
  /**
   * Read this cloud assembly instead of synthesizing one.
   * @default - synthesize the app into `<projectDirectory>/cdk.out`
   */
  readonly assemblyDirectory?: string;
  /**
   * CDK context for synthesis (`stage`, `workflowType`, ...).
   * @default - none
   */
  readonly context?: Readonly<Record<string, string>>;
  /**
   * Port of the endpoint on 127.0.0.1; 0 picks a free one.
   * @default 4566
   */
  readonly port?: number;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * AWS milliseconds per wall millisecond (visibility timeouts, retries, delays, timeouts).
   * @default 1 - real time
   */
  readonly timeScale?: number;
  /**
   * Keep the local cloud's state in this directory across restarts and crashes (`--data`):
   * DynamoDB tables, queues and their messages, events not yet delivered, archives, executions
   * and AWS time. Every API call's changes are written before it is answered.
   * @default - in memory
   */
  readonly dataDirectory?: string;
  /**
   * fsync every write of the state under `dataDirectory`, so it survives the machine losing
   * power too (without it, it survives the process being killed).
   * @default false
   */
  readonly dataSync?: boolean;
  /**
   * Host names the endpoint accepts besides 127.0.0.1, localhost and [::1] (`--allow-host`).
   * @default - loopback names only (DNS-rebinding pages are refused)
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Verify every request's SigV4 signature (`--verify-signatures`): callers sign with one of
   * these credentials, functions with secrets of their own made at start.
   * @default - signatures read for the caller's identity, not verified
   */
  readonly verifySignatures?: {
    readonly clientCredentials: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[];
  };
  /**
   * Where the functions' output goes besides their log groups (`logs`): the terminal, say.
   * @default - only the log groups
   */
  readonly logSink?: LogSink;
  /**
   * Where functions run: `process` (a child process on the Node of the function's runtime, its
   * heap capped at MemorySize) or `thread` (a worker thread on the host's Node).
   * @default 'thread'
   */
  readonly isolation?: Isolation;
  /**
   * Smallest wall-clock function timeout. With a large time scale a cold start alone can take
   * longer than a function's timeout in AWS time; this floor keeps start-up from counting as
   * a timeout.
   * @default - 5000 ms when timeScale > 1, else none
   */
  readonly minTimeoutWallMs?: number;
  /**
   * Function execution environments initializing at once, over all functions: the other cold
   * starts wait for a slot, or take a warm environment of their function released meanwhile,
   * so a burst of hundreds of invocations does not start hundreds of workers on a few cores.
   * `Infinity` starts them all at once, as AWS does on separate machines.
   * @default - max(2, os.availableParallelism())
   */
  readonly maxConcurrentColdStarts?: number;
  /**
   * Batches each SQS event source mapping keeps in flight at most, below its MaximumConcurrency:
   * on a few cores, more concurrent batches only start more workers and make batches smaller.
   * `Infinity` lets each mapping reach its MaximumConcurrency, as on AWS.
   * @default - half of os.availableParallelism(), at least 1 (see `defaultMaxConcurrentBatches`)
   */
  readonly maxConcurrentBatchesPerMapping?: number;
  /**
   * Check every call a function makes against the IAM policies its role has in the template,
   * and refuse what the deployed function would be refused (`AccessDeniedException`).
   * @default true
   */
  readonly iam?: boolean;
  /**
   * Faults to inject (a chaos run's `FaultInjector`): it decorates the endpoint's services, the
   * event source mappings' invoker and the queues they poll, what state machine Tasks call and
   * the rule targets that start executions.
   * @default - no faults
   */
  readonly faults?: FaultHooks;
  /**
   * Trace records kept in memory (a ring: past it the oldest are dropped and counted in
   * `trace.dropped`; a subscriber such as `--trace-out` still sees every one).
   * @default 200000
   */
  readonly traceCapacity?: number;
  /**
   * Open connections the endpoint keeps at most (see `LocalEndpointProps.maxConnections`).
   * @default 4096
   */
  readonly maxConnections?: number;
  /**
   * Bytes of events each archive keeps in memory without `dataDirectory` (past it the oldest are
   * dropped and counted; under `dataDirectory` archives are files).
   * @default 64 MB
   */
  readonly archiveMemoryBytes?: number;
  /**
   * Tells which of the app's flows (an order, a request) each trace record belongs to; the
   * emulator itself knows nothing of the app.
   * @default - records carry no correlation id
   */
  readonly correlator?: TraceCorrelator;
  /**
   * AWS time, instead of a `ScaledClock` of `timeScale` (tests that move time forward).
   * @default - a ScaledClock running `timeScale` times faster than the wall clock
   */
  readonly clock?: Clock;
  /**
   * Synthesize even when the assembly in `<projectDirectory>/cdk.out` was synthesized from the
   * same inputs (`--synth`).
   * @default false - reuse it
   */
  readonly synth?: boolean;
  /**
   * Run functions whose runtime AWS no longer lets anyone create (nodejs16.x, python3.7, ...),
   * instead of refusing to start with AWS's `InvalidParameterValueException` message.
   * @default false
   */
  readonly allowDeprecatedRuntimes?: boolean;
}

/** What the local cloud could not run, said once at start. */
export interface LocalCloudNotices {
  readonly unsupportedResourceTypes: readonly string[];
  readonly warnings: readonly string[];
  readonly skippedEventSourceMappings: readonly string[];
}

/** What a shutdown's drain did (`LocalCloud.drain`). */
export interface DrainReport {
  /** Function invocations running when the drain began. */
  readonly invocationsAtStart: number;
  /** Of those, still running when the grace period ended (abandoned: their messages return to their queues). */
  readonly invocationsAbandoned: number;
  /** Event deliveries not ended (waiting to retry, say): kept under `--data` and delivered after a restart. */
  readonly deliveriesPending: number;
  /** Executions still running: resumed after a restart under `--data`, lost without it. */
  readonly executionsRunning: number;
  /** Messages left in consumer queues (visible, in flight or delayed). */
  readonly messagesQueued: number;
  readonly wallMs: number;
}

/** Every part of a running local cloud, each built once by `LocalCloud.start`. */
export interface LocalCloudParts {
  readonly model: AppModel;
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  readonly endpoint: LocalEndpoint;
  readonly sqs: LocalSqs;
  readonly eventBridge: LocalEventBridge;
  readonly dynamoDb: LocalDynamoDb;
  readonly lambda: LambdaRuntime;
  readonly eventSourceMappings: EventSourceMappings;
  readonly stepFunctions: LocalStepFunctions;
  readonly logGroups: LogGroupTargetInvoker;
  /** CloudWatch Logs: the functions' log groups, rule targets' and PutLogEvents'. */
  readonly logs: LogStore;
  /** EventBridge Scheduler: the template's schedules and the Scheduler API. */
  readonly scheduler: LocalScheduler;
  /** EventBridge Pipes with SQS sources: the template's pipes and the Pipes API. */
  readonly pipes: LocalPipes;
  /** The state kept under `--data` (a no-op without it). */
  readonly persistence: LocalPersistence;
  /** What a restart with `--data` brought back. */
  readonly restored: RestoredState;
  readonly notices: LocalCloudNotices;
}

/**
 * A base class whose instances carry `Parts` as readonly fields, assigned once by its constructor:
 * `LocalCloud`'s fields are its parts, written out once (in `LocalCloudParts`).
 */
function partsAsFields<Parts extends object>(): new (parts: Parts) => Readonly<Parts> {
  return class {
    constructor(parts: Parts) {
      Object.assign(this, parts);
    }
  } as new (parts: Parts) => Readonly<Parts>;
}

/**
 * The whole synthesized app running on one machine: an AWS-compatible endpoint on 127.0.0.1
 * with EventBridge, SQS, DynamoDB and Step Functions behind it, the bundled functions in worker
 * threads, SQS event source mappings, and a trace of everything that happens.
 *
 * How a service is added: see `compose` below (build it once, register its API on the endpoint
 * with `dispatchJsonOperation` or a REST route, add it to the closeables).
 *
 * @example
 * const cloud = await LocalCloud.start({ port: 0, timeScale: 100 });
 * // ... publish with the SDK against cloud.endpointUrl ...
 * await cloud.whenQuiet();
 * await cloud.stop();
 */
export class LocalCloud extends partsAsFields<LocalCloudParts>() {
  private deadLetterNames: ReadonlySet<string> | undefined;
  /** Where the assembly came from: reused from the cache, synthesized now, or given (`assemblyDirectory`). */
  assemblyOrigin: 'reused' | 'synthesized' | 'given' = 'given';

  private constructor(
    parts: LocalCloudParts,
    private readonly closeables: Closeables,
    private readonly faults: FaultHooks | undefined,
  ) {
    super(parts);
  }

  /** `http://127.0.0.1:<port>`: where the SDK, the CLI and the functions reach every service. */
  get endpointUrl(): string {
    return this.endpoint.url;
  }

  /**
   * Synthesizes (or reads) the app and starts every service of it. Each part is added to one
   * list of closeables as it is built; `stop()` closes them in reverse, and so does a start that
   * fails half-way.
   */
  static async start(options: LocalCloudOptions = {}): Promise<LocalCloud> {
    const projectDirectory = resolve(options.projectDirectory ?? process.cwd());
    // A port in use is said before a synthesis that can take a minute.
    await assertPortFree(options.port ?? DEFAULT_LOCAL_PORT);
    const synthesis =
      options.assemblyDirectory === undefined
        ? await synthesizeAppCached({
            projectDirectory,
            outputDirectory: resolve(projectDirectory, 'cdk.out'),
            context: options.context,
            force: options.synth,
          })
        : undefined;
    const assemblyDirectory = options.assemblyDirectory ?? synthesis?.assemblyDirectory ?? '';
    const closeables = new Closeables();
    try {
      const cloud = new LocalCloud(await compose(assemblyDirectory, options, closeables), closeables, options.faults);
      cloud.assemblyOrigin = synthesis ? (synthesis.reused ? 'reused' : 'synthesized') : 'given';
      return cloud;
    } catch (error) {
      await closeables.closeAll();
      throw error;
    }
  }

  /**
   * Resolves once nothing is left to do: no delivery in flight, every consumer queue empty (DLQs
   * aside), no invocation running — stable over a short settle period, since one step's end
   * starts the next. With `ignoreDelayedMessages`, messages sent for later (DelaySeconds: a
   * deadline, a reminder) do not count as work in progress: whoever set them waits for them.
   */
  async whenQuiet(
    options: { readonly timeoutMs?: number; readonly settleMs?: number; readonly ignoreDelayedMessages?: boolean } = {},
  ): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const settleMs = options.settleMs ?? 30;
    const deadline = Date.now() + timeoutMs;
    let quietSince: number | undefined;
    while (Date.now() < deadline) {
      if (this.isQuiet(options.ignoreDelayedMessages === true)) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= settleMs) return;
      } else {
        quietSince = undefined;
      }
      await new Promise((resolveTimer) => setTimeout(resolveTimer, 5));
    }
    throw new Error(`the local cloud did not become quiet within ${timeoutMs} ms`);
  }

  private isQuiet(ignoreDelayedMessages: boolean): boolean {
    // Cheapest first, and no further than the first sign of work: counting a queue looks at each
    // of its messages, and a run keeps hundreds of delayed ones (each order's deadline) while
    // whenQuiet asks every 5 ms. While anything runs, the queues are not counted at all.
    if (this.eventBridge.deliveriesInFlight > 0 || this.scheduler.invocationsInFlight > 0 || !this.pipes.idle) {
      return false;
    }
    if ((this.faults?.pendingWork ?? 0) > 0) return false;
    if (Object.values(this.lambda.stats()).some((stats) => stats.active > 0)) return false;
    // Not listExecutions per state machine: it describes every execution ever started, every tick.
    if (this.stepFunctions.hasRunningExecutions()) return false;
    return !this.sqs
      .stats()
      .some(
        (queue) =>
          !this.deadLetterQueueNames.has(queue.name) &&
          queue.visible + queue.inFlight + (ignoreDelayedMessages ? 0 : queue.delayed) > 0,
      );
  }

  /**
   * The first half of a graceful shutdown (SIGTERM, Ctrl-C): takes no new work (callers other
   * than the functions get a 503, pollers, pipes and schedules stop), lets the invocations in
   * flight finish for up to `graceMs`, and says what was left. `stop()` then saves and closes.
   */
  async drain(graceMs: number): Promise<DrainReport> {
    const started = Date.now();
    const invocationsAtStart = this.activeInvocations();
    this.endpoint.refuseClients('the local cloud is shutting down');
    this.scheduler.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([this.eventSourceMappings.stop(), this.pipes.stop()]),
      new Promise((resolveTimer) => (timer = setTimeout(resolveTimer, graceMs))),
    ]);
    clearTimeout(timer);
    return {
      invocationsAtStart,
      invocationsAbandoned: this.activeInvocations(),
      deliveriesPending: this.eventBridge.deliveriesInFlight,
      executionsRunning: this.stepFunctions
        .stateMachines()
        .reduce((sum, machine) => sum + this.stepFunctions.listExecutions(machine.arn, 'RUNNING').length, 0),
      messagesQueued: this.sqs
        .stats()
        .filter((queue) => !this.deadLetterQueueNames.has(queue.name))
        .reduce((sum, queue) => sum + queue.visible + queue.inFlight + queue.delayed, 0),
      wallMs: Date.now() - started,
    };
  }

  private activeInvocations(): number {
    return Object.values(this.lambda.stats()).reduce((sum, stats) => sum + stats.active, 0);
  }

  /** Queues that hold failures: redrive targets of queues and DLQs of rule targets. */
  get deadLetterQueueNames(): ReadonlySet<string> {
    this.deadLetterNames ??= deadLetterQueueNamesOf(this.model);
    return this.deadLetterNames;
  }

  /**
   * Stops every part, newest first (the pollers, the state machines, the functions, the
   * endpoint, the services); safe to call twice.
   */
  async stop(): Promise<void> {
    await this.closeables.closeAll();
  }
}

/**
 * Builds the parts of a local cloud in dependency order, adding each to `closeables` as it is
 * built. To add a service: build it here once, from the shared `clock`, `trace` and `region`;
 * route its API on the endpoint (`endpoint.register(targetPrefix, api, jsonVersion)` for a JSON
 * protocol, `endpoint.registerRoute(route)` for REST); add it to `closeables` if it holds
 * timers, workers or sockets; expose it in `LocalCloudParts` when callers need it.
 */
async function compose(
  assemblyDirectory: string,
  options: LocalCloudOptions,
  closeables: Closeables,
): Promise<LocalCloudParts> {
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const timeScale = options.clock?.timeScale ?? options.timeScale ?? 1;
  // With a time scale a cold start alone can outlast a function's timeout in AWS time.
  const minTimeoutWallMs = options.minTimeoutWallMs ?? (timeScale > 1 ? 5000 : 0);
  // The state under --data is opened first and closed last: every other part writes into it.
  const persistence = closeables.add(
    'persistence',
    await LocalPersistence.open({ dataDirectory: options.dataDirectory, sync: options.dataSync }),
    (persistence) => persistence.close(),
  );
  const startAt = persistence.clockStart();
  const clock = options.clock ?? new ScaledClock({ timeScale, ...(startAt !== undefined ? { startAt } : {}) });
  persistence.keepClock(clock);
  const trace = new TraceRecorder(clock, options.correlator, {
    ...(options.traceCapacity !== undefined ? { capacity: options.traceCapacity } : {}),
  });

  // The services the endpoint serves.
  const sqs = closeables.add(
    'sqs',
    new LocalSqs({ clock, trace, region, ...(persistence.sqs ? { journal: persistence.sqs } : {}) }),
    (sqs) => sqs.close(),
  );
  const logs = new LogStore({ clock, region, ...(persistence.logGroups ? { journal: persistence.logGroups } : {}) });
  const logGroups = new LogGroupTargetInvoker(logs);
  const eventBridge = closeables.add(
    'eventbridge',
    new LocalEventBridge({
      clock,
      trace,
      sqs,
      region,
      invokers: [logGroups],
      archiveDirectory: options.dataDirectory === undefined ? undefined : join(options.dataDirectory, 'archives'),
      ...(options.archiveMemoryBytes !== undefined ? { archiveMemoryBytes: options.archiveMemoryBytes } : {}),
      ...(persistence.events ? { outbox: persistence.events } : {}),
      ...(persistence.rules ? { ruleJournal: persistence.rules } : {}),
      ...(persistence.buses ? { busJournal: persistence.buses } : {}),
    }),
    (eventBridge) => eventBridge.close(),
  );
  const dynamoDb = closeables.add(
    'dynamodb',
    await LocalDynamoDb.start({
      dataDirectory: options.dataDirectory,
      region,
      ...(persistence.transactions ? { undoLog: persistence.transactions } : {}),
    }),
    (dynamoDb) => dynamoDb.stop(),
  );
  // Transactions a crash cut in half are rolled back before anyone reads the tables.
  await persistence.transactions?.restore(dynamoDb);

  // The endpoint listens before the assembly is read: queue URLs, and so the functions'
  // environment, embed its port.
  const endpoint = closeables.add(
    'endpoint',
    await startLocalEndpoint({
      port: options.port ?? DEFAULT_LOCAL_PORT,
      allowedHosts: options.allowedHosts,
      ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
      secretAccessKeyOf: options.verifySignatures && secretLookup(options.verifySignatures.clientCredentials),
      ...(persistence.enabled ? { beforeAnswer: () => persistence.commit() } : {}),
      sqs,
      eventBridge,
      dynamoDb,
    }),
    (endpoint) => endpoint.stop(),
  );
  const model = readCloudAssembly(assemblyDirectory, { region, endpointUrl: endpoint.url });
  if (!options.allowDeprecatedRuntimes) refuseDeprecatedRuntimes(model.functions);
  options.faults?.attach({ model, clock, trace, endpoint, eventBridge });
  const iam = (options.iam ?? true) ? new LocalIamEnforcer(model) : undefined;
  // SendTask* is authorized against the state machine a token belongs to, known once machines run.
  const waitingTasks: { tokens?: LocalStepFunctions['taskTokens'] } = {};
  const arnResolver = localArnResolver(region, {
    stateMachineOfTaskToken: (token) => waitingTasks.tokens?.stateMachineArnOf(token),
  });
  if (iam) {
    endpoint.addGuard(iamRequestGuard(iam, arnResolver, trace));
  }
  endpoint.register(LOGS_TARGET_PREFIX, new LogsJsonApi(logs), '1.1');
  // STS GetCallerIdentity: the account, and for a function's key the session of its role.
  const identityOf: IdentityOf = (caller) =>
    callerIdentityOf(caller, model.accountId, (name) => model.functions.find((fn) => fn.name === name)?.roleArn);
  endpoint.register(STS_TARGET_PREFIX, new StsJsonApi(identityOf), '1.0');
  endpoint.registerRoute(stsQueryRoute(identityOf));

  // The app's resources.
  // Kept log groups are read before the template's are created (and journaled), then put back over them.
  const savedLogGroups = await persistence.logGroups?.load();
  for (const group of model.logGroups) logs.ensureLogGroup(group.name, { retentionInDays: group.retentionInDays });
  if (savedLogGroups) persistence.logGroups?.restore(logs, savedLogGroups);
  await createTables(model, dynamoDb);
  createQueues(model, sqs);
  const restoredMessages = (await persistence.sqs?.restore(sqs)) ?? 0;
  const ruleProblems = createEventResources(model, eventBridge);
  // Buses before rules: a kept rule whose bus is not there is forgotten.
  await persistence.buses?.restore(eventBridge);
  await persistence.rules?.restore(eventBridge);

  // The functions, and what invokes them.
  const lambda = closeables.add(
    'lambda',
    new LambdaRuntime({
      functions: model.functions,
      clock,
      trace,
      endpointUrl: endpoint.url,
      region,
      logSink: teeLogSink(new FunctionLogSink(logs), options.logSink),
      ...(options.isolation ? { isolation: options.isolation } : {}),
      minTimeoutWallMs,
      ...(options.maxConcurrentColdStarts !== undefined
        ? { maxConcurrentColdStarts: options.maxConcurrentColdStarts }
        : {}),
    }),
    (lambda) => lambda.close(),
  );
  endpoint.registerRoute(
    lambdaRestApi(lambda, {
      region,
      accountId: model.accountId,
      authorize: iam ? (caller, action, resource) => iam.check(caller, action, resource) : undefined,
    }),
  );
  eventBridge.registerInvoker(functionTargetInvoker(lambda));

  // State machines: Tasks invoke the local functions and put events on the local buses, as the
  // service integrations do on AWS.
  const integrations: TaskIntegrations = {
    invokeFunction: invokeFunctionWith(lambda),
    putEvents: async (entries, context) => eventBridge.putEvents(entries, context.caller),
  };
  const stepFunctions = closeables.add(
    'stepfunctions',
    new LocalStepFunctions({
      clock,
      trace,
      region,
      // A task waits for its function, whose own timeout has this wall-clock floor.
      minTaskTimeoutWallSeconds: timeScale > 1 ? (2 * minTimeoutWallMs) / 1000 : 0,
      integrations: options.faults?.wrapTaskIntegrations(integrations) ?? integrations,
      ...(persistence.executions ? { journal: persistence.executions } : {}),
      ...(persistence.stateMachines ? { machineJournal: persistence.stateMachines } : {}),
      // sqs, dynamodb and aws-sdk Tasks call the endpoint's own operations, as the machine's role.
      services: {
        callService: (call) =>
          endpoint.dispatch({
            target: call.target,
            body: Buffer.from(call.body, 'utf8'),
            headers: {},
            caller: { accessKeyId: 'states', principal: CLIENT_PRINCIPAL },
          }),
        ...(iam ? { authorize: roleAuthorizer(iam, arnResolver) } : {}),
      },
    }),
    (stepFunctions) => stepFunctions.close(),
  );
  waitingTasks.tokens = stepFunctions.taskTokens;
  // A definition AWS would refuse is reported with AWS's message, and its machine not run.
  const stateMachineWarnings: string[] = [];
  for (const stateMachine of model.stateMachines) {
    try {
      stepFunctions.registerStateMachine(stateMachine);
    } catch (error) {
      if (!(error instanceof StepFunctionsApiError)) throw error;
      stateMachineWarnings.push(`state machine '${stateMachine.name}' is not run: ${error.message}`);
    }
  }
  endpoint.register(STEP_FUNCTIONS_TARGET_PREFIX, stepFunctions, '1.0');
  // Machines created through the API before their executions, which need them.
  await persistence.stateMachines?.restore(stepFunctions);
  const resumedExecutions = (await persistence.executions?.restore(stepFunctions)) ?? 0;
  const startExecutions = stateMachineTargetInvoker(stepFunctions);
  eventBridge.registerInvoker(options.faults?.wrapTargetInvoker(startExecutions) ?? startExecutions);

  // EventBridge Scheduler: the template's schedules and the Scheduler API; what was kept is read
  // before the template's schedules are created (and journaled), then put back over them.
  const savedSchedules = await persistence.schedules?.load();
  const { scheduler, problems: scheduleProblems } = schedulerFromModel({
    model,
    clock,
    trace,
    region,
    endpoint,
    iam: options.iam ?? true,
    sqs,
    eventBridge,
    lambda,
    stepFunctions,
    ...(persistence.schedules ? { journal: persistence.schedules } : {}),
  });
  closeables.add('scheduler', scheduler, (scheduler) => scheduler.close());
  if (savedSchedules) persistence.schedules?.restore(scheduler, savedSchedules);

  // Events accepted before a restart whose deliveries had not all ended, now every target can take them.
  const pendingEvents = (await persistence.events?.restore(eventBridge)) ?? 0;

  // Pollers last: they start invoking as soon as they exist.
  const eventSourceMappings = closeables.add(
    'event source mappings',
    new EventSourceMappings({
      mappings: model.eventSourceMappings,
      queueByArn: (arn) => {
        const queue = sqs.findQueue(arn);
        return queue && options.faults ? options.faults.wrapQueue(queue) : queue;
      },
      invoker: options.faults?.wrapInvoker(lambda) ?? lambda,
      clock,
      region,
      maxConcurrentBatches: options.maxConcurrentBatchesPerMapping ?? defaultMaxConcurrentBatches(),
      // Under a time scale, wall-clock costs (cold starts) are multiplied into AWS time: keep a
      // batch invisible while it is being processed, as AWS's 6x visibility rule guarantees.
      visibilityHeartbeatSeconds:
        timeScale > 1
          ? (queueArn) => model.queues.find((queue) => queue.arn === queueArn)?.visibilityTimeoutSeconds
          : undefined,
    }),
    (eventSourceMappings) => eventSourceMappings.stop(),
  );
  eventSourceMappings.start();
  const pipes = closeables.add(
    'pipes',
    new LocalPipes({
      model,
      clock,
      region,
      trace,
      iam: options.iam ?? true,
      services: { lambda, stepFunctions, sqs, eventBridge },
      queueByArn: (arn) => sqs.findQueue(arn),
      // As for event source mappings: a batch stays invisible while a scaled clock outruns its processing.
      visibilityHeartbeatSeconds:
        timeScale > 1 ? (queueArn) => sqs.findQueue(queueArn)?.settings.visibilityTimeout : undefined,
      // Pipes created through the API may name queues, machines and buses created through the APIs.
      resources: {
        queueExists: (arn) => sqs.findQueue(arn) !== undefined,
        functionExists: (name) => lambda.hasFunction(name),
        stateMachineExists: (arn) => stepFunctions.stateMachines().some((machine) => machine.arn === arn),
        busExists: (arn) => eventBridge.findEventBus(arn) !== undefined,
      },
      ...(persistence.pipes ? { journal: persistence.pipes } : {}),
    }),
    (pipes) => pipes.stop(),
  );
  await persistence.pipes?.restore(pipes);
  endpoint.registerRoute(pipesRestApi(pipes));
  pipes.start();

  const notices: LocalCloudNotices = {
    unsupportedResourceTypes: model.unsupportedResourceTypes.map(
      (unsupported) => `${unsupported.type} (${unsupported.resources.length})`,
    ),
    warnings: [
      ...model.warnings.map((warning) => warning.message),
      ...ruleProblems,
      ...scheduleProblems,
      ...pipes.problems,
      ...lambda.warnings,
      ...stateMachineWarnings,
    ],
    skippedEventSourceMappings: eventSourceMappings.skipped.map((skipped) => `${skipped.uuid}: ${skipped.reason}`),
  };
  return {
    model,
    clock,
    trace,
    endpoint,
    sqs,
    eventBridge,
    dynamoDb,
    lambda,
    eventSourceMappings,
    stepFunctions,
    logGroups,
    logs,
    scheduler,
    pipes,
    persistence,
    restored: { messages: restoredMessages, pendingEvents, executions: resumedExecutions },
    notices,
  };
}

/** The secret of an access key: a function's own, or one of the accepted client credentials. */
function secretLookup(
  clientCredentials: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[],
): SecretAccessKeyLookup {
  const clients = new Map(clientCredentials.map((pair) => [pair.accessKeyId, pair.secretAccessKey]));
  return (accessKeyId) => {
    const functionName = functionNameOfAccessKeyId(accessKeyId);
    return functionName === undefined ? clients.get(accessKeyId) : secretAccessKeyForFunction(functionName);
  };
}
