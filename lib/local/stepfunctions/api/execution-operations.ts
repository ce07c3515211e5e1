import { ExecutionHistory } from '../execution-history';
import type { ExecutionDescription, ExecutionStatus } from '../local-execution';
import { StepFunctionsValidationError } from '../stepfunctions-errors';
import { listPage } from './paging';
import { epochSeconds, type StepFunctionsOperation } from './stepfunctions-operation';

const STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions, GetExecutionHistory. */
export const EXECUTION_OPERATIONS: Record<string, StepFunctionsOperation> = {
  StartExecution: (params, { stepFunctions }) => {
    const execution = stepFunctions.startExecution(
      params.string('stateMachineArn'),
      params.optionalString('input') ?? '{}',
      startOptions(params),
    );
    const { executionArn, startDate } = execution.describe();
    return { executionArn, startDate: epochSeconds(startDate) };
  },

  StartSyncExecution: async (params, { stepFunctions }) => {
    const described = await stepFunctions.startSyncExecution(
      params.string('stateMachineArn'),
      params.optionalString('input') ?? '{}',
      startOptions(params),
    );
    return {
      ...describeExecution(described),
      billingDetails: {
        billedMemoryUsedInMB: 64,
        billedDurationInMilliseconds: Math.max(
          100,
          Math.ceil(((described.stopDate ?? described.startDate) - described.startDate) / 100) * 100,
        ),
      },
    };
  },

  StopExecution: async (params, { stepFunctions }) => {
    const stopped = await stepFunctions.stopExecution(
      params.string('executionArn'),
      params.optionalString('error'),
      params.optionalString('cause'),
    );
    return { stopDate: epochSeconds(stopped.stopDate ?? stopped.startDate) };
  },

  DescribeExecution: (params, { stepFunctions }) => {
    const described = stepFunctions.describeExecution(params.string('executionArn'));
    const {
      stateMachineName: _machine,
      type: _type,
      trigger: _trigger,
      correlationId: _correlation,
      ...wire
    } = describeExecution(described);
    return wire;
  },

  ListExecutions: (params, { stepFunctions }) => {
    const statusFilter = params.optionalString('statusFilter');
    if (statusFilter !== undefined && !STATUSES.includes(statusFilter as ExecutionStatus)) {
      throw new StepFunctionsValidationError(
        `1 validation error detected: Value '${statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
      );
    }
    const executions = stepFunctions.listExecutions(
      params.string('stateMachineArn'),
      statusFilter as ExecutionStatus | undefined,
    );
    return listPage('executions', executions, params, 'ListExecutions', (execution) => ({
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: epochSeconds(execution.startDate),
      ...(execution.stopDate !== undefined ? { stopDate: epochSeconds(execution.stopDate) } : {}),
    }));
  },

  GetExecutionHistory: (params, { stepFunctions }) => {
    const execution = stepFunctions.execution(params.string('executionArn'));
    const includeExecutionData = params.optionalBoolean('includeExecutionData') ?? true;
    const events = [...execution.history.events];
    if (params.optionalBoolean('reverseOrder')) events.reverse();
    return listPage('events', events, params, 'GetExecutionHistory', (event) =>
      ExecutionHistory.toWire(event, includeExecutionData),
    );
  },
};

function startOptions(params: Parameters<StepFunctionsOperation>[0]): { name?: string; traceHeader?: string } {
  const name = params.optionalString('name');
  const traceHeader = params.optionalString('traceHeader');
  return { ...(name !== undefined ? { name } : {}), ...(traceHeader !== undefined ? { traceHeader } : {}) };
}

/** DescribeExecution's members (plus local ones the operations strip). */
function describeExecution(described: ExecutionDescription): Record<string, unknown> {
  return {
    ...described,
    startDate: epochSeconds(described.startDate),
    ...(described.stopDate !== undefined ? { stopDate: epochSeconds(described.stopDate) } : {}),
    inputDetails: { included: true },
    ...(described.output !== undefined ? { outputDetails: { included: true } } : {}),
  };
}
