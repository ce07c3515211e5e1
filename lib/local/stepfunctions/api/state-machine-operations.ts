import { pageOf } from './paging';
import { epochSeconds, type StepFunctionsOperation } from './stepfunctions-operation';

/** DescribeStateMachine and ListStateMachines. */
export const STATE_MACHINE_OPERATIONS: Record<string, StepFunctionsOperation> = {
  DescribeStateMachine: (params, { stepFunctions }) => {
    const machine = stepFunctions.stateMachine(params.string('stateMachineArn'));
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: machine.type,
      creationDate: epochSeconds(machine.createdAt),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  },

  ListStateMachines: (params, { stepFunctions }) => {
    const page = pageOf(stepFunctions.stateMachines(), params, 'ListStateMachines');
    return {
      stateMachines: page.items.map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: machine.type,
        creationDate: epochSeconds(machine.createdAt),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
};
