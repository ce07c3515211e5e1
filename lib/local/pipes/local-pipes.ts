import type { AppModel } from '../assembly/app-model';
import type { Clock } from '../clock';
import type { PollableQueue } from '../event-source-mapping/pollable-queue';
import { SqsPoller } from '../event-source-mapping/sqs-poller';
import { ServiceRoleAccess } from '../iam';
import type { TraceRecorder } from '../trace';
import { PipeBatchProcessor } from './pipe-batch-processor';
import {
  readPipeDefinition,
  PipeValidationError,
  type PipeDefinition,
  type PipeResourceLookup,
} from './pipe-definition';
import { validatePipeRequest } from './pipe-request';
import type { PipeServices } from './pipe-services';
import { PipesConflictError, PipesNotFoundError, PipesValidationError } from './pipes-errors';
import type { RecordJournal } from '../record-journal';

export interface LocalPipesProps {
  readonly model: Pick<AppModel, 'pipes' | 'queues' | 'functions' | 'stateMachines' | 'buses' | 'roles' | 'accountId'>;
  readonly clock: Clock;
  readonly region: string;
  readonly services: Omit<PipeServices, 'roleAccess'>;
  /** The SQS queue of an ARN, to poll (`LocalSqs.findQueue` fits). */
  readonly queueByArn: (arn: string) => PollableQueue | undefined;
  /**
   * Which sources, enrichments and targets exist (queues and state machines created through the
   * APIs included).
   * @default - the resources of the model
   */
  readonly resources?: PipeResourceLookup;
  readonly trace?: TraceRecorder;
  /**
   * Keep a batch invisible while the pipe processes it, as event source mappings do under a time
   * scale (see `SqsPollerProps.visibilityHeartbeatSeconds`): the visibility timeout of the source.
   * @default - no extension
   */
  readonly visibilityHeartbeatSeconds?: (queueArn: string) => number | undefined;
  /** Check the pipes' roles against their policies. @default true */
  readonly iam?: boolean;
  /** Keeps the pipes created through the API and every pipe's state and tags (`--data`). @default - in memory only */
  readonly journal?: PipeJournal;
}

/** `CurrentState` of a pipe (locally the transitions are instant: only answers show `CREATING`, ...). */
export type PipeState =
  | 'RUNNING'
  | 'STOPPED'
  | 'CREATE_FAILED'
  | 'UPDATE_FAILED'
  | 'CREATING'
  | 'UPDATING'
  | 'STARTING'
  | 'STOPPING'
  | 'DELETING';

/** What DescribePipe answers (timestamps in AWS ms; the REST API writes epoch seconds). */
export interface PipeDescription {
  readonly Name: string;
  readonly Arn: string;
  readonly DesiredState: 'RUNNING' | 'STOPPED' | 'DELETED';
  readonly CurrentState: PipeState;
  readonly StateReason?: string;
  readonly CreationTime: number;
  readonly LastModifiedTime: number;
  readonly Tags: Readonly<Record<string, string>>;
  readonly [member: string]: unknown;
}

/** A pipe as the store under `--data` keeps it. */
export interface StoredPipe {
  readonly name: string;
  readonly arn: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly desiredState: 'RUNNING' | 'STOPPED';
  readonly createdAt: number;
  readonly modifiedAt: number;
  readonly tags: Readonly<Record<string, string>>;
}

/** What the pipes tell the store that keeps them under `--data` (keyed by pipe name). */
export type PipeJournal = RecordJournal<StoredPipe>;

/** The members of a pipe as CreatePipe takes them (and `AWS::Pipes::Pipe` declares them). */
type PipeProperties = Readonly<Record<string, unknown>>;

interface PipeEntry {
  readonly name: string;
  readonly arn: string;
  properties: PipeProperties;
  desiredState: 'RUNNING' | 'STOPPED';
  currentState: PipeState;
  stateReason?: string;
  readonly createdAt: number;
  modifiedAt: number;
  tags: Record<string, string>;
  definition?: PipeDefinition;
  poller?: SqsPoller;
}

const SOURCE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

/**
 * EventBridge Pipes with SQS sources: the template's pipes and those of the Pipes API, each polled
 * like Lambda's SQS event source mapping (batch size, batching window, filter criteria: records no
 * filter matches are deleted) and run through its enrichment and target (`PipeBatchProcessor`).
 * A template pipe that names a resource that does not exist, has a malformed input template or
 * filter, or whose role may not read its source, is not run and is listed in `problems`; through
 * the API the same mistakes are `ValidationException`s, and a role that may not read the source
 * leaves the pipe `CREATE_FAILED` with the reason, as AWS does.
 */
export class LocalPipes {
  readonly problems: string[] = [];
  private readonly entries = new Map<string, PipeEntry>();
  private readonly roleAccess: ServiceRoleAccess;
  private readonly resources: PipeResourceLookup;
  private started = false;

  constructor(private readonly props: LocalPipesProps) {
    const { model } = props;
    this.roleAccess = new ServiceRoleAccess(model, props.iam ?? true);
    this.resources = props.resources ?? modelResources(props.model, props.region);
    for (const pipe of model.pipes) {
      const entry = this.newEntry(pipe.name, pipe.properties, {}, pipe.arn);
      try {
        entry.definition = readPipeDefinition(pipe, this.resources);
        this.checkSourceAccess(entry.definition);
        if (!props.queueByArn(entry.definition.sourceArn)) {
          throw new Error('its source queue is not running');
        }
      } catch (error) {
        this.problems.push(
          error instanceof PipeValidationError
            ? error.message
            : `pipe '${pipe.name}' is not run: ${(error as Error).message}`,
        );
        continue;
      }
      entry.poller = this.pollerOf(entry.definition);
      entry.currentState = entry.desiredState;
      this.entries.set(pipe.name, entry);
    }
  }

  /** The pipes that run. */
  get pipes(): readonly PipeDefinition[] {
    return [...this.entries.values()].flatMap((entry) => (entry.definition && entry.poller ? [entry.definition] : []));
  }

  start(): void {
    this.started = true;
    for (const entry of this.entries.values()) {
      if (entry.desiredState === 'RUNNING') entry.poller?.start();
    }
  }

  /** No batch in flight or being gathered. */
  get idle(): boolean {
    return [...this.entries.values()].every((entry) => entry.poller?.idle ?? true);
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.entries.values()].map((entry) => entry.poller?.stop() ?? Promise.resolve()));
  }

  /**
   * CreatePipe: validated as AWS validates it, then run like a template pipe.
   *
   * @throws PipesValidationError, PipesConflictError
   */
  createPipe(name: string, request: PipeProperties): PipeDescription {
    validatePipeRequest(name, request, 'create');
    if (this.entries.has(name)) throw new PipesConflictError(`Pipe ${name} already exists.`, name);
    const { Tags, ...properties } = request;
    const entry = this.newEntry(name, properties, stringMap(Tags));
    this.build(entry, 'CREATE_FAILED');
    this.entries.set(name, entry);
    this.journal(entry);
    return {
      ...this.describe(entry),
      CurrentState: entry.currentState === 'CREATE_FAILED' ? 'CREATE_FAILED' : 'CREATING',
    };
  }

  /** @throws PipesNotFoundError */
  describePipe(name: string): PipeDescription {
    return this.describe(this.entry(name));
  }

  /**
   * UpdatePipe: the members given replace the pipe's (a service's parameters object as a whole),
   * the source stays; the pipe is stopped and run again with the new definition.
   *
   * @throws PipesValidationError, PipesNotFoundError
   */
  async updatePipe(name: string, request: PipeProperties): Promise<PipeDescription> {
    const entry = this.entry(name);
    validatePipeRequest(name, { ...request }, 'update');
    const merged: Record<string, unknown> = { ...entry.properties };
    for (const [member, value] of Object.entries(request)) {
      if (member === 'Source' || member === 'Tags' || value === undefined) continue;
      merged[member] =
        member.endsWith('Parameters') && isRecord(value) && isRecord(merged[member])
          ? { ...merged[member], ...value }
          : value;
    }
    // Checked before the running pipe is touched: a refused update leaves it as it was.
    readPipeDefinition({ name, arn: entry.arn, properties: merged }, this.resources);
    await entry.poller?.stop();
    entry.poller = undefined;
    entry.properties = merged;
    if (typeof request.DesiredState === 'string')
      entry.desiredState = request.DesiredState === 'STOPPED' ? 'STOPPED' : 'RUNNING';
    entry.modifiedAt = this.props.clock.now();
    this.build(entry, 'UPDATE_FAILED');
    this.journal(entry);
    return { ...this.describe(entry), CurrentState: 'UPDATING' };
  }

  /** @throws PipesNotFoundError */
  async deletePipe(name: string): Promise<PipeDescription> {
    const entry = this.entry(name);
    this.entries.delete(name);
    this.props.journal?.deleted(name);
    await entry.poller?.stop();
    return { ...this.describe(entry), DesiredState: 'DELETED', CurrentState: 'DELETING' };
  }

  /** StartPipe / StopPipe: the pipe's `DesiredState`. @throws PipesNotFoundError */
  async setDesiredState(name: string, desiredState: 'RUNNING' | 'STOPPED'): Promise<PipeDescription> {
    const entry = this.entry(name);
    entry.desiredState = desiredState;
    entry.modifiedAt = this.props.clock.now();
    this.journal(entry);
    if (entry.currentState === 'RUNNING' || entry.currentState === 'STOPPED') {
      entry.currentState = desiredState;
      if (desiredState === 'STOPPED') await entry.poller?.stop();
      else if (this.started) entry.poller?.start();
    }
    return {
      ...this.describe(entry),
      CurrentState: desiredState === 'RUNNING' ? 'STARTING' : 'STOPPING',
    };
  }

  /** ListPipes' filters: name prefix, states, source and target prefixes. */
  listPipes(filter: {
    readonly namePrefix?: string;
    readonly desiredState?: string;
    readonly currentState?: string;
    readonly sourcePrefix?: string;
    readonly targetPrefix?: string;
  }): PipeDescription[] {
    return [...this.entries.values()]
      .map((entry) => this.describe(entry))
      .filter(
        (pipe) =>
          pipe.Name.startsWith(filter.namePrefix ?? '') &&
          (filter.desiredState === undefined || pipe.DesiredState === filter.desiredState) &&
          (filter.currentState === undefined || pipe.CurrentState === filter.currentState) &&
          String(pipe.Source).startsWith(filter.sourcePrefix ?? '') &&
          String(pipe.Target).startsWith(filter.targetPrefix ?? ''),
      )
      .sort((a, b) => a.Name.localeCompare(b.Name));
  }

  /** TagResource / UntagResource / ListTagsForResource of a pipe by ARN. @throws PipesNotFoundError */
  tagsOf(arn: string): Record<string, string> {
    return this.entryByArn(arn).tags;
  }

  /** TagResource. @throws PipesNotFoundError */
  tagResource(arn: string, tags: Readonly<Record<string, string>>): void {
    const entry = this.entryByArn(arn);
    entry.tags = { ...entry.tags, ...tags };
    this.journal(entry);
  }

  /** UntagResource. @throws PipesNotFoundError */
  untagResource(arn: string, keys: readonly string[]): void {
    const entry = this.entryByArn(arn);
    const removed = new Set(keys);
    entry.tags = Object.fromEntries(Object.entries(entry.tags).filter(([key]) => !removed.has(key)));
    this.journal(entry);
  }

  /**
   * Puts back a pipe kept under `--data`: a template pipe takes its kept state, tags and (after
   * UpdatePipe) members; a pipe created through the API is created again (CREATE_FAILED, as
   * CreatePipe would leave it, when its source is no longer there). Call before `start()`.
   */
  restorePipe(stored: StoredPipe): void {
    const existing = this.entries.get(stored.name);
    void existing?.poller?.stop();
    const entry: PipeEntry = {
      name: stored.name,
      arn: stored.arn,
      properties: stored.properties,
      desiredState: stored.desiredState,
      currentState: 'STOPPED',
      createdAt: stored.createdAt,
      modifiedAt: stored.modifiedAt,
      tags: { ...stored.tags },
    };
    try {
      this.build(entry, 'CREATE_FAILED');
    } catch (error) {
      // A kept definition this version refuses: the pipe is listed as failed, not run.
      entry.currentState = 'CREATE_FAILED';
      entry.stateReason = (error as Error).message;
    }
    this.entries.set(stored.name, entry);
    this.journal(entry);
  }

  /** Forgets a template pipe deleted through the API before a restart (not journaled). */
  forgetPipe(name: string): boolean {
    const entry = this.entries.get(name);
    if (!entry) return false;
    void entry.poller?.stop();
    return this.entries.delete(name);
  }

  private journal(entry: PipeEntry): void {
    this.props.journal?.changed({
      name: entry.name,
      arn: entry.arn,
      properties: entry.properties,
      desiredState: entry.desiredState,
      createdAt: entry.createdAt,
      modifiedAt: entry.modifiedAt,
      tags: entry.tags,
    });
  }

  private entryByArn(arn: string): PipeEntry {
    const entry = [...this.entries.values()].find((candidate) => candidate.arn === arn);
    if (!entry) throw new PipesNotFoundError(`Pipe ${arn.split('/').pop() ?? arn} does not exist.`);
    return entry;
  }

  private entry(name: string): PipeEntry {
    const entry = this.entries.get(name);
    if (!entry) throw new PipesNotFoundError(`Pipe ${name} does not exist.`);
    return entry;
  }

  private newEntry(name: string, properties: PipeProperties, tags: Record<string, string>, arn?: string): PipeEntry {
    const now = this.props.clock.now();
    return {
      name,
      arn: arn ?? `arn:aws:pipes:${this.props.region}:${this.props.model.accountId}:pipe/${name}`,
      properties,
      desiredState: properties.DesiredState === 'STOPPED' ? 'STOPPED' : 'RUNNING',
      currentState: 'STOPPED',
      createdAt: now,
      modifiedAt: now,
      tags,
    };
  }

  /**
   * Reads and runs an API pipe: a definition AWS refuses is a ValidationException; a role that may
   * not read the source, or a source that is not running, leaves the pipe in `failedState`.
   */
  private build(entry: PipeEntry, failedState: 'CREATE_FAILED' | 'UPDATE_FAILED'): void {
    let definition: PipeDefinition;
    try {
      definition = readPipeDefinition(
        { name: entry.name, arn: entry.arn, properties: entry.properties },
        this.resources,
      );
    } catch (error) {
      if (error instanceof PipeValidationError) {
        throw new PipesValidationError(error.reason, [{ name: error.field, message: error.reason }]);
      }
      throw error;
    }
    entry.definition = definition;
    entry.stateReason = undefined;
    try {
      this.checkSourceAccess(definition);
      if (!this.props.queueByArn(definition.sourceArn))
        throw new Error(`source queue '${definition.sourceArn}' is not running`);
    } catch (error) {
      entry.currentState = failedState;
      entry.stateReason = (error as Error).message;
      return;
    }
    entry.poller = this.pollerOf(definition);
    entry.currentState = entry.desiredState;
    if (this.started && entry.desiredState === 'RUNNING') entry.poller.start();
  }

  private checkSourceAccess(definition: PipeDefinition): void {
    for (const action of SOURCE_ACTIONS) {
      this.roleAccess.check(definition.roleArn, 'pipes.amazonaws.com', action, definition.sourceArn);
    }
  }

  private pollerOf(definition: PipeDefinition): SqsPoller {
    const { props } = this;
    const queue = props.queueByArn(definition.sourceArn) as PollableQueue;
    const processor = new PipeBatchProcessor(
      definition,
      { ...props.services, roleAccess: this.roleAccess },
      props.clock,
      props.trace,
    );
    return new SqsPoller({
      mapping: {
        uuid: definition.name,
        functionName: `pipes:${definition.name}`,
        eventSourceArn: definition.sourceArn,
        batchSize: definition.batchSize,
        maximumBatchingWindowInSeconds: definition.maximumBatchingWindowInSeconds,
        reportBatchItemFailures: true,
        // Stopping and starting is the poller's; a stopped pipe's poller is simply not started.
        enabled: true,
        filterPatterns: definition.filterPatterns,
      },
      queue,
      invoker: {
        invoke: (_name, payload) => processor.process((payload as { Records: { messageId: string }[] }).Records),
      },
      clock: props.clock,
      region: props.region,
      visibilityHeartbeatSeconds: props.visibilityHeartbeatSeconds?.(definition.sourceArn),
    });
  }

  private describe(entry: PipeEntry): PipeDescription {
    return {
      ...entry.properties,
      Name: entry.name,
      Arn: entry.arn,
      DesiredState: entry.desiredState,
      CurrentState: entry.currentState,
      ...(entry.stateReason !== undefined ? { StateReason: entry.stateReason } : {}),
      CreationTime: entry.createdAt,
      LastModifiedTime: entry.modifiedAt,
      Tags: entry.tags,
    };
  }
}

/** The app's own resources, for a cloud whose APIs create none. */
function modelResources(model: LocalPipesProps['model'], region: string): PipeResourceLookup {
  const queues = new Set(model.queues.map((queue) => queue.arn));
  const functions = new Set(model.functions.map((fn) => fn.name));
  const machines = new Set(model.stateMachines.map((machine) => machine.arn));
  const buses = new Set([
    ...model.buses.map((bus) => bus.arn),
    `arn:aws:events:${region}:${model.accountId}:event-bus/default`,
  ]);
  return {
    queueExists: (arn) => queues.has(arn),
    functionExists: (name) => functions.has(name),
    stateMachineExists: (arn) => machines.has(arn),
    busExists: (arn) => buses.has(arn),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
  );
}
