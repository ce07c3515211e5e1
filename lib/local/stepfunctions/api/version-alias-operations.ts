import { ConflictError, type AliasRoute, type StateMachineAlias } from '../control/versions-and-aliases';
import type { LocalStepFunctions } from '../local-step-functions';
import { InvalidStepFunctionsArnError } from '../stepfunctions-errors';
import { listPage } from './paging';
import { epochSeconds, type StepFunctionsOperation } from './stepfunctions-operation';

type Params = Parameters<StepFunctionsOperation>[0];

function routingOf(params: Params, required: boolean): AliasRoute[] | undefined {
  if (!required && params.raw.routingConfiguration === undefined) return undefined;
  return params.objectList('routingConfiguration', required).map((route) => ({
    stateMachineVersionArn: route.string('stateMachineVersionArn'),
    weight: route.optionalInteger('weight') ?? 0,
  }));
}

function describedAlias(alias: StateMachineAlias): Record<string, unknown> {
  return {
    stateMachineAliasArn: alias.arn,
    name: alias.name,
    ...(alias.description !== undefined ? { description: alias.description } : {}),
    routingConfiguration: alias.routingConfiguration,
    creationDate: epochSeconds(alias.createdAt),
    updateDate: epochSeconds(alias.updatedAt),
  };
}

/** The `stateMachineArn` of a List operation, which must name a state machine. */
function existingMachineArn(params: Params, stepFunctions: LocalStepFunctions): string {
  const machineArn = params.string('stateMachineArn');
  if (!stepFunctions.stateMachines().some((machine) => machine.arn === machineArn)) {
    throw new InvalidStepFunctionsArnError(machineArn);
  }
  return machineArn;
}

/**
 * PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion and the alias
 * operations (Create/Describe/Update/Delete/ListStateMachineAliases).
 */
export const VERSION_ALIAS_OPERATIONS: Record<string, StepFunctionsOperation> = {
  PublishStateMachineVersion: (params, { stepFunctions, clock }) => {
    const machine = stepFunctions.stateMachine(params.string('stateMachineArn'));
    const revisionId = params.optionalString('revisionId');
    if (revisionId !== undefined && revisionId !== machine.revisionId) {
      throw new ConflictError(
        `Failed to publish the State Machine version for revision ${revisionId}. The current State Machine revision is ${machine.revisionId}.`,
      );
    }
    const version = stepFunctions.catalog.versions.publish(machine, clock.now(), params.optionalString('description'));
    return { creationDate: epochSeconds(version.createdAt), stateMachineVersionArn: version.arn };
  },

  ListStateMachineVersions: (params, { stepFunctions }) => {
    const versions = stepFunctions.catalog.versions.versionsOf(existingMachineArn(params, stepFunctions));
    return listPage('stateMachineVersions', versions, params, 'ListStateMachineVersions', (version) => ({
      stateMachineVersionArn: version.arn,
      creationDate: epochSeconds(version.createdAt),
    }));
  },

  DeleteStateMachineVersion: (params, { stepFunctions }) => {
    stepFunctions.catalog.versions.deleteVersion(params.string('stateMachineVersionArn'));
    return {};
  },

  CreateStateMachineAlias: (params, { stepFunctions, clock }) => {
    const alias = stepFunctions.catalog.versions.createAlias(
      params.string('name'),
      routingOf(params, true) ?? [],
      clock.now(),
      params.optionalString('description'),
    );
    return { stateMachineAliasArn: alias.arn, creationDate: epochSeconds(alias.createdAt) };
  },

  DescribeStateMachineAlias: (params, { stepFunctions }) =>
    describedAlias(stepFunctions.catalog.versions.alias(params.string('stateMachineAliasArn'))),

  UpdateStateMachineAlias: (params, { stepFunctions, clock }) => {
    const alias = stepFunctions.catalog.versions.updateAlias(
      params.string('stateMachineAliasArn'),
      clock.now(),
      params.optionalString('description'),
      routingOf(params, false),
    );
    return { updateDate: epochSeconds(alias.updatedAt) };
  },

  DeleteStateMachineAlias: (params, { stepFunctions }) => {
    stepFunctions.catalog.versions.deleteAlias(params.string('stateMachineAliasArn'));
    return {};
  },

  ListStateMachineAliases: (params, { stepFunctions }) => {
    const aliases = stepFunctions.catalog.versions.aliasesOf(existingMachineArn(params, stepFunctions));
    return listPage('stateMachineAliases', aliases, params, 'ListStateMachineAliases', (alias) => ({
      stateMachineAliasArn: alias.arn,
      creationDate: epochSeconds(alias.createdAt),
    }));
  },
};
