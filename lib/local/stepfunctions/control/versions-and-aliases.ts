import type { RegisteredStateMachine } from '../state-machine-registration';
import { StepFunctionsApiError, StepFunctionsValidationError } from '../stepfunctions-errors';

/** A published version: an immutable snapshot of the machine, `<machine ARN>:<n>`. */
export interface StateMachineVersion {
  readonly arn: string;
  readonly version: number;
  readonly machine: RegisteredStateMachine;
  readonly description?: string;
  /** AWS ms. */
  readonly createdAt: number;
}

/** One route of an alias. */
export interface AliasRoute {
  readonly stateMachineVersionArn: string;
  readonly weight: number;
}

/** An alias, `<machine ARN>:<name>`, routing starts over one or two versions by weight. */
export interface StateMachineAlias {
  readonly arn: string;
  readonly name: string;
  readonly machineArn: string;
  description?: string;
  routingConfiguration: readonly AliasRoute[];
  readonly createdAt: number;
  updatedAt: number;
}

/** `ConflictException` (a version an alias still routes to; an alias of the same name). */
export class ConflictError extends StepFunctionsApiError {
  constructor(message: string) {
    super('ConflictException', message);
  }
}

/** `ResourceNotFound`. */
export class ResourceNotFoundError extends StepFunctionsApiError {
  constructor(message: string) {
    super('ResourceNotFound', message);
  }
}

const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;

/**
 * The published versions and the aliases of every state machine. Versions are numbered from 1
 * per machine and never reused; publishing an unchanged revision returns the latest version,
 * as AWS does.
 */
export class VersionsAndAliases {
  private readonly versions = new Map<string, StateMachineVersion>();
  private readonly aliases = new Map<string, StateMachineAlias>();
  private readonly lastVersion = new Map<string, number>();

  /** Publishes the machine's current revision (or returns the version that already has it). */
  publish(machine: RegisteredStateMachine, now: number, description?: string): StateMachineVersion {
    const existing = this.versionsOf(machine.arn).find((version) => version.machine.revisionId === machine.revisionId);
    if (existing) return existing;
    const number = (this.lastVersion.get(machine.arn) ?? 0) + 1;
    this.lastVersion.set(machine.arn, number);
    const version: StateMachineVersion = {
      arn: `${machine.arn}:${number}`,
      version: number,
      machine,
      createdAt: now,
      ...(description !== undefined ? { description } : {}),
    };
    this.versions.set(version.arn, version);
    return version;
  }

  version(arn: string): StateMachineVersion | undefined {
    return this.versions.get(arn);
  }

  /** Newest first, as ListStateMachineVersions answers. */
  versionsOf(machineArn: string): StateMachineVersion[] {
    return [...this.versions.values()]
      .filter((version) => version.machine.arn === machineArn)
      .sort((a, b) => b.version - a.version);
  }

  /**
   * DeleteStateMachineVersion: gone (no error when it never existed).
   * @throws ConflictError when an alias routes to it
   */
  deleteVersion(arn: string): void {
    const referencing = [...this.aliases.values()].filter((alias) =>
      alias.routingConfiguration.some((route) => route.stateMachineVersionArn === arn),
    );
    if (referencing.length > 0) {
      throw new ConflictError(
        `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing.map((alias) => alias.name).join(', ')}]`,
      );
    }
    this.versions.delete(arn);
  }

  /** Everything of a deleted machine. */
  forget(machineArn: string): void {
    for (const version of this.versionsOf(machineArn)) this.versions.delete(version.arn);
    for (const alias of this.aliasesOf(machineArn)) this.aliases.delete(alias.arn);
  }

  /**
   * CreateStateMachineAlias; idempotent for the same routing and description.
   * @throws StepFunctionsValidationError | ConflictError
   */
  createAlias(name: string, routing: readonly AliasRoute[], now: number, description?: string): StateMachineAlias {
    this.assertAliasName(name);
    const machineArn = this.assertRouting(routing);
    const arn = `${machineArn}:${name}`;
    const existing = this.aliases.get(arn);
    if (existing) {
      if (sameRouting(existing.routingConfiguration, routing) && existing.description === description) return existing;
      throw new ConflictError(
        'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
      );
    }
    const alias: StateMachineAlias = {
      arn,
      name,
      machineArn,
      routingConfiguration: routing,
      createdAt: now,
      updatedAt: now,
      ...(description !== undefined ? { description } : {}),
    };
    this.aliases.set(arn, alias);
    return alias;
  }

  /** @throws ResourceNotFoundError */
  alias(arn: string): StateMachineAlias {
    const alias = this.aliases.get(arn);
    if (!alias) throw new ResourceNotFoundError(`Request references a resource that does not exist.`);
    return alias;
  }

  findAlias(arn: string): StateMachineAlias | undefined {
    return this.aliases.get(arn);
  }

  aliasesOf(machineArn: string): StateMachineAlias[] {
    return [...this.aliases.values()]
      .filter((alias) => alias.machineArn === machineArn)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** @throws StepFunctionsValidationError | ResourceNotFoundError */
  updateAlias(arn: string, now: number, description?: string, routing?: readonly AliasRoute[]): StateMachineAlias {
    if (description === undefined && routing === undefined) {
      throw new StepFunctionsApiError(
        'MissingRequiredParameter',
        'Either the description or the RoutingConfiguration must be specified',
      );
    }
    if (routing !== undefined) this.assertRouting(routing);
    const alias = this.alias(arn);
    if (description !== undefined) alias.description = description;
    if (routing !== undefined) alias.routingConfiguration = routing;
    alias.updatedAt = now;
    return alias;
  }

  deleteAlias(arn: string): void {
    this.aliases.delete(arn);
  }

  /** The version a start through the alias runs: one route, chosen by weight. */
  route(alias: StateMachineAlias, random: () => number = Math.random): StateMachineVersion {
    let pick = random() * 100;
    for (const route of alias.routingConfiguration) {
      pick -= route.weight;
      const version = this.versions.get(route.stateMachineVersionArn);
      if (pick < 0 && version) return version;
    }
    const fallback = alias.routingConfiguration
      .map((route) => this.versions.get(route.stateMachineVersionArn))
      .find((version) => version !== undefined);
    if (!fallback) throw new ResourceNotFoundError(`Request references a resource that does not exist.`);
    return fallback;
  }

  private assertAliasName(name: string): void {
    if (name.length > 80) {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
      );
    }
    if (!ALIAS_NAME.test(name)) {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$`,
      );
    }
  }

  /** Checks a routing configuration as AWS does; returns the machine its versions belong to. */
  private assertRouting(routing: readonly AliasRoute[]): string {
    if (routing.length < 1 || routing.length > 2) {
      const listed = routing
        .map(
          (route) =>
            `RoutingConfigurationListItem(stateMachineVersionArn=${route.stateMachineVersionArn}, weight=${route.weight})`,
        )
        .join(', ');
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '[${listed}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2`,
      );
    }
    const arns = routing.map((route) => route.stateMachineVersionArn);
    if (new Set(arns).size < arns.length) {
      throw new StepFunctionsValidationError(
        `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(', ')}]`,
      );
    }
    routing.forEach((route, index) => {
      if (!Number.isInteger(route.weight) || route.weight < 0) {
        throw new StepFunctionsValidationError(
          `Invalid value for parameter routingConfiguration[${index + 1}].weight, value: ${route.weight}, valid min value: 0`,
        );
      }
      if (route.weight > 100) {
        throw new StepFunctionsValidationError(
          `1 validation error detected: Value '${route.weight}' at 'routingConfiguration.${index + 1}.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100`,
        );
      }
    });
    const sum = routing.reduce((total, route) => total + route.weight, 0);
    if (sum !== 100) {
      throw new StepFunctionsValidationError(
        `Sum of routing configuration weights must equal 100. Received: ${JSON.stringify(routing.map((route) => route.weight))}`,
      );
    }
    const versions = arns.map((arn) => this.versions.get(arn));
    if (versions.some((version) => version === undefined)) {
      throw new StepFunctionsValidationError(
        `Routing configuration must contain state machine version ARNs. Received: [${arns.join(', ')}]`,
      );
    }
    const machines = new Set(versions.map((version) => version?.machine.arn));
    if (machines.size > 1) {
      throw new StepFunctionsValidationError(
        `Routing configuration must contain state machine version ARNs of the same state machine. Received: [${arns.join(', ')}]`,
      );
    }
    return [...machines][0] as string;
  }
}

function sameRouting(a: readonly AliasRoute[], b: readonly AliasRoute[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (route, index) =>
        route.stateMachineVersionArn === b[index]?.stateMachineVersionArn && route.weight === b[index]?.weight,
    )
  );
}
