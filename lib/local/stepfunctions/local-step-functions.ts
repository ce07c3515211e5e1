import { randomUUID } from 'node:crypto';
import { DEFAULT_LOCAL_REGION, formatArn } from '../arn';
import type { Clock } from '../clock';
import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../endpoint/aws-json';
import type { TraceRecorder } from '../trace';
import { handleStepFunctionsRequest } from './api/stepfunctions-json-api';
import { StateMachineCatalog, type StateMachineJournal } from './control/state-machine-catalog';
import { assertExecutionInput, assertExecutionName, assertStatesArn } from './execution-names';
import type { TaskServices } from './integrations/task-services';
import { TaskTokens } from './integrations/task-tokens';
import {
  LocalExecution,
  type ExecutionDescription,
  type ExecutionJournal,
  type ExecutionStatus,
  type StoredExecution,
} from './local-execution';
import type { RegisteredStateMachine, StateMachineRegistration } from './state-machine-registration';
import {
  ExecutionAlreadyExistsError,
  ExecutionDoesNotExistError,
  StateMachineTypeNotSupportedError,
} from './stepfunctions-errors';
import type { TaskRunner } from './engine/task-runner';
import { ExecutionHistory } from './execution-history';
import type { TaskIntegrations } from './task-integrations';
import { localTaskRunner } from './task-handlers';
import { OpenAttempts } from './task-scope';

/** The `X-Amz-Target` prefix of Step Functions' JSON 1.0 protocol. */
export const STEP_FUNCTIONS_TARGET_PREFIX = 'AWSStepFunctions.';

export interface LocalStepFunctionsProps {
  /** AWS time: Wait states, Retry intervals and timeouts follow its time scale. */
  readonly clock: Clock;
  /** Records execution.started / succeeded / failed and state.entered. @default - no trace */
  readonly trace?: TraceRecorder;
  /** What Tasks call (Lambda functions, EventBridge). */
  readonly integrations: TaskIntegrations;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * Check definitions with asl-validator when they are registered (about a second per
   * distinct definition, cached per process).
   * @default true
   */
  readonly validateDefinitions?: boolean;
  /**
   * Smallest wall-clock Task timeout in seconds (see `PrepareOptions.minTaskTimeoutWallSeconds`).
   * @default 0
   */
  readonly minTaskTimeoutWallSeconds?: number;
  /**
   * The local endpoint's operations (sqs, dynamodb and aws-sdk integrations) and IAM decisions
   * for state machine roles.
   * @default - those integrations fail with States.Runtime; every call is allowed
   */
  readonly services?: TaskServices;
  /**
   * Keeps executions under `--data` (their description, history and the state a running one is
   * in), so they survive a restart.
   * @default - in memory until the process ends
   */
  readonly journal?: ExecutionJournal;
  /** Keeps the state machines created or changed through the API (`--data`). @default - in memory only */
  readonly machineJournal?: StateMachineJournal;
}

/** Options of an in-process StartExecution. */
export interface StartExecutionOptions {
  /** @default - a UUID */
  readonly name?: string;
  /** Who starts it, for the record: `events:<rule>`, `cli`, ... @default 'api' */
  readonly trigger?: string;
  readonly traceHeader?: string;
}

/**
 * The local cloud's Step Functions: registered state machines run by the ASL interpreter
 * (aws-local-stepfunctions) with every Task performed against the local cloud through
 * `TaskIntegrations`, in AWS time (Clock), behind the AWS JSON 1.0 protocol
 * (`AWSStepFunctions.*`: StartExecution, StartSyncExecution, StopExecution, DescribeExecution,
 * ListExecutions, GetExecutionHistory, DescribeStateMachine, ListStateMachines).
 *
 * Differences from AWS, by design: EXPRESS executions are kept and can be described, listed and
 * their history read like STANDARD ones; executions are kept in memory until the process ends.
 *
 * @example
 * const sfn = new LocalStepFunctions({ clock, trace, integrations: { invokeFunction, putEvents } });
 * sfn.registerStateMachine(model.stateMachines[0]);
 * endpoint.register(STEP_FUNCTIONS_TARGET_PREFIX, sfn, '1.0');
 * const { executionArn } = sfn.startExecution(arn, JSON.stringify(event), { trigger: 'events:saga' });
 * await sfn.whenIdle();
 */
export class LocalStepFunctions implements AwsJsonService {
  readonly region: string;
  /** AWS time. */
  readonly clock: Clock;
  /** State machines, versions, aliases and tags (the control plane's state). */
  readonly catalog: StateMachineCatalog;
  /** Whether definitions go through the full ASL schema too (`validateDefinitions`). */
  get validatesDefinitionSchema(): boolean {
    return this.props.validateDefinitions ?? true;
  }

  /** Tasks waiting for SendTaskSuccess / SendTaskFailure. */
  readonly taskTokens: TaskTokens;
  private readonly executionsByArn = new Map<string, LocalExecution>();
  private readonly running = new Set<LocalExecution>();
  /** Set by `close()`: executions stopped by the shutdown are not saved as ABORTED (they resume). */
  private closing = false;
  private readonly journal: ExecutionJournal | undefined;

  constructor(private readonly props: LocalStepFunctionsProps) {
    this.clock = props.clock;
    this.region = props.region ?? DEFAULT_LOCAL_REGION;
    this.taskTokens = new TaskTokens(props.clock);
    const journal = props.journal;
    this.journal = journal && {
      executionChanged: (execution) => {
        if (!this.closing) journal.executionChanged(execution);
      },
    };
    this.catalog = new StateMachineCatalog({
      clock: props.clock,
      region: this.region,
      validateSchema: props.validateDefinitions ?? true,
      prepare: { minTaskTimeoutWallSeconds: props.minTaskTimeoutWallSeconds },
      ...(props.machineJournal ? { journal: props.machineJournal } : {}),
    });
  }

  /**
   * Registers (or replaces) a state machine of the assembly. The assembly model's
   * `StateMachineModel` fits. Its definition passes CreateStateMachine's checks.
   * @throws InvalidStateMachineDefinitionError | InvalidDefinitionError | InvalidStepFunctionsArnError
   */
  registerStateMachine(registration: StateMachineRegistration): RegisteredStateMachine {
    return this.catalog.register(registration);
  }

  /**
   * The state machine of that (unqualified) ARN.
   * @throws InvalidStepFunctionsArnError | StateMachineDoesNotExistError
   */
  stateMachine(arn: string): RegisteredStateMachine {
    return this.catalog.machine(arn);
  }

  stateMachines(): RegisteredStateMachine[] {
    return this.catalog.all();
  }

  /**
   * Starts an execution and returns it at once (it runs in the background). STANDARD executions
   * are idempotent by name, as on AWS: the same name and input as a RUNNING execution return
   * that execution; a name already used otherwise throws ExecutionAlreadyExists.
   *
   * @param input JSON text. @default '{}'
   * @throws InvalidStepFunctionsArnError | StateMachineDoesNotExistError | InvalidExecutionInputError | InvalidExecutionNameError | ExecutionAlreadyExistsError
   */
  startExecution(stateMachineArn: string, input = '{}', options: StartExecutionOptions = {}): LocalExecution {
    const { machine, versionArn, aliasArn } = this.catalog.resolve(stateMachineArn);
    assertExecutionInput(input);
    const name = options.name ?? randomUUID();
    assertExecutionName(name);
    let executionArn: string;
    if (machine.type === 'STANDARD') {
      executionArn = formatArn('states', this.region, `execution:${machine.name}:${name}`);
      const existing = this.executionsByArn.get(executionArn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.describe().input === input) return existing;
        throw new ExecutionAlreadyExistsError(executionArn);
      }
    } else {
      executionArn = formatArn('states', this.region, `express:${machine.name}:${name}:${randomUUID()}`);
    }
    return this.createExecution({
      executionArn,
      name,
      machine,
      input,
      trigger: options.trigger ?? 'api',
      versionArn,
      aliasArn,
      traceHeader: options.traceHeader,
    });
  }

  /**
   * Puts back an execution the store kept (`--data`): an ended one to be described and listed,
   * a running one resumed at the state it was in.
   * @returns false when its state machine no longer exists
   */
  restoreExecution(stored: StoredExecution): boolean {
    const { description } = stored;
    let machine: RegisteredStateMachine;
    try {
      machine = this.catalog.resolve(description.stateMachineVersionArn ?? description.stateMachineArn).machine;
    } catch {
      return false;
    }
    this.createExecution({
      executionArn: description.executionArn,
      name: description.name,
      machine,
      input: description.input,
      trigger: description.trigger,
      versionArn: description.stateMachineVersionArn,
      aliasArn: description.stateMachineAliasArn,
      traceHeader: description.traceHeader,
      restored: stored,
    });
    return true;
  }

  private createExecution(init: {
    readonly executionArn: string;
    readonly name: string;
    readonly machine: RegisteredStateMachine;
    readonly input: string;
    readonly trigger: string;
    readonly versionArn?: string;
    readonly aliasArn?: string;
    readonly traceHeader?: string;
    readonly restored?: StoredExecution;
  }): LocalExecution {
    const { executionArn } = init;
    const execution = new LocalExecution({
      executionArn,
      name: init.name,
      stateMachine: init.machine,
      input: init.input,
      trigger: init.trigger,
      clock: this.props.clock,
      integrations: this.props.integrations,
      region: this.region,
      taskTokens: this.taskTokens,
      startExecution: (childArn, childInput, childName) =>
        this.startExecution(childArn, childInput, {
          trigger: `states:${executionArn}`,
          ...(childName !== undefined ? { name: childName } : {}),
        }),
      ...(this.props.services ? { services: this.props.services } : {}),
      ...(init.versionArn !== undefined ? { stateMachineVersionArn: init.versionArn } : {}),
      ...(init.aliasArn !== undefined ? { stateMachineAliasArn: init.aliasArn } : {}),
      ...(init.traceHeader !== undefined ? { traceHeader: init.traceHeader } : {}),
      ...(this.props.trace ? { trace: this.props.trace } : {}),
      ...(this.journal ? { journal: this.journal } : {}),
      ...(init.restored ? { restored: init.restored } : {}),
    });
    this.executionsByArn.set(executionArn, execution);
    if (execution.status === 'RUNNING') {
      this.running.add(execution);
      void execution.done.then(() => this.running.delete(execution));
    }
    return execution;
  }

  /**
   * Runs an EXPRESS execution to its end (StartSyncExecution).
   * @throws StateMachineTypeNotSupportedError for a STANDARD state machine, and what startExecution throws
   */
  async startSyncExecution(
    stateMachineArn: string,
    input = '{}',
    options: StartExecutionOptions = {},
  ): Promise<ExecutionDescription> {
    if (this.catalog.resolve(stateMachineArn).machine.type !== 'EXPRESS') {
      throw new StateMachineTypeNotSupportedError('This operation is not supported by this type of state machine');
    }
    return this.startExecution(stateMachineArn, input, options).done;
  }

  /**
   * The execution of that ARN (running or ended).
   * @throws InvalidStepFunctionsArnError | ExecutionDoesNotExistError
   */
  execution(executionArn: string): LocalExecution {
    assertStatesArn(executionArn, ['execution', 'express']);
    const execution = this.executionsByArn.get(executionArn);
    if (!execution) throw new ExecutionDoesNotExistError(executionArn);
    return execution;
  }

  describeExecution(executionArn: string): ExecutionDescription {
    return this.execution(executionArn).describe();
  }

  /**
   * Whether any execution of any state machine is still running. Cheap (no descriptions built),
   * for callers that ask often, such as LocalCloud.whenQuiet.
   */
  hasRunningExecutions(): boolean {
    for (const execution of this.executionsByArn.values()) if (execution.status === 'RUNNING') return true;
    return false;
  }

  /** The executions of a state machine, newest first, optionally of one status. */
  listExecutions(stateMachineArn: string, statusFilter?: ExecutionStatus): ExecutionDescription[] {
    this.stateMachine(stateMachineArn);
    return [...this.executionsByArn.values()]
      .map((execution) => execution.describe())
      .filter(
        (execution) =>
          execution.stateMachineArn === stateMachineArn &&
          (statusFilter === undefined || execution.status === statusFilter),
      )
      .reverse();
  }

  /**
   * Stops a running execution; it ends ABORTED. Stopping an ended execution changes nothing.
   * @returns the execution once it has ended
   */
  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<ExecutionDescription> {
    const execution = this.execution(executionArn);
    execution.stop(error, cause);
    return execution.done;
  }

  /** Resolves when no execution is running (including those started while waiting). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all([...this.running].map((execution) => execution.done));
    }
  }

  /** Stops every running execution and waits until they have ended. */
  async close(): Promise<void> {
    this.closing = true;
    for (const execution of this.running) {
      execution.keepAsStoredForShutdown();
      execution.stop('States.Aborted', 'the local cloud is shutting down');
    }
    await this.whenIdle();
  }

  /**
   * Performs Tasks outside any execution (TestState): each attempt reaches the same local
   * integrations an execution's Tasks do, with IAM decided for `roleArn`; `signal` ends the
   * attempts still running.
   */
  standaloneTaskRunner(
    identity: { readonly executionArn: string; readonly stateMachineArn: string; readonly roleArn: string },
    signal: AbortSignal,
  ): TaskRunner {
    return localTaskRunner({
      executionArn: identity.executionArn,
      stateMachineArn: identity.stateMachineArn,
      stateMachineName: identity.stateMachineArn.split(':').pop() ?? '',
      roleArn: identity.roleArn,
      region: this.region,
      integrations: this.props.integrations,
      history: new ExecutionHistory(this.clock),
      clock: this.clock,
      signal,
      attempts: new OpenAttempts(),
      taskTokens: this.taskTokens,
      mintedTokens: new Set(),
      services: this.props.services ?? {},
      startExecution: (childArn, childInput, childName) =>
        this.startExecution(childArn, childInput, {
          trigger: `states:${identity.executionArn}`,
          ...(childName !== undefined ? { name: childName } : {}),
        }),
      heartbeatSeconds: new Map(),
    });
  }

  /** Answers one `AWSStepFunctions.*` call; never rejects (errors are AWS error responses). */
  handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    return handleStepFunctionsRequest(this, request);
  }
}
