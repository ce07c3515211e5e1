export { LocalStepFunctions, STEP_FUNCTIONS_TARGET_PREFIX } from './local-step-functions';
export type { LocalStepFunctionsProps, StartExecutionOptions } from './local-step-functions';
export { LocalExecution } from './local-execution';
export type { ExecutionDescription, ExecutionStatus } from './local-execution';
export type { HistoryEvent } from './execution-history';
export type { RegisteredStateMachine, StateMachineRegistration } from './state-machine-registration';
export type {
  InvokeFunction,
  InvokeFunctionContext,
  PutEvents,
  PutEventsContext,
  PutEventsRequestEntry,
  PutEventsResponse,
  TaskIntegrations,
} from './task-integrations';
export { FunctionError, TaskFailedError, TaskRuntimeError } from './task-errors';
export {
  ExecutionAlreadyExistsError,
  ExecutionDoesNotExistError,
  InvalidDefinitionError,
  InvalidExecutionInputError,
  InvalidExecutionNameError,
  InvalidPagingTokenError,
  InvalidStepFunctionsArnError,
  StateMachineDoesNotExistError,
  StateMachineTypeNotSupportedError,
  StepFunctionsApiError,
  StepFunctionsValidationError,
} from './stepfunctions-errors';
export { functionNameOf, invokeFunctionWith, stateMachineTargetInvoker } from './integration-adapters';
export type { FunctionInvoker } from './integration-adapters';
export { installPromiseWithResolvers } from './promise-with-resolvers';
