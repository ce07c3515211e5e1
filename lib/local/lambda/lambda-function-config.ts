import type { FunctionModel } from '../assembly/app-model';

/**
 * What the runtime needs to run a function: a subset of the assembly's `FunctionModel`, so the
 * model's functions can be passed as they are, and tests can write one by hand.
 */
export type LambdaFunctionConfig = Pick<
  FunctionModel,
  'name' | 'handler' | 'memorySizeMb' | 'timeoutSeconds' | 'environment' | 'code'
> &
  Partial<
    Pick<
      FunctionModel,
      | 'arn'
      | 'runtime'
      | 'reservedConcurrency'
      | 'logGroupName'
      | 'logFormat'
      | 'roleArn'
      | 'architectures'
      | 'tracingMode'
    >
  >;
