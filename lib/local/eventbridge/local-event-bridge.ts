import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { archiveArn, DEFAULT_LOCAL_REGION, eventBusArn, formatArn, LOCAL_ACCOUNT_ID, parseArn, ruleArn } from '../arn';
import type { Clock } from '../clock';
import type { LocalSqs } from '../sqs/local-sqs';
import type { TraceRecorder } from '../trace';
import { DeliveryTracker } from './delivery-tracker';
import { FileArchiveStorage, MemoryArchiveStorage, type ArchiveStorage } from './archive-storage';
import { EventArchive } from './event-archive';
import { LocalEventBus } from './event-bus';
import type { EventEnvelope } from './event-envelope';
import { EventRule, type RuleState } from './event-rule';
import {
  EventsInvalidPatternError,
  EventsLimitExceededError,
  EventsResourceAlreadyExistsError,
  EventsResourceNotFoundError,
  EventsValidationError,
} from './events-errors';
import { compileEventPattern, InvalidEventPatternError, type CompiledEventPattern } from './pattern';
import { validRuleSchedule } from './schedule-rule-validation';
import { ScheduleRuleRunner } from './schedule-rule-runner';
import {
  envelopeOfEntry,
  isEntryFailure,
  MAX_PUT_EVENTS_BYTES,
  MAX_PUT_EVENTS_ENTRIES,
  putEventsEntrySize,
  type PutEventsEntry,
  type PutEventsEntryFailure,
} from './put-events-entry';
import { MAX_TARGETS_PER_RULE, validateRuleTarget, type RuleTarget } from './rule-target';
import { SqsTargetInvoker } from './sqs-target-invoker';
import { deliverToTarget, type RetryBackoff } from './target-delivery';
import { TargetInvocationError, type TargetInvoker } from './target-invoker';

/** CreateArchive's ArchiveName: 1 to 48 of these characters (EventBridge API reference). */
const ARCHIVE_NAME = /^[.\-_A-Za-z0-9]{1,48}$/;

export interface LocalEventBridgeProps {
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  /** For SQS targets and target DLQs. */
  readonly sqs: LocalSqs;
  /** @default 'us-east-1' */
  readonly region?: string;
  /**
   * Invokers for Lambda, Step Functions, ... targets (SQS and bus targets are built in).
   * @default - none; such targets fail with NO_RESOURCE until one is registered
   */
  readonly invokers?: readonly TargetInvoker[];
  /** @default - 1 s doubling up to 3 min, with jitter */
  readonly retryBackoff?: RetryBackoff;
  /**
   * Keep archives in append-only files in this directory (`--data`): they cost memory for their
   * index only, and a restart finds their events again.
   * @default - archives in memory, each bounded to 64 MB of events (oldest dropped first)
   */
  readonly archiveDirectory?: string;
  /**
   * Bytes of events an in-memory archive keeps (without `archiveDirectory`); past it the oldest
   * are dropped and counted.
   * @default 64 MB
   */
  readonly archiveMemoryBytes?: number;
  /**
   * Keeps every accepted event until all its deliveries are done (`--data`), so a restart
   * delivers what a crash interrupted.
   * @default - events in flight live in memory only
   */
  readonly outbox?: EventOutbox;
  /** Keeps rules and their targets (`--data`). @default - in memory only */
  readonly ruleJournal?: RuleJournal;
  /** Keeps the buses and archives created (`--data`). @default - in memory only */
  readonly busJournal?: BusJournal;
}

/** What the bus tells the store that keeps its rules under `--data`. */
export interface RuleJournal {
  ruleChanged(rule: EventRule): void;
  ruleDeleted(rule: EventRule): void;
}

/**
 * What EventBridge tells the store that keeps its buses and archives under `--data` (an
 * archive's events are in its own file; the store keeps its definition).
 */
export interface BusJournal {
  busChanged(bus: LocalEventBus): void;
  busDeleted(name: string): void;
  archiveChanged(archive: EventArchive): void;
  archiveDeleted(name: string): void;
  replayChanged(replay: Replay): void;
}

/** An event accepted on a bus and not yet delivered to every target of every matching rule. */
export interface PendingEvent {
  readonly busName: string;
  readonly event: EventEnvelope;
  readonly hops: number;
  /** A replay's rules; every matching rule when absent. */
  readonly onlyRules?: readonly string[];
}

/** Where accepted events wait for their deliveries under `--data`. */
export interface EventOutbox {
  /** Keeps the event; returns its key. */
  accepted(pending: PendingEvent): string;
  /** Every delivery of the event ended (delivered, dead-lettered or dropped). */
  delivered(key: string): void;
}

/** PutRule input. */
export interface PutRuleInput {
  readonly name: string;
  /** @default 'default' */
  readonly eventBusName?: string;
  /** JSON text or object. */
  readonly eventPattern?: string | object;
  readonly scheduleExpression?: string;
  /** @default 'ENABLED' */
  readonly state?: RuleState;
  readonly description?: string;
  readonly roleArn?: string;
}

/** PutEvents result, as the API answers. */
export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: ({ EventId: string } | PutEventsEntryFailure)[];
}

/** CreateArchive input. */
export interface CreateArchiveInput {
  readonly archiveName: string;
  /** The ARN of the bus to record. */
  readonly eventSourceArn: string;
  readonly eventPattern?: string | object;
  /** @default 0 - forever */
  readonly retentionDays?: number;
  readonly description?: string;
  /** When it was created (AWS ms): a restart puts back the kept time. @default - now */
  readonly createdAt?: number;
}

/** StartReplay input; times in AWS ms. */
export interface StartReplayInput {
  readonly replayName: string;
  readonly archiveName: string;
  readonly eventStartTime: number;
  readonly eventEndTime: number;
  /** The bus the archive records (AWS allows no other). */
  readonly destinationArn: string;
  /** @default - every rule of the bus */
  readonly filterArns?: readonly string[];
}

/** A replay that ran (local replays complete at once). */
export interface Replay {
  readonly replayName: string;
  readonly replayArn: string;
  /** The archive's ARN. */
  readonly eventSourceArn: string;
  readonly state: 'COMPLETED';
  readonly eventCount: number;
  readonly startedAt: number;
  readonly input: StartReplayInput;
}

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;
const TEST_EVENT_REQUIRED_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];
/** Bus-to-bus forwarding stops here, so a cycle of bus targets cannot spin forever. */
const MAX_BUS_HOPS = 4;

/**
 * The EventBridge service of the local cloud: buses (the `default` bus plus those created),
 * rules with patterns compiled once, targets with input transformation, retries and DLQs, and
 * archives. PutEvents answers at once; deliveries run asynchronously, each traced, and
 * `whenIdle()` resolves when none is left in flight.
 *
 * @example
 * const bridge = new LocalEventBridge({ clock, trace, sqs });
 * bridge.createEventBus('shop-choreography');
 * bridge.putRule({ name: 'to-orders', eventBusName: 'shop-choreography', eventPattern: { source: ['shop.storefront'] } });
 * bridge.putTargets('shop-choreography', 'to-orders', [{ Id: 'q', Arn: queue.arn }]);
 * bridge.putEvents([{ Source: 'shop.storefront', DetailType: 'OrderPlaced', Detail: '{}', EventBusName: 'shop-choreography' }], 'client');
 * await bridge.whenIdle();
 */
export class LocalEventBridge {
  readonly region: string;
  private readonly buses = new Map<string, LocalEventBus>();
  private readonly invokers = new Map<string, TargetInvoker>();
  private readonly tracker = new DeliveryTracker();
  private readonly replays = new Map<string, Replay>();
  private readonly shutdown = new AbortController();
  private readonly schedules: ScheduleRuleRunner;

  constructor(private readonly props: LocalEventBridgeProps) {
    this.region = props.region ?? DEFAULT_LOCAL_REGION;
    this.schedules = new ScheduleRuleRunner({
      clock: props.clock,
      region: this.region,
      deliver: (rule, event) => this.deliverToRule(rule, event),
    });
    this.createEventBus('default');
    this.registerInvoker(new SqsTargetInvoker(props.sqs));
    for (const invoker of props.invokers ?? []) this.registerInvoker(invoker);
  }

  /** Adds (or replaces) the invoker of one service's targets. */
  registerInvoker(invoker: TargetInvoker): void {
    this.invokers.set(invoker.service, invoker);
  }

  /**
   * CreateEventBus.
   * @param createdAt AWS ms; a restart puts back the kept time. @default - now
   */
  createEventBus(name: string, description?: string, createdAt?: number): LocalEventBus {
    if (!BUS_NAME.test(name)) {
      throw new EventsValidationError(
        `event bus name '${name}' must be 1 to 256 letters, digits, '/', '.', '-' or '_'`,
      );
    }
    if (this.buses.has(name)) {
      throw new EventsResourceAlreadyExistsError(`Event bus ${name} already exists.`);
    }
    const bus = new LocalEventBus(
      name,
      eventBusArn(this.region, name),
      createdAt ?? this.props.clock.now(),
      description,
    );
    this.buses.set(name, bus);
    if (name !== 'default') this.props.busJournal?.busChanged(bus);
    return bus;
  }

  /** The bus a name or ARN names; `ResourceNotFoundException` otherwise. Undefined means `default`. */
  getEventBus(nameOrArn: string | undefined): LocalEventBus {
    const bus = this.findEventBus(nameOrArn);
    if (!bus) {
      throw new EventsResourceNotFoundError(`Event bus ${nameOrArn ?? 'default'} does not exist.`);
    }
    return bus;
  }

  findEventBus(nameOrArn: string | undefined): LocalEventBus | undefined {
    if (nameOrArn === undefined || nameOrArn === '') return this.buses.get('default');
    if (nameOrArn.startsWith('arn:')) {
      try {
        const arn = parseArn(nameOrArn);
        return arn.service === 'events' &&
          arn.resource.startsWith('event-bus/') &&
          arn.account === LOCAL_ACCOUNT_ID &&
          arn.region === this.region &&
          arn.partition === 'aws'
          ? this.buses.get(arn.resource.slice('event-bus/'.length))
          : undefined;
      } catch {
        return undefined;
      }
    }
    return this.buses.get(nameOrArn);
  }

  /**
   * DeleteEventBus: removes a bus with its rules and archives. The default bus cannot be deleted
   * ("Cannot delete event bus default.", AWS API reference and AWS-validated emulator tests); a
   * bus that does not exist is not an error.
   */
  deleteEventBus(name: string): void {
    if (name === 'default') {
      throw new EventsValidationError('Cannot delete event bus default.');
    }
    const bus = this.buses.get(name);
    if (!bus) return;
    for (const ruleName of bus.rules.keys()) bus.index.remove(ruleName);
    for (const rule of bus.rules.values()) {
      this.schedules.disarm(rule);
      this.props.ruleJournal?.ruleDeleted(rule);
    }
    for (const archive of bus.archives.values()) this.discardArchive(archive);
    this.buses.delete(name);
    this.props.busJournal?.busDeleted(name);
  }

  /** Every bus, `default` first. */
  eventBuses(): LocalEventBus[] {
    return [...this.buses.values()];
  }

  /** PutRule: creates or updates a rule; the pattern is validated and compiled once. */
  putRule(input: PutRuleInput): EventRule {
    if (!RULE_NAME.test(input.name)) {
      throw new EventsValidationError(`rule name '${input.name}' must be 1 to 64 letters, digits, '.', '-' or '_'`);
    }
    const bus = this.getEventBus(input.eventBusName);
    if (input.eventPattern === undefined && input.scheduleExpression === undefined) {
      throw new EventsValidationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    }
    const state = input.state ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') {
      throw new EventsValidationError(`rule state must be enabled or disabled, got '${String(state)}'`);
    }
    const eventPattern =
      typeof input.eventPattern === 'object' ? JSON.stringify(input.eventPattern) : input.eventPattern;
    const compiledPattern = eventPattern === undefined ? undefined : compile(eventPattern);
    const schedule =
      input.scheduleExpression === undefined ? undefined : validRuleSchedule(input.scheduleExpression, bus.name);
    const props = {
      name: input.name,
      arn: ruleArn(this.region, bus.name, input.name),
      eventBusName: bus.name,
      eventPattern,
      compiledPattern,
      scheduleExpression: input.scheduleExpression,
      state,
      description: input.description,
      roleArn: input.roleArn,
    };
    let rule = bus.rules.get(input.name);
    if (rule) rule.props = props;
    else {
      rule = new EventRule(props);
      bus.rules.set(input.name, rule);
    }
    if (eventPattern !== undefined) bus.index.add(input.name, eventPattern, rule);
    else bus.index.remove(input.name);
    if (schedule) this.schedules.arm(rule, schedule);
    else this.schedules.disarm(rule);
    this.props.ruleJournal?.ruleChanged(rule);
    return rule;
  }

  /** The rule of a bus; `ResourceNotFoundException` otherwise. */
  getRule(eventBusName: string | undefined, ruleName: string): EventRule {
    const bus = this.getEventBus(eventBusName);
    const rule = bus.rules.get(ruleName);
    if (!rule) {
      throw new EventsResourceNotFoundError(`Rule ${ruleName} does not exist on EventBus ${bus.name}.`);
    }
    return rule;
  }

  /** DeleteRule (AWS refuses while the rule has targets). */
  deleteRule(eventBusName: string | undefined, ruleName: string): void {
    const bus = this.getEventBus(eventBusName);
    const rule = bus.rules.get(ruleName);
    if (!rule) return;
    if (rule.targets.size > 0) {
      throw new EventsValidationError("Rule can't be deleted since it has targets.");
    }
    bus.index.remove(ruleName);
    bus.rules.delete(ruleName);
    this.schedules.disarm(rule);
    this.props.ruleJournal?.ruleDeleted(rule);
  }

  /** EnableRule / DisableRule. */
  setRuleState(eventBusName: string | undefined, ruleName: string, state: RuleState): void {
    const rule = this.getRule(eventBusName, ruleName);
    rule.props = { ...rule.props, state };
    this.props.ruleJournal?.ruleChanged(rule);
  }

  /** PutTargets: adds or replaces targets by id (at most 5 per rule). */
  putTargets(eventBusName: string | undefined, ruleName: string, targets: readonly RuleTarget[]): void {
    const rule = this.getRule(eventBusName, ruleName);
    targets.forEach(validateRuleTarget);
    const ids = new Set([...rule.targets.keys(), ...targets.map((target) => target.Id)]);
    if (ids.size > MAX_TARGETS_PER_RULE) {
      throw new EventsLimitExceededError(
        `The requested resource exceeds the maximum number allowed: rule '${ruleName}' would have ${ids.size} targets.`,
      );
    }
    for (const target of targets) rule.targets.set(target.Id, target);
    this.props.ruleJournal?.ruleChanged(rule);
  }

  /** RemoveTargets: ids that are not there are ignored. */
  removeTargets(eventBusName: string | undefined, ruleName: string, ids: readonly string[]): void {
    const rule = this.getRule(eventBusName, ruleName);
    for (const id of ids) rule.targets.delete(id);
    this.props.ruleJournal?.ruleChanged(rule);
  }

  /** CreateArchive: records the events of a bus from now on. */
  createArchive(input: CreateArchiveInput): EventArchive {
    const bus = this.findEventBus(input.eventSourceArn);
    if (!bus) {
      throw new EventsResourceNotFoundError(`Event bus ${busNameOf(input.eventSourceArn)} does not exist.`);
    }
    if (!ARCHIVE_NAME.test(input.archiveName)) {
      throw new EventsValidationError(
        `1 validation error detected: Value '${input.archiveName.slice(0, 100)}' at 'archiveName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
      );
    }
    if (this.findArchive(input.archiveName)) {
      throw new EventsResourceAlreadyExistsError(`Archive ${input.archiveName} already exists.`);
    }
    const eventPattern =
      typeof input.eventPattern === 'object' ? JSON.stringify(input.eventPattern) : input.eventPattern;
    const retentionDays = input.retentionDays ?? 0;
    if (!Number.isInteger(retentionDays) || retentionDays < 0) {
      throw new EventsValidationError(`retention days must be a whole number of days, got '${String(retentionDays)}'`);
    }
    const archive = new EventArchive(
      {
        name: input.archiveName,
        arn: archiveArn(this.region, input.archiveName),
        eventSourceArn: bus.arn,
        eventPattern,
        compiledPattern: eventPattern === undefined ? undefined : compile(eventPattern),
        retentionDays,
        description: input.description,
        createdAt: input.createdAt ?? this.props.clock.now(),
      },
      this.archiveStorageFor(input.archiveName),
    );
    bus.archives.set(archive.name, archive);
    this.props.busJournal?.archiveChanged(archive);
    return archive;
  }

  private archiveStorageFor(archiveName: string): ArchiveStorage {
    const directory = this.props.archiveDirectory;
    if (directory === undefined) return new MemoryArchiveStorage(this.props.archiveMemoryBytes);
    mkdirSync(directory, { recursive: true });
    // Archive names are [.\-_A-Za-z0-9]+ (CreateArchive validates them): safe as file names.
    return new FileArchiveStorage(join(directory, `${archiveName}.jsonl`));
  }

  /** The archive of that name on any bus. */
  findArchive(name: string): EventArchive | undefined {
    for (const bus of this.buses.values()) {
      const archive = bus.archives.get(name);
      if (archive) return archive;
    }
    return undefined;
  }

  /** Every archive. */
  archives(): EventArchive[] {
    return this.eventBuses().flatMap((bus) => [...bus.archives.values()]);
  }

  /**
   * PutEvents: validates every entry like AWS (per-entry ErrorCode/ErrorMessage; the whole call
   * refused for more than 10 entries or 256 KB), accepts the valid ones and delivers them
   * asynchronously. `caller` is the principal for the trace (a function name or `client`).
   */
  putEvents(entries: readonly PutEventsEntry[], caller: string): PutEventsResult {
    if (entries.length < 1 || entries.length > MAX_PUT_EVENTS_ENTRIES) {
      throw new EventsValidationError(
        `1 validation error detected: Value '[${entries.length} entries]' at 'entries' failed to satisfy constraint: Member must have length ${entries.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10'}`,
      );
    }
    const size = entries.reduce((total, entry) => total + putEventsEntrySize(entry), 0);
    if (size > MAX_PUT_EVENTS_BYTES) {
      throw new EventsValidationError(`Total size of the entries in the request is over the limit: '${size}' bytes.`);
    }
    const results: PutEventsResult['Entries'] = [];
    let failed = 0;
    for (const entry of entries) {
      const result = this.acceptEntry(entry, caller);
      if ('ErrorCode' in result) failed++;
      results.push(result);
    }
    return { FailedEntryCount: failed, Entries: results };
  }

  /**
   * StartReplay: puts the archived events of a time window back on the bus they came from, each
   * with `replay-name` set (so archives do not record them again), to every matching rule or to
   * the rules `filterArns` names. Completes at once; deliveries run as for PutEvents.
   */
  startReplay(input: StartReplayInput): Replay {
    // Errors and their wording as AWS answers them (AWS-validated snapshot
    // test_archive_and_replay.snapshot.json, TestReplay).
    if (this.replays.has(input.replayName)) {
      throw new EventsResourceAlreadyExistsError(`Replay ${input.replayName} already exists.`);
    }
    const archive = this.findArchive(input.archiveName);
    if (!archive) {
      throw new EventsValidationError(
        `Parameter EventSourceArn is not valid. Reason: Archive ${input.archiveName} does not exist.`,
      );
    }
    const bus = this.findEventBus(input.destinationArn);
    if (!bus) {
      throw new EventsResourceNotFoundError(`Event bus ${busNameOf(input.destinationArn)} does not exist.`);
    }
    if (bus.arn !== archive.props.eventSourceArn) {
      throw new EventsValidationError(
        'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
      );
    }
    if (!Number.isFinite(input.eventStartTime) || !Number.isFinite(input.eventEndTime)) {
      throw new EventsValidationError(
        `replay needs a start time and an end time, got '${input.eventStartTime}' and '${input.eventEndTime}'`,
      );
    }
    if (input.eventEndTime <= input.eventStartTime) {
      throw new EventsValidationError(
        'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
      );
    }
    const now = this.props.clock.now();
    const archived = archive.events(input.eventStartTime, input.eventEndTime, now);
    const onlyRules = input.filterArns && input.filterArns.length > 0 ? new Set(input.filterArns) : undefined;
    for (const { event } of archived) {
      this.dispatch(bus, { ...event, 'replay-name': input.replayName }, 0, onlyRules);
    }
    const replay: Replay = {
      replayName: input.replayName,
      replayArn: formatArn('events', this.region, `replay/${input.replayName}`),
      eventSourceArn: archive.props.arn,
      state: 'COMPLETED',
      eventCount: archived.length,
      startedAt: now,
      input,
    };
    this.replays.set(input.replayName, replay);
    this.props.busJournal?.replayChanged(replay);
    return replay;
  }

  /** Puts back a replay kept under `--data`, to be described and listed (it is not run again). */
  restoreReplay(replay: Replay): void {
    this.replays.set(replay.replayName, replay);
  }

  /** ListReplays: every replay, oldest first. */
  listReplays(): Replay[] {
    return [...this.replays.values()];
  }

  /** DeleteArchive: the archive and what it recorded. */
  deleteArchive(name: string): void {
    for (const bus of this.buses.values()) {
      const archive = bus.archives.get(name);
      if (!archive) continue;
      bus.archives.delete(name);
      this.discardArchive(archive);
      return;
    }
    throw new EventsResourceNotFoundError(`Archive ${name} does not exist.`);
  }

  private discardArchive(archive: EventArchive): void {
    archive.discard();
    this.props.busJournal?.archiveDeleted(archive.name);
  }

  /** DescribeReplay. */
  getReplay(replayName: string): Replay {
    const replay = this.replays.get(replayName);
    if (!replay) {
      throw new EventsResourceNotFoundError(`Replay ${replayName} does not exist.`);
    }
    return replay;
  }

  /**
   * TestEventPattern. The event must carry the envelope fields AWS requires (id, account, source,
   * time, region, detail-type; `resources` is documented but not required in practice), else
   * "Parameter Event is not valid." as AWS answers.
   */
  testEventPattern(eventPattern: string, event: unknown): boolean {
    const compiled = compile(eventPattern);
    if (
      typeof event !== 'object' ||
      event === null ||
      Array.isArray(event) ||
      TEST_EVENT_REQUIRED_FIELDS.some((field) => !Object.hasOwn(event, field))
    ) {
      throw new EventsValidationError('Parameter Event is not valid.');
    }
    return compiled.matches(event);
  }

  /** Resolves when no delivery is in flight: every matched target delivered, dead-lettered or dropped. */
  whenIdle(): Promise<void> {
    return this.tracker.whenIdle();
  }

  /** Ends the deliveries waiting out a retry back-off (they are neither delivered nor dead-lettered). */
  close(): void {
    for (const archive of this.archives()) archive.close();
    this.schedules.close();
    this.shutdown.abort(new Error('the local event bus is closed'));
  }

  /** Deliveries in flight now (including those waiting to retry). */
  get deliveriesInFlight(): number {
    return this.tracker.inFlight;
  }

  /**
   * Puts an already-built event on a bus (bus targets, archive replays): archives it, matches it
   * and delivers it asynchronously, as for PutEvents.
   */
  dispatch(bus: LocalEventBus, event: EventEnvelope, hops = 0, onlyRules?: ReadonlySet<string>): void {
    const ingestedAt = this.props.clock.now();
    const correlationId = this.props.trace.correlate(event, event);
    for (const archive of bus.archives.values()) {
      if (archive.offer(event, ingestedAt)) {
        this.props.trace.record({ kind: 'archive.recorded', archive: archive.name, eventId: event.id, correlationId });
      }
    }
    const outboxKey = this.props.outbox?.accepted({
      busName: bus.name,
      event,
      hops,
      ...(onlyRules ? { onlyRules: [...onlyRules] } : {}),
    });
    this.deliverAccepted(bus, event, ingestedAt, hops, onlyRules, outboxKey);
  }

  /**
   * Delivers again an event that was accepted before a restart and whose deliveries had not all
   * ended (`--data`): it is matched again, so a target that had it already may get it twice,
   * as EventBridge's at-least-once delivery allows. Not archived a second time.
   */
  redeliver(pending: PendingEvent, outboxKey: string): boolean {
    const bus = this.findEventBus(pending.busName);
    if (!bus) return false;
    const onlyRules = pending.onlyRules ? new Set(pending.onlyRules) : undefined;
    this.deliverAccepted(bus, pending.event, this.props.clock.now(), pending.hops, onlyRules, outboxKey);
    return true;
  }

  private deliverAccepted(
    bus: LocalEventBus,
    event: EventEnvelope,
    ingestedAt: number,
    hops: number,
    onlyRules: ReadonlySet<string> | undefined,
    outboxKey: string | undefined,
  ): void {
    const correlationId = this.props.trace.correlate(event, event);
    void this.tracker.track(async () => {
      // PutEvents answers before any target runs, as in AWS.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const deliveries: Promise<void>[] = [];
      for (const rule of bus.matchingRules(event)) {
        if (onlyRules && !onlyRules.has(rule.arn)) continue;
        this.props.trace.record({
          kind: 'rule.matched',
          bus: bus.name,
          rule: rule.name,
          eventId: event.id,
          detailType: event['detail-type'],
          correlationId,
        });
        deliveries.push(...this.deliverToTargets(rule, event, ingestedAt, hops));
      }
      await Promise.all(deliveries);
      // Deliveries ended by a shutdown are still owed: the event stays in the outbox.
      if (outboxKey !== undefined && !this.shutdown.signal.aborted) this.props.outbox?.delivered(outboxKey);
    });
  }

  /**
   * Sends an event to the targets of one rule, without matching: what a scheduled rule does when
   * it fires (AWS's `Scheduled Event` goes to that rule's targets only).
   */
  deliverToRule(rule: EventRule, event: EventEnvelope): void {
    const correlationId = this.props.trace.correlate(event, event);
    this.props.trace.record({
      kind: 'rule.matched',
      bus: rule.props.eventBusName,
      rule: rule.name,
      eventId: event.id,
      detailType: event['detail-type'],
      correlationId,
    });
    void this.deliverToTargets(rule, event, this.props.clock.now(), 0);
  }

  private deliverToTargets(rule: EventRule, event: EventEnvelope, ingestedAt: number, hops: number): Promise<void>[] {
    return [...rule.targets.values()].map((target) =>
      this.tracker.track(() =>
        deliverToTarget(
          {
            clock: this.props.clock,
            trace: this.props.trace,
            sqs: this.props.sqs,
            invokerFor: (service) => (service === 'events' ? this.busInvoker(hops) : this.invokers.get(service)),
            backoff: this.props.retryBackoff ?? {},
            signal: this.shutdown.signal,
          },
          event,
          rule,
          target,
          ingestedAt,
        ),
      ),
    );
  }

  private acceptEntry(entry: PutEventsEntry, caller: string): { EventId: string } | PutEventsEntryFailure {
    const busName = typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined;
    const bus = this.findEventBus(busName);
    const reject = (failure: PutEventsEntryFailure) => {
      this.props.trace.record({
        kind: 'event.rejected',
        bus: bus?.name ?? busName ?? 'default',
        errorCode: failure.ErrorCode,
        errorMessage: failure.ErrorMessage,
        caller,
      });
      return failure;
    };
    const foreign = busName === undefined ? undefined : this.foreignBusArn(busName);
    if (foreign) {
      // No resource policy of another account or region exists here that could allow the call;
      // AWS answers such an entry with AccessDeniedException (PutEventsResultEntry reference).
      return reject({
        ErrorCode: 'AccessDeniedException',
        ErrorMessage: `User: arn:aws:iam::${LOCAL_ACCOUNT_ID}:root is not authorized to perform: events:PutEvents on resource: ${busName} because no resource-based policy allows the events:PutEvents action`,
      });
    }
    const envelope = envelopeOfEntry(entry, this.region, this.props.clock.now());
    if (isEntryFailure(envelope)) {
      return reject(envelope);
    }
    if (!bus) {
      // AWS accepts an event for a bus that does not exist and drops it: the entry gets an
      // EventId (AWS-validated test_put_events_nonexistent_event_bus). The trace says why
      // nothing was delivered.
      this.props.trace.record({
        kind: 'event.rejected',
        bus: busName ?? 'default',
        errorCode: 'ResourceNotFoundException',
        errorMessage: `Event bus ${busName ?? 'default'} does not exist; AWS accepts the event and drops it.`,
        caller,
      });
      return { EventId: envelope.id };
    }
    const appEventId = this.props.trace.appEventIdOf(envelope);
    this.props.trace.record({
      kind: 'event.put',
      bus: bus.name,
      eventId: envelope.id,
      appEventId,
      source: envelope.source,
      detailType: envelope['detail-type'],
      caller,
      correlationId: this.props.trace.correlate(envelope, envelope),
    });
    this.dispatch(bus, envelope);
    return { EventId: envelope.id };
  }

  /** Whether a bus ARN names another account, region or partition (never a local bus). */
  private foreignBusArn(nameOrArn: string): boolean {
    if (!nameOrArn.startsWith('arn:')) return false;
    try {
      const arn = parseArn(nameOrArn);
      return arn.partition !== 'aws' || arn.account !== LOCAL_ACCOUNT_ID || arn.region !== this.region;
    } catch {
      return false;
    }
  }

  private busInvoker(hops: number): TargetInvoker {
    return { service: 'events', invoke: ({ targetArn, event }) => this.forward(targetArn, event, hops + 1) };
  }

  private forward(targetArn: string, event: EventEnvelope, hops: number): Promise<void> {
    const bus = this.findEventBus(targetArn);
    if (!bus) {
      return Promise.reject(new TargetInvocationError('NO_RESOURCE', `event bus '${targetArn}' does not exist`, false));
    }
    if (hops > MAX_BUS_HOPS) {
      return Promise.reject(
        new TargetInvocationError(
          'THIRD_REGION_HOP_DETECTED',
          `event '${event.id}' crossed more than ${MAX_BUS_HOPS} buses`,
          false,
        ),
      );
    }
    this.dispatch(bus, event, hops);
    return Promise.resolve();
  }
}

/** The bus name an ARN (or a name) designates, as AWS quotes it in its messages. */
export function busNameOf(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? (nameOrArn.split('event-bus/')[1] ?? nameOrArn) : nameOrArn;
}

function compile(eventPattern: string): CompiledEventPattern {
  try {
    return compileEventPattern(eventPattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new EventsInvalidPatternError(error.message);
    throw error;
  }
}
