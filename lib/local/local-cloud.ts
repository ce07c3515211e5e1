import { resolve } from 'node:path';
import { readCloudAssembly, synthesizeAppCached, type AppModel, type CachedSynthesis } from './assembly';
import type { FaultHooks } from './chaos/fault-hooks';
import { ScaledClock, type Clock } from './clock';
import { LocalDynamoDb, tableSpecFromTemplate } from './dynamodb';
import { CLIENT_PRINCIPAL } from './endpoint/caller-identity';
import { startLocalEndpoint, type LocalEndpoint } from './endpoint';
import { EventSourceMappings } from './event-source-mapping';
import { callbackInvoker, LocalEventBridge, TargetInvocationError, type RuleTarget } from './eventbridge';
import { lambdaRestApi, LambdaRuntime, teeLogSink, type Isolation, type LogSink } from './lambda';
import { FunctionLogSink, LogGroupTargetInvoker, LogsJsonApi, LogStore, LOGS_TARGET_PREFIX } from './logs';
import { iamRequestGuard, localArnResolver, LocalIamEnforcer, roleAuthorizer } from './iam';
import { LocalPipes } from './pipes';
import { LocalScheduler, schedulerFromModel } from './scheduler';
import { LocalSqs } from './sqs';
import {
  invokeFunctionWith,
  LocalStepFunctions,
  stateMachineTargetInvoker,
  STEP_FUNCTIONS_TARGET_PREFIX,
  StepFunctionsApiError,
  type TaskIntegrations,
} from './stepfunctions';
import { TraceRecorder } from './trace';
import { assertPortFree, refuseDeprecatedRuntimes } from './startup';

/** The default port of the local endpoint (LocalStack's, so existing tooling finds it). */
export const DEFAULT_LOCAL_PORT = 4566;
export const DEFAULT_LOCAL_REGION = 'us-east-1';

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
   * Keep DynamoDB tables in this directory across restarts.
   * @default - in memory
   */
  readonly dataDirectory?: string;
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

/**
 * The whole synthesized app running on one machine: an AWS-compatible endpoint on 127.0.0.1
 * with EventBridge, SQS and DynamoDB behind it, the bundled functions in worker threads, SQS
 * event source mappings, and a trace of everything that happens.
 *
 * @example
 * const cloud = await LocalCloud.start({ port: 0, timeScale: 100 });
 * // ... publish with the SDK against cloud.endpointUrl ...
 * await cloud.whenQuiet();
 * await cloud.stop();
 */
export class LocalCloud {
  private stopped = false;
  private deadLetterNames: ReadonlySet<string> | undefined;
  private faults: FaultHooks | undefined;
  /** EventBridge Scheduler: the template's schedules and the Scheduler API. */
  scheduler!: LocalScheduler;
  /** EventBridge Pipes with SQS sources. */
  pipes!: LocalPipes;
  /** Where the assembly came from: reused from the cache, synthesized now, or given (`assemblyDirectory`). */
  assemblyOrigin: 'reused' | 'synthesized' | 'given' = 'given';

  private constructor(
    readonly model: AppModel,
    readonly clock: Clock,
    readonly trace: TraceRecorder,
    readonly endpoint: LocalEndpoint,
    readonly endpointUrl: string,
    readonly sqs: LocalSqs,
    readonly eventBridge: LocalEventBridge,
    readonly dynamoDb: LocalDynamoDb,
    readonly lambda: LambdaRuntime,
    readonly eventSourceMappings: EventSourceMappings,
    readonly stepFunctions: LocalStepFunctions,
    readonly logGroups: LogGroupTargetInvoker,
    readonly notices: LocalCloudNotices,
    /** CloudWatch Logs: the functions' log groups, rule targets' and PutLogEvents'. */
    readonly logs: LogStore,
  ) {}

  /** Synthesizes (or reads) the app and starts every service of it. */
  static async start(options: LocalCloudOptions = {}): Promise<LocalCloud> {
    const region = options.region ?? DEFAULT_LOCAL_REGION;
    const timeScale = options.clock?.timeScale ?? options.timeScale ?? 1;
    const projectDirectory = resolve(options.projectDirectory ?? process.cwd());
    // A port in use is said before a synthesis that can take a minute.
    await assertPortFree(options.port ?? DEFAULT_LOCAL_PORT);
    let assemblyDirectory = options.assemblyDirectory;
    let synthesis: CachedSynthesis | undefined;
    if (assemblyDirectory === undefined) {
      synthesis = await synthesizeAppCached({
        projectDirectory,
        outputDirectory: resolve(projectDirectory, 'cdk.out'),
        context: options.context,
        force: options.synth,
      });
      assemblyDirectory = synthesis.assemblyDirectory;
    }

    const clock = options.clock ?? new ScaledClock({ timeScale });
    const trace = new TraceRecorder(clock);
    const sqs = new LocalSqs({ clock, trace, region });
    const logs = new LogStore({ clock, region });
    const logGroups = new LogGroupTargetInvoker(logs);
    const eventBridge = new LocalEventBridge({ clock, trace, sqs, region, invokers: [logGroups] });
    const dynamoDb = await LocalDynamoDb.start({ dataDirectory: options.dataDirectory, region });

    // The endpoint starts first: queue URLs, and so the functions' environment, embed its port.
    const endpoint = await startLocalEndpoint({ port: options.port ?? DEFAULT_LOCAL_PORT, sqs, eventBridge, dynamoDb });
    const endpointUrl = endpoint.url;
    const model = readCloudAssembly(assemblyDirectory, { region, endpointUrl });

    try {
      if (!options.allowDeprecatedRuntimes) refuseDeprecatedRuntimes(model.functions);
      options.faults?.attach({ model, clock, trace, endpoint, eventBridge });
      const iam = (options.iam ?? true) ? new LocalIamEnforcer(model) : undefined;
      if (iam) {
        endpoint.addGuard(iamRequestGuard(iam, localArnResolver(region), trace));
      }
      endpoint.register(LOGS_TARGET_PREFIX, new LogsJsonApi(logs), '1.1');
      for (const group of model.logGroups) logs.ensureLogGroup(group.name, { retentionInDays: group.retentionInDays });
      await createTables(model, dynamoDb);
      createQueues(model, sqs);
      createEventResources(model, eventBridge);

      const lambda = new LambdaRuntime({
        functions: model.functions,
        clock,
        trace,
        endpointUrl,
        region,
        logSink: teeLogSink(new FunctionLogSink(logs), options.logSink),
        ...(options.isolation ? { isolation: options.isolation } : {}),
        minTimeoutWallMs: options.minTimeoutWallMs ?? (timeScale > 1 ? 5000 : 0),
        ...(options.maxConcurrentColdStarts !== undefined
          ? { maxConcurrentColdStarts: options.maxConcurrentColdStarts }
          : {}),
      });
      endpoint.registerRoute(
        lambdaRestApi(lambda, {
          region,
          accountId: model.accountId,
          authorize: iam ? (caller, action, resource) => iam.check(caller, action, resource) : undefined,
        }),
      );
      eventBridge.registerInvoker(
        callbackInvoker('lambda', async ({ targetArn, input, rule }) => {
          const functionName = targetArn.split(':')[6] ?? targetArn;
          if (!lambda.hasFunction(functionName)) {
            throw new TargetInvocationError('NO_RESOURCE', `function '${functionName}' does not exist`, false);
          }
          const result = await lambda.invoke(functionName, JSON.parse(input), { trigger: `events:${rule.name}` });
          if (result.outcome !== 'success') {
            throw new TargetInvocationError('ERROR_FROM_TARGET', result.error?.errorMessage ?? result.outcome, true);
          }
        }),
      );

      // State machines (the orchestrated variant): tasks invoke the local functions and put
      // events on the local buses, as the service integrations do on AWS.
      const minTimeoutWallMs = options.minTimeoutWallMs ?? (timeScale > 1 ? 5000 : 0);
      const integrations: TaskIntegrations = {
        invokeFunction: invokeFunctionWith(lambda),
        putEvents: async (entries, context) => eventBridge.putEvents(entries, context.caller),
      };
      const stepFunctions = new LocalStepFunctions({
        clock,
        trace,
        region,
        // A task waits for its function, whose own timeout has this wall-clock floor.
        minTaskTimeoutWallSeconds: timeScale > 1 ? (2 * minTimeoutWallMs) / 1000 : 0,
        integrations: options.faults?.wrapTaskIntegrations(integrations) ?? integrations,
        // sqs, dynamodb and aws-sdk Tasks call the endpoint's own operations, as the machine's role.
        services: {
          callService: (call) =>
            endpoint.dispatch({
              target: call.target,
              body: Buffer.from(call.body, 'utf8'),
              headers: {},
              caller: { accessKeyId: 'states', principal: CLIENT_PRINCIPAL },
            }),
          ...(iam ? { authorize: roleAuthorizer(iam, localArnResolver(region)) } : {}),
        },
      });
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
      const startExecutions = stateMachineTargetInvoker(stepFunctions);
      eventBridge.registerInvoker(options.faults?.wrapTargetInvoker(startExecutions) ?? startExecutions);

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
        endpointUrl,
      });

      const eventSourceMappings = new EventSourceMappings({
        mappings: model.eventSourceMappings,
        queueByArn: (arn) => {
          const queue = sqs.findQueue(arn);
          return queue && options.faults ? options.faults.wrapQueue(queue) : queue;
        },
        invoker: options.faults?.wrapInvoker(lambda) ?? lambda,
        clock,
        region,
        // Under a time scale, wall-clock costs (cold starts) are multiplied into AWS time: keep a
        // batch invisible while it is being processed, as AWS's 6x visibility rule guarantees.
        visibilityHeartbeatSeconds:
          timeScale > 1
            ? (queueArn) => model.queues.find((queue) => queue.arn === queueArn)?.visibilityTimeoutSeconds
            : undefined,
      });
      eventSourceMappings.start();
      const pipes = new LocalPipes({
        model,
        clock,
        region,
        trace,
        iam: options.iam ?? true,
        services: { lambda, stepFunctions, sqs, eventBridge },
        queueByArn: (arn) => sqs.findQueue(arn),
      });
      pipes.start();

      const notices: LocalCloudNotices = {
        unsupportedResourceTypes: model.unsupportedResourceTypes.map(
          (unsupported) => `${unsupported.type} (${unsupported.resources.length})`,
        ),
        warnings: [
          ...model.warnings.map((warning) => warning.message),
          ...scheduleProblems,
          ...pipes.problems,
          ...lambda.warnings,
          ...stateMachineWarnings,
        ],
        skippedEventSourceMappings: eventSourceMappings.skipped.map((skipped) => `${skipped.uuid}: ${skipped.reason}`),
      };
      const cloud = new LocalCloud(
        model,
        clock,
        trace,
        endpoint,
        endpointUrl,
        sqs,
        eventBridge,
        dynamoDb,
        lambda,
        eventSourceMappings,
        stepFunctions,
        logGroups,
        notices,
        logs,
      );
      cloud.faults = options.faults;
      cloud.scheduler = scheduler;
      cloud.pipes = pipes;
      cloud.assemblyOrigin = synthesis ? (synthesis.reused ? 'reused' : 'synthesized') : 'given';
      return cloud;
    } catch (error) {
      await endpoint.stop();
      await dynamoDb.stop();
      sqs.close();
      eventBridge.close();
      throw error;
    }
  }

  /**
   * Resolves once nothing is left to do: no delivery in flight, every consumer queue empty (DLQs
   * aside), no invocation running — stable over a short settle period, since one step's end
   * starts the next.
   */
  async whenQuiet(options: { readonly timeoutMs?: number; readonly settleMs?: number } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const settleMs = options.settleMs ?? 30;
    const deadline = Date.now() + timeoutMs;
    let quietSince: number | undefined;
    while (Date.now() < deadline) {
      if (this.isQuiet()) {
        quietSince ??= Date.now();
        if (Date.now() - quietSince >= settleMs) return;
      } else {
        quietSince = undefined;
      }
      await new Promise((resolveTimer) => setTimeout(resolveTimer, 5));
    }
    throw new Error(`the local cloud did not become quiet within ${timeoutMs} ms`);
  }

  private isQuiet(): boolean {
    const busy = Object.values(this.lambda.stats()).some((stats) => stats.active > 0);
    const queued = this.sqs
      .stats()
      .some(
        (queue) => !this.deadLetterQueueNames.has(queue.name) && queue.visible + queue.inFlight + queue.delayed > 0,
      );
    const heldByFaults = (this.faults?.pendingWork ?? 0) > 0;
    const executing = this.stepFunctions
      .stateMachines()
      .some((stateMachine) => this.stepFunctions.listExecutions(stateMachine.arn, 'RUNNING').length > 0);
    return (
      !busy &&
      !queued &&
      !heldByFaults &&
      !executing &&
      this.eventBridge.deliveriesInFlight === 0 &&
      this.scheduler.invocationsInFlight === 0 &&
      this.pipes.idle
    );
  }

  /** Queues that hold failures: redrive targets of queues and DLQs of rule targets. */
  get deadLetterQueueNames(): ReadonlySet<string> {
    this.deadLetterNames ??= deadLetterQueueNamesOf(this.model);
    return this.deadLetterNames;
  }

  /** Stops the pollers, the functions, the endpoint and the tables; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.scheduler.close();
    await this.pipes.stop();
    await this.eventSourceMappings.stop();
    await this.stepFunctions.close();
    await this.lambda.close();
    await this.endpoint.stop();
    this.eventBridge.close();
    this.sqs.close();
    await this.dynamoDb.stop();
  }
}

/** Names of the queues that receive failures: redrive DLQs of queues and DLQs of rule targets. */
export function deadLetterQueueNamesOf(model: AppModel): ReadonlySet<string> {
  const arns = new Set([
    ...model.queues.flatMap((queue) => (queue.redrivePolicy ? [queue.redrivePolicy.deadLetterTargetArn] : [])),
    ...model.rules.flatMap((rule) =>
      rule.targets.flatMap((target) => (target.deadLetterArn ? [target.deadLetterArn] : [])),
    ),
  ]);
  return new Set(model.queues.filter((queue) => arns.has(queue.arn)).map((queue) => queue.name));
}

async function createTables(model: AppModel, dynamoDb: LocalDynamoDb): Promise<void> {
  await dynamoDb.ensureTables(model.tables.map((table) => tableSpecFromTemplate(table.properties, table.name).spec));
}

/** Dead-letter queues first, so that a redrive policy always names an existing queue. */
function createQueues(model: AppModel, sqs: LocalSqs): void {
  const deadLetterArns = new Set(
    model.queues.flatMap((queue) => (queue.redrivePolicy ? [queue.redrivePolicy.deadLetterTargetArn] : [])),
  );
  const ordered = [...model.queues].sort(
    (a, b) => Number(deadLetterArns.has(b.arn)) - Number(deadLetterArns.has(a.arn)),
  );
  for (const queue of ordered) {
    sqs.createQueue(queue.name, queue.attributes);
  }
}

function createEventResources(model: AppModel, eventBridge: LocalEventBridge): void {
  for (const bus of model.buses) {
    if (!eventBridge.findEventBus(bus.name)) eventBridge.createEventBus(bus.name);
  }
  for (const rule of model.rules) {
    eventBridge.putRule({
      name: rule.name,
      eventBusName: rule.eventBusName,
      eventPattern: rule.eventPattern as object | undefined,
      scheduleExpression: rule.scheduleExpression,
      state: rule.state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      description: rule.description,
      roleArn: rule.roleArn,
    });
    eventBridge.putTargets(rule.eventBusName, rule.name, rule.targets.map(toRuleTarget));
  }
  for (const archive of model.archives) {
    eventBridge.createArchive({
      archiveName: archive.name,
      eventSourceArn: archive.sourceArn,
      eventPattern: archive.eventPattern as object | undefined,
      retentionDays: archive.retentionDays,
      description: archive.description,
    });
  }
}

function toRuleTarget(target: AppModel['rules'][number]['targets'][number]): RuleTarget {
  return {
    Id: target.id,
    Arn: target.arn,
    RoleArn: target.roleArn,
    Input: target.input,
    InputPath: target.inputPath,
    InputTransformer: target.inputTransformer
      ? { InputPathsMap: target.inputTransformer.inputPathsMap, InputTemplate: target.inputTransformer.inputTemplate }
      : undefined,
    RetryPolicy: target.retryPolicy
      ? {
          MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
          MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeInSeconds,
        }
      : undefined,
    DeadLetterConfig: target.deadLetterArn ? { Arn: target.deadLetterArn } : undefined,
    SqsParameters: target.messageGroupId ? { MessageGroupId: target.messageGroupId } : undefined,
  };
}
