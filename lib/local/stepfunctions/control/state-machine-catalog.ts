import { randomUUID } from 'node:crypto';
import { formatArn } from '../../arn';
import type { Clock } from '../../clock';
import { assertExecutionName, assertStatesArn } from '../execution-names';
import { prepareDefinition, type PrepareOptions } from '../prepared-definition';
import type {
  RegisteredStateMachine,
  StateMachineRegistration,
  TracingConfiguration,
} from '../state-machine-registration';
import {
  InvalidStepFunctionsArnError,
  StateMachineDoesNotExistError,
  StepFunctionsApiError,
  StepFunctionsValidationError,
} from '../stepfunctions-errors';
import { assertValidDefinition } from './definition-validation';
import { LOGGING_OFF, loggingConfigurationOf } from './logging-configuration';
import { ResourceNotFoundError, VersionsAndAliases, type StateMachineVersion } from './versions-and-aliases';
import type { RecordJournal } from '../../record-journal';

/** CreateStateMachine's input, in the API's shape. */
export interface CreateStateMachineInput {
  readonly name: string;
  readonly definition: string;
  readonly roleArn: string;
  /** @default 'STANDARD' */
  readonly type?: string;
  readonly loggingConfiguration?: unknown;
  readonly tracingConfiguration?: TracingConfiguration;
  readonly tags?: readonly { readonly key: string; readonly value: string }[];
  readonly publish?: boolean;
  readonly versionDescription?: string;
}

/** UpdateStateMachine's input. */
export interface UpdateStateMachineInput {
  readonly definition?: string;
  readonly roleArn?: string;
  readonly loggingConfiguration?: unknown;
  readonly tracingConfiguration?: TracingConfiguration;
  readonly publish?: boolean;
  readonly versionDescription?: string;
}

/** What a start resolves to: the machine that runs and how it was named. */
export interface ResolvedStart {
  readonly machine: RegisteredStateMachine;
  readonly versionArn?: string;
  readonly aliasArn?: string;
}

/** `StateMachineAlreadyExists`: the name is taken by a machine with another definition or configuration. */
export class StateMachineAlreadyExistsError extends StepFunctionsApiError {
  constructor(arn: string) {
    super('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }
}

export interface StateMachineCatalogProps {
  readonly clock: Clock;
  readonly region: string;
  /** How definitions are prepared for the interpreter (time scale, timeouts). */
  readonly prepare: Omit<PrepareOptions, 'validate'>;
  /**
   * Run the full ASL schema on definitions (most of a second per distinct definition); the
   * structural checks (transitions, resources) always run.
   * @default true
   */
  readonly validateSchema?: boolean;
  /** Keeps the machines created or changed through the API (`--data`). @default - in memory only */
  readonly journal?: StateMachineJournal;
}

/**
 * A machine created or changed through the API, as the store under `--data` keeps it: the
 * registration without its prepared definition (prepared again when it is put back), with its tags.
 */
export interface StoredStateMachine extends Omit<RegisteredStateMachine, 'prepared'> {
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

/** What the catalog tells the store that keeps it under `--data` (keyed by state machine ARN). */
export type StateMachineJournal = RecordJournal<StoredStateMachine>;

/**
 * The state machines of the local cloud — from the assembly and from CreateStateMachine alike —
 * with their versions, aliases and tags: the Step Functions control plane's state.
 */
export class StateMachineCatalog {
  readonly versions = new VersionsAndAliases();
  private readonly machines = new Map<string, RegisteredStateMachine>();
  private readonly tags = new Map<string, Map<string, string>>();

  constructor(private readonly props: StateMachineCatalogProps) {}

  /**
   * Registers (or replaces) a machine of the assembly. Its definition passes the same checks as
   * CreateStateMachine's.
   * @throws InvalidStateMachineDefinitionError | InvalidDefinitionError | InvalidStepFunctionsArnError
   */
  register(registration: StateMachineRegistration): RegisteredStateMachine {
    assertStatesArn(registration.arn, ['stateMachine']);
    const type = registration.type ?? 'STANDARD';
    assertValidDefinition(registration.definition, { type, schema: false });
    let loggingConfiguration = LOGGING_OFF;
    try {
      loggingConfiguration = loggingConfigurationOf(registration.loggingConfiguration);
    } catch {
      // A template's unresolvable destination is not the app's fault here: report logging off.
    }
    const machine = this.build({
      arn: registration.arn,
      name: registration.name,
      definition: registration.definition,
      roleArn: registration.roleArn,
      type,
      loggingConfiguration,
      tracingConfiguration: { enabled: registration.tracingEnabled ?? false },
      validate: this.props.validateSchema ?? true,
    });
    this.machines.set(machine.arn, machine);
    return machine;
  }

  /**
   * CreateStateMachine: idempotent for the same name, definition, type, logging and tracing
   * configuration (roleArn and tags of the repeat are ignored, as on AWS).
   * @throws StateMachineAlreadyExistsError | InvalidStateMachineDefinitionError | InvalidName | InvalidArn | ValidationException
   */
  create(input: CreateStateMachineInput): { machine: RegisteredStateMachine; version?: StateMachineVersion } {
    if (!input.publish && input.versionDescription !== undefined) {
      throw new StepFunctionsValidationError('Version description can only be set when publish is true');
    }
    assertExecutionName(input.name);
    assertRoleArn(input.roleArn);
    const type = typeOf(input.type);
    const loggingConfiguration = loggingConfigurationOf(input.loggingConfiguration);
    const tracingConfiguration = { enabled: input.tracingConfiguration?.enabled === true };
    const arn = formatArn('states', this.props.region, `stateMachine:${input.name}`);
    const existing = this.machines.get(arn);
    if (existing) {
      const same =
        existing.definition === input.definition &&
        existing.type === type &&
        JSON.stringify(existing.loggingConfiguration) === JSON.stringify(loggingConfiguration) &&
        existing.tracingConfiguration.enabled === tracingConfiguration.enabled;
      if (!same) throw new StateMachineAlreadyExistsError(arn);
      return { machine: existing };
    }
    assertValidDefinition(input.definition, { type, schema: this.props.validateSchema ?? true });
    const machine = this.build({
      arn,
      name: input.name,
      definition: input.definition,
      roleArn: input.roleArn,
      type,
      loggingConfiguration,
      tracingConfiguration,
      validate: false,
    });
    this.machines.set(arn, machine);
    if (input.tags && input.tags.length > 0) this.tag(arn, input.tags);
    this.journal(machine);
    const version = input.publish
      ? this.versions.publish(machine, this.props.clock.now(), input.versionDescription)
      : undefined;
    return { machine, ...(version ? { version } : {}) };
  }

  /**
   * UpdateStateMachine: a new revision when something changed; `publish` publishes it.
   * @throws StateMachineDoesNotExistError | MissingRequiredParameter | InvalidStateMachineDefinitionError
   */
  update(
    arn: string,
    input: UpdateStateMachineInput,
  ): { machine: RegisteredStateMachine; version?: StateMachineVersion; revised: boolean } {
    const current = this.machine(arn);
    if (
      input.definition === undefined &&
      input.roleArn === undefined &&
      input.loggingConfiguration === undefined &&
      input.tracingConfiguration === undefined
    ) {
      throw new StepFunctionsApiError(
        'MissingRequiredParameter',
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
      );
    }
    if (!input.publish && input.versionDescription !== undefined) {
      throw new StepFunctionsValidationError('Version description can only be set when publish is true');
    }
    if (input.roleArn !== undefined) assertRoleArn(input.roleArn);
    if (input.definition !== undefined) {
      assertValidDefinition(input.definition, { type: current.type, schema: this.props.validateSchema ?? true });
    }
    const loggingConfiguration =
      input.loggingConfiguration !== undefined
        ? loggingConfigurationOf(input.loggingConfiguration)
        : current.loggingConfiguration;
    const tracingConfiguration =
      input.tracingConfiguration !== undefined
        ? { enabled: input.tracingConfiguration.enabled === true }
        : current.tracingConfiguration;
    const definition = input.definition ?? current.definition;
    const roleArn = input.roleArn ?? current.roleArn;
    const revised =
      definition !== current.definition ||
      roleArn !== current.roleArn ||
      JSON.stringify(loggingConfiguration) !== JSON.stringify(current.loggingConfiguration) ||
      tracingConfiguration.enabled !== current.tracingConfiguration.enabled;
    let machine = current;
    if (revised) {
      machine = {
        ...this.build({
          arn: current.arn,
          name: current.name,
          definition,
          roleArn,
          type: current.type,
          loggingConfiguration,
          tracingConfiguration,
          validate: false,
        }),
        createdAt: current.createdAt,
        updatedAt: this.props.clock.now(),
      };
      this.machines.set(machine.arn, machine);
      this.journal(machine);
    }
    const version = input.publish
      ? this.versions.publish(machine, this.props.clock.now(), input.versionDescription)
      : undefined;
    return { machine, revised, ...(version ? { version } : {}) };
  }

  /** DeleteStateMachine: gone with its versions, aliases and tags (running executions go on). */
  delete(arn: string): void {
    assertStatesArn(arn, ['stateMachine']);
    const version = this.versions.version(arn);
    if (version) {
      this.versions.deleteVersion(arn);
      return;
    }
    const existed = this.machines.delete(arn);
    this.versions.forget(arn);
    this.tags.delete(arn);
    if (existed) this.props.journal?.deleted(arn);
  }

  /**
   * Puts back a machine kept under `--data` (over the template's of the same ARN), with its
   * revision and tags. Its versions and aliases are not kept.
   */
  restore(stored: StoredStateMachine): RegisteredStateMachine {
    const machine: RegisteredStateMachine = {
      ...this.build({ ...stored, validate: false }),
      createdAt: stored.createdAt,
      revisionId: stored.revisionId,
      ...(stored.updatedAt !== undefined ? { updatedAt: stored.updatedAt } : {}),
    };
    this.machines.set(machine.arn, machine);
    this.tags.set(machine.arn, new Map(stored.tags.map(({ key, value }) => [key, value])));
    return machine;
  }

  /** Forgets a machine of the template deleted through the API before a restart (not journaled). */
  forget(arn: string): boolean {
    this.tags.delete(arn);
    return this.machines.delete(arn);
  }

  /**
   * The machine of that (unqualified) ARN.
   * @throws InvalidStepFunctionsArnError | StateMachineDoesNotExistError
   */
  machine(arn: string): RegisteredStateMachine {
    assertStatesArn(arn, ['stateMachine']);
    const machine = this.machines.get(arn);
    if (!machine) throw new StateMachineDoesNotExistError(arn);
    return machine;
  }

  /** All machines (not their versions), by name, as ListStateMachines answers. */
  all(): RegisteredStateMachine[] {
    return [...this.machines.values()];
  }

  /**
   * What a StartExecution of this ARN runs: the machine, one of its versions, or a version an
   * alias routes to (chosen by weight).
   * @throws InvalidStepFunctionsArnError | StateMachineDoesNotExistError
   */
  resolve(arn: string): ResolvedStart {
    assertStatesArn(arn, ['stateMachine']);
    const machine = this.machines.get(arn);
    if (machine) return { machine };
    const version = this.versions.version(arn);
    if (version) return { machine: version.machine, versionArn: version.arn };
    const alias = this.versions.findAlias(arn);
    if (alias) {
      const routed = this.versions.route(alias);
      return { machine: routed.machine, versionArn: routed.arn, aliasArn: alias.arn };
    }
    throw new StateMachineDoesNotExistError(arn);
  }

  /**
   * TagResource (a machine, version or alias ARN).
   * @throws ResourceNotFoundError
   */
  tag(arn: string, tags: readonly { readonly key: string; readonly value: string }[]): void {
    this.assertTaggable(arn);
    const current = this.tags.get(arn) ?? new Map<string, string>();
    for (const { key, value } of tags) current.set(key, value);
    this.tags.set(arn, current);
    const machine = this.machines.get(arn);
    if (machine) this.journal(machine);
  }

  /** @throws ResourceNotFoundError */
  untag(arn: string, keys: readonly string[]): void {
    this.assertTaggable(arn);
    for (const key of keys) this.tags.get(arn)?.delete(key);
    const machine = this.machines.get(arn);
    if (machine) this.journal(machine);
  }

  /** @throws ResourceNotFoundError */
  tagsOf(arn: string): { key: string; value: string }[] {
    this.assertTaggable(arn);
    return [...(this.tags.get(arn) ?? new Map<string, string>())].map(([key, value]) => ({ key, value }));
  }

  private journal(machine: RegisteredStateMachine): void {
    if (!this.props.journal) return;
    const { prepared: _prepared, ...kept } = machine;
    this.props.journal.changed({
      ...kept,
      tags: [...(this.tags.get(machine.arn) ?? new Map<string, string>())].map(([key, value]) => ({ key, value })),
    });
  }

  private assertTaggable(arn: string): void {
    if (!this.machines.has(arn) && !this.versions.version(arn) && !this.versions.findAlias(arn)) {
      throw new ResourceNotFoundError(`Resource not found: '${arn}'`);
    }
  }

  private build(spec: {
    arn: string;
    name: string;
    definition: string;
    roleArn: string;
    type: 'STANDARD' | 'EXPRESS';
    loggingConfiguration: RegisteredStateMachine['loggingConfiguration'];
    tracingConfiguration: TracingConfiguration;
    validate: boolean;
  }): RegisteredStateMachine {
    return {
      arn: spec.arn,
      name: spec.name,
      definition: spec.definition,
      type: spec.type,
      roleArn: spec.roleArn,
      createdAt: this.props.clock.now(),
      loggingConfiguration: spec.loggingConfiguration,
      tracingConfiguration: spec.tracingConfiguration,
      revisionId: randomUUID(),
      prepared: prepareDefinition(spec.name, spec.definition, { ...this.props.prepare, validate: spec.validate }),
    };
  }
}

function typeOf(type: string | undefined): 'STANDARD' | 'EXPRESS' {
  if (type === undefined || type === 'STANDARD' || type === 'EXPRESS') return type ?? 'STANDARD';
  throw new StepFunctionsValidationError(
    `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
  );
}

function assertRoleArn(roleArn: string): void {
  if (!/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn)) throw new InvalidStepFunctionsArnError(roleArn);
}
