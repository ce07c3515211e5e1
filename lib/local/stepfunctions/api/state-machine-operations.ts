import { validateDefinition } from '../control/definition-validation';
import type { RegisteredStateMachine } from '../state-machine-registration';
import { StepFunctionsValidationError } from '../stepfunctions-errors';
import { listPage } from './paging';
import { epochSeconds, type StepFunctionsOperation } from './stepfunctions-operation';

/** The members DescribeStateMachine and DescribeStateMachineForExecution share. */
function describedMachine(machine: RegisteredStateMachine): Record<string, unknown> {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: epochSeconds(machine.createdAt),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    revisionId: machine.revisionId,
  };
}

const VALIDATION_SEVERITIES = ['ERROR', 'WARNING'];

/**
 * CreateStateMachine, UpdateStateMachine, DeleteStateMachine, DescribeStateMachine (of a machine
 * or one of its versions), DescribeStateMachineForExecution, ListStateMachines and
 * ValidateStateMachineDefinition.
 */
export const STATE_MACHINE_OPERATIONS: Record<string, StepFunctionsOperation> = {
  CreateStateMachine: (params, { stepFunctions }) => {
    const tracing = params.optionalObject('tracingConfiguration');
    const { machine, version } = stepFunctions.catalog.create({
      name: params.string('name'),
      definition: params.string('definition'),
      roleArn: params.string('roleArn'),
      type: params.optionalString('type'),
      loggingConfiguration: params.optionalObject('loggingConfiguration')?.raw,
      ...(tracing ? { tracingConfiguration: { enabled: tracing.optionalBoolean('enabled') ?? false } } : {}),
      tags: params
        .objectList('tags', false)
        .map((tag) => ({ key: tag.string('key'), value: tag.optionalString('value') ?? '' })),
      publish: params.optionalBoolean('publish') ?? false,
      versionDescription: params.optionalString('versionDescription'),
    });
    return {
      stateMachineArn: machine.arn,
      creationDate: epochSeconds(machine.createdAt),
      ...(version ? { stateMachineVersionArn: version.arn } : {}),
    };
  },

  UpdateStateMachine: (params, { stepFunctions, clock }) => {
    const tracing = params.optionalObject('tracingConfiguration');
    const { machine, version } = stepFunctions.catalog.update(params.string('stateMachineArn'), {
      definition: params.optionalString('definition'),
      roleArn: params.optionalString('roleArn'),
      loggingConfiguration: params.optionalObject('loggingConfiguration')?.raw,
      ...(tracing ? { tracingConfiguration: { enabled: tracing.optionalBoolean('enabled') ?? false } } : {}),
      publish: params.optionalBoolean('publish') ?? false,
      versionDescription: params.optionalString('versionDescription'),
    });
    return {
      updateDate: epochSeconds(machine.updatedAt ?? clock.now()),
      revisionId: machine.revisionId,
      ...(version ? { stateMachineVersionArn: version.arn } : {}),
    };
  },

  DeleteStateMachine: (params, { stepFunctions }) => {
    stepFunctions.catalog.delete(params.string('stateMachineArn'));
    return {};
  },

  DescribeStateMachine: (params, { stepFunctions }) => {
    const arn = params.string('stateMachineArn');
    const version = stepFunctions.catalog.versions.version(arn);
    if (version) {
      return {
        ...describedMachine(version.machine),
        stateMachineArn: version.arn,
        creationDate: epochSeconds(version.createdAt),
        ...(version.description !== undefined ? { description: version.description } : {}),
      };
    }
    return describedMachine(stepFunctions.stateMachine(arn));
  },

  DescribeStateMachineForExecution: (params, { stepFunctions }) => {
    const execution = stepFunctions.execution(params.string('executionArn'));
    const machine = execution.stateMachine;
    const { stateMachineVersionArn, stateMachineAliasArn } = execution.describe();
    const { status: _status, type: _type, creationDate: _created, ...described } = describedMachine(machine);
    return {
      ...described,
      updateDate: epochSeconds(machine.updatedAt ?? machine.createdAt),
      ...(stateMachineVersionArn !== undefined ? { stateMachineVersionArn } : {}),
      ...(stateMachineAliasArn !== undefined ? { stateMachineAliasArn } : {}),
    };
  },

  ListStateMachines: (params, { stepFunctions }) => {
    const machines = [...stepFunctions.stateMachines()].sort((a, b) => a.name.localeCompare(b.name));
    return listPage('stateMachines', machines, params, 'ListStateMachines', (machine) => ({
      stateMachineArn: machine.arn,
      name: machine.name,
      type: machine.type,
      creationDate: epochSeconds(machine.createdAt),
    }));
  },

  ValidateStateMachineDefinition: (params, { stepFunctions }) => {
    const type = params.optionalString('type');
    if (type !== undefined && type !== 'STANDARD' && type !== 'EXPRESS') {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    }
    const severity = params.optionalString('severity') ?? 'ERROR';
    if (!VALIDATION_SEVERITIES.includes(severity)) {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${severity}' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]`,
      );
    }
    const maxResults = params.optionalInteger('maxResults') ?? 100;
    const diagnostics = validateDefinition(params.string('definition'), {
      type: type ?? 'STANDARD',
      schema: stepFunctions.validatesDefinitionSchema,
    }).filter((diagnostic) => severity === 'WARNING' || diagnostic.severity === 'ERROR');
    const limit = maxResults === 0 ? 100 : maxResults;
    return {
      result: diagnostics.some((diagnostic) => diagnostic.severity === 'ERROR') ? 'FAIL' : 'OK',
      diagnostics: diagnostics.slice(0, limit),
      truncated: diagnostics.length > limit,
    };
  },
};
