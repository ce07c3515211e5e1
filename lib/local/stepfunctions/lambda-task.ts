import { formatArn } from '../arn';
import type { JsonValue } from './engine/json';
import type { TaskStateHandler } from './task-handlers';
import type { IntegrationTask, ServiceIntegration } from './integrations/integration-task';
import { javaSdkCause } from './integrations/service-errors';
import { isTaskError, messageOf, runTaskAttempt } from './run-task-attempt';
import { FunctionError, TaskFailedError, TaskRuntimeError } from './task-errors';
import type { InvokeFunctionContext } from './task-integrations';
import type { TaskScope } from './task-scope';

type InvocationType = InvokeFunctionContext['invocationType'];

/**
 * The handler of a `arn:aws:states:::lambda:invoke` Task: Parameters `FunctionName` (plus
 * optional `Qualifier`, `InvocationType`) and `Payload`; the result is Lambda's Invoke response
 * as Step Functions returns it, `{ ExecutedVersion, Payload, SdkHttpMetadata,
 * SdkResponseMetadata, StatusCode }` (CDK's `LambdaInvoke` often adds `OutputPath: '$.Payload'`).
 */
export function lambdaInvoke({ scope, stateName }: IntegrationTask): ServiceIntegration {
  return { call: (parameters) => invokeOnce(scope, stateName, parameters), toTaskError: lambdaTaskError };
}

/** One Invoke of `lambda:invoke`, after the role's `lambda:InvokeFunction` is checked. */
async function invokeOnce(scope: TaskScope, stateName: string, parameters: JsonValue): Promise<JsonValue> {
  const request = invokeRequestOf(stateName, parameters);
  assertMayInvoke(scope, request.functionName);
  if (request.invocationType === 'DryRun') return invokeResponse(null, 204);
  const context = invokeContext(scope, stateName, request.invocationType);
  if (request.invocationType === 'Event') {
    // Asynchronous invocations are accepted, not awaited.
    scope.integrations.invokeFunction(request.functionName, request.payload, context).catch(() => undefined);
    return invokeResponse(null, 202);
  }
  const result = await scope.integrations.invokeFunction(request.functionName, request.payload, context);
  return invokeResponse(asJson(result), 200);
}

/** The role must allow `lambda:InvokeFunction` on the function, as on AWS. */
function assertMayInvoke(scope: TaskScope, functionName: string): void {
  const functionArn = functionName.startsWith('arn:')
    ? functionName
    : formatArn('lambda', scope.region, `function:${functionName}`);
  const denial = scope.services.authorize?.(scope.roleArn, { action: 'lambda:InvokeFunction', resource: functionArn });
  if (denial) {
    throw new TaskFailedError(
      'Lambda.AWSLambdaException',
      javaSdkCause(denial.message, 'AWSLambda', 403, 'AccessDeniedException'),
    );
  }
}

/** The handler of a Task whose Resource is a Lambda function ARN: effective input in, result out. */
export function lambdaFunctionHandler(scope: TaskScope, stateName: string, functionArn: string): TaskStateHandler {
  return (input) =>
    runTaskAttempt(
      scope,
      stateName,
      functionArn,
      input,
      'lambda-function',
      async () => {
        assertMayInvoke(scope, functionArn);
        const result = await scope.integrations.invokeFunction(
          functionArn,
          input,
          invokeContext(scope, stateName, 'RequestResponse'),
        );
        return asJson(result);
      },
      lambdaTaskError,
    );
}

/**
 * What a failed invocation fails the Task with, as on AWS: a function error is its errorType
 * (the cause is Lambda's error payload as JSON text); a service error is `Lambda.<code>`.
 */
export function lambdaTaskError(error: unknown): Error {
  if (isTaskError(error)) return error;
  if (error instanceof FunctionError || isFunctionErrorLike(error)) {
    const { errorType, errorMessage } = error;
    const trace = error instanceof FunctionError ? [...error.trace] : [];
    return new TaskFailedError(errorType || 'Lambda.Unknown', JSON.stringify({ errorType, errorMessage, trace }));
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return new TaskFailedError(
    typeof code === 'string' && code !== '' ? `Lambda.${code}` : 'Lambda.ServiceException',
    messageOf(error),
  );
}

interface InvokeRequest {
  readonly functionName: string;
  readonly payload: JsonValue;
  readonly invocationType: InvocationType | 'DryRun';
}

function invokeRequestOf(stateName: string, parameters: JsonValue): InvokeRequest {
  if (
    typeof parameters !== 'object' ||
    parameters === null ||
    Array.isArray(parameters) ||
    typeof parameters.FunctionName !== 'string'
  ) {
    throw new TaskRuntimeError(
      `task state '${stateName}' must pass Parameters with a string FunctionName to lambda:invoke`,
    );
  }
  const invocationType = parameters.InvocationType ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse' && invocationType !== 'Event' && invocationType !== 'DryRun') {
    throw new TaskRuntimeError(`task state '${stateName}' has an unknown InvocationType '${String(invocationType)}'`);
  }
  const qualifier = typeof parameters.Qualifier === 'string' ? `:${parameters.Qualifier}` : '';
  return { functionName: `${parameters.FunctionName}${qualifier}`, payload: parameters.Payload ?? {}, invocationType };
}

function invokeContext(scope: TaskScope, stateName: string, invocationType: InvocationType): InvokeFunctionContext {
  return {
    executionArn: scope.executionArn,
    stateMachineArn: scope.stateMachineArn,
    stateName,
    invocationType,
    ...(scope.correlationId !== undefined ? { correlationId: scope.correlationId } : {}),
  };
}

function invokeResponse(payload: JsonValue, statusCode: number): JsonValue {
  const headers = { 'Content-Type': 'application/json' };
  return {
    ExecutedVersion: '$LATEST',
    Payload: statusCode === 200 ? payload : '',
    SdkHttpMetadata: { AllHttpHeaders: headers, HttpHeaders: headers, HttpStatusCode: statusCode },
    SdkResponseMetadata: { RequestId: crypto.randomUUID() },
    StatusCode: statusCode,
  };
}

/** The result as Lambda returns it: after a JSON round trip (`undefined` is `null`). */
function asJson(result: unknown): JsonValue {
  return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
}

function isFunctionErrorLike(error: unknown): error is { errorType: string; errorMessage: string } {
  const candidate = error as { errorType?: unknown; errorMessage?: unknown } | undefined;
  return typeof candidate?.errorType === 'string' && typeof candidate.errorMessage === 'string';
}
