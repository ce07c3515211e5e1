export { LocalStepFunctions, STEP_FUNCTIONS_TARGET_PREFIX } from './local-step-functions';
export type { LocalStepFunctionsProps, StartExecutionOptions } from './local-step-functions';
export { LocalExecution } from './local-execution';
export type { ExecutionDescription, ExecutionJournal, ExecutionStatus, StoredExecution } from './local-execution';
export type { HistoryEvent } from './execution-history';
export type {
  LoggingConfiguration,
  RegisteredStateMachine,
  StateMachineRegistration,
  TracingConfiguration,
} from './state-machine-registration';
export {
  AWS_SDK_SERVICES,
  integrationOf,
  SUPPORTED_INTEGRATIONS,
  unrunTaskResources,
} from './integrations/integration-registry';
export type {
  Integration,
  IntegrationKind,
  IntegrationPattern,
  SupportedIntegration,
  UnrunTaskResource,
} from './integrations/integration-registry';
export {
  InvalidTaskOutputError,
  InvalidTaskTokenError,
  isWellFormedTaskToken,
  newTaskToken,
  TaskDoesNotExistError,
  TaskTimedOutError,
  TaskTokens,
} from './integrations/task-tokens';
export type {
  AccessDenial,
  AuthorizeRole,
  CallService,
  RoleRequest,
  ServiceAnswer,
  ServiceCall,
  TaskServices,
} from './integrations/task-services';
export {
  assertValidDefinition,
  InvalidStateMachineDefinitionError,
  validateDefinition,
} from './control/definition-validation';
export type { DefinitionDiagnostic } from './control/definition-validation';
export {
  StateMachineAlreadyExistsError,
  StateMachineCatalog,
  type StateMachineJournal,
  type StoredStateMachine,
} from './control/state-machine-catalog';
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
