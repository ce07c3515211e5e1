import type { TargetInvoker } from '../eventbridge/target-invoker';
import { TargetInvocationError } from '../eventbridge/target-invoker';
import type { LocalStepFunctions } from './local-step-functions';
import { StepFunctionsApiError } from './stepfunctions-errors';
import { FunctionError } from './task-errors';
import type { InvokeFunction } from './task-integrations';

/** What `invokeFunctionWith` needs of the Lambda runtime (`LambdaRuntime` fits). */
export interface FunctionInvoker {
  invoke(
    functionName: string,
    payload: unknown,
    options: { readonly trigger?: string },
  ): Promise<{
    readonly outcome: 'success' | 'error' | 'timeout';
    readonly result?: unknown;
    readonly error?: {
      readonly errorType: string;
      readonly errorMessage: string;
      readonly stackTrace?: readonly string[];
    };
  }>;
}

const FUNCTION_ARN = /^(?:arn:[\w-]+:lambda:[\w-]+:)?(?:\d{12}:)?(?:function:)?([\w-]+)(?::[\w$-]+)?$/;

/** The function name in a name, a partial ARN or a full ARN (the qualifier dropped). */
export function functionNameOf(functionNameOrArn: string): string {
  return FUNCTION_ARN.exec(functionNameOrArn)?.[1] ?? functionNameOrArn;
}

/**
 * The `invokeFunction` integration over the Lambda runtime: invocations are traced with trigger
 * `states:<execution ARN>`; a function error or timeout rejects
 * with `FunctionError` (so the Task fails with its errorType, e.g. `Sandbox.Timedout`); the
 * runtime's own rejections (function not found, throttled) pass through as Lambda service errors.
 *
 * @example new LocalStepFunctions({ clock, integrations: { invokeFunction: invokeFunctionWith(runtime), putEvents } })
 */
export function invokeFunctionWith(runtime: FunctionInvoker): InvokeFunction {
  return async (functionNameOrArn, payload, context) => {
    const invoked = await runtime.invoke(functionNameOf(functionNameOrArn), payload, {
      trigger: `states:${context.executionArn}`,
    });
    if (invoked.outcome === 'success') return invoked.result;
    const error = invoked.error ?? {
      errorType: 'Lambda.Unknown',
      errorMessage: `the invocation ended in ${invoked.outcome}`,
    };
    throw new FunctionError(error.errorType, error.errorMessage, error.stackTrace ?? []);
  };
}

/**
 * Delivers EventBridge rule targets that are state machines: the target input starts an
 * execution (trigger `events:<rule>`). A missing state machine or an input it refuses sends
 * the event to the target's DLQ at once (not retryable), as on AWS.
 *
 * @example bridge.registerInvoker(stateMachineTargetInvoker(stepFunctions));
 */
export function stateMachineTargetInvoker(stepFunctions: LocalStepFunctions): TargetInvoker {
  return {
    service: 'states',
    invoke: async ({ targetArn, input, rule }) => {
      try {
        stepFunctions.startExecution(targetArn, input, { trigger: `events:${rule.name}` });
      } catch (error) {
        if (error instanceof StepFunctionsApiError) {
          const code =
            error.code === 'StateMachineDoesNotExist' || error.code === 'InvalidArn'
              ? 'NO_RESOURCE'
              : 'SDK_CLIENT_ERROR';
          throw new TargetInvocationError(code, error.message, false);
        }
        throw error;
      }
    },
  };
}
