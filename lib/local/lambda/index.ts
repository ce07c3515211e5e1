export { lambdaRestApi, type LambdaRestApiOptions } from './api/lambda-rest-api';
export * from './api/lambda-api-errors';
export type { EnvironmentOutcome, Isolation, LambdaErrorPayload } from './execution-environment';
export { functionEnvironment, type FunctionEnvironmentOptions } from './function-environment';
export {
  ColdStartGate,
  defaultMaxConcurrentColdStarts,
  type ColdStartRequest,
  type ColdStartSlot,
} from './cold-start-gate';
export type { ConcurrencyOverflow } from './function-pool';
export * from './lambda-errors';
export type { LambdaFunctionConfig } from './lambda-function-config';
export {
  batchItemFailuresOf,
  LambdaRuntime,
  logGroupNameOf,
  type ColdStartStats,
  type FunctionStats,
  type InvokeOptions,
  type InvokeResult,
  type LambdaRuntimeOptions,
} from './lambda-runtime';
export * from './log-sink';
export { findRuntimeNode, nodeMajorOf, type RuntimeNode } from './runtime-node';
