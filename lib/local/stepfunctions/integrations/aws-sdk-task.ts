import type { JsonValue } from '../asl-interpreter';
import { FunctionError, TaskFailedError } from '../task-errors';
import type { TaskScope } from '../task-scope';
import { callServiceAsRole, parametersObject, type ServiceErrorStyle } from './service-call';
import { sdkServiceError } from './service-errors';
import { serviceTaskError, type IntegrationTask, type ServiceIntegration } from './integration-task';

/** How an `aws-sdk:<service>` name reaches the endpoint, and its name in error names. */
interface SdkService {
  /** The endpoint's `X-Amz-Target` prefix. */
  readonly targetPrefix: string;
  /** PascalCase service name of error names (`Sqs.QueueDoesNotExistException`). */
  readonly errorName: string;
  /** The API's members are camelCase (Step Functions' own): Task parameters are PascalCase anyway. */
  readonly camelCaseApi?: boolean;
}

/** The `aws-sdk` services whose JSON API the endpoint serves (kept in step with AWS_SDK_SERVICES). */
const SDK_SERVICES: Readonly<Record<string, SdkService>> = {
  sqs: { targetPrefix: 'AmazonSQS.', errorName: 'Sqs' },
  dynamodb: { targetPrefix: 'DynamoDB_20120810.', errorName: 'DynamoDb' },
  eventbridge: { targetPrefix: 'AWSEvents.', errorName: 'EventBridge' },
  sfn: { targetPrefix: 'AWSStepFunctions.', errorName: 'Sfn', camelCaseApi: true },
  cloudwatchlogs: { targetPrefix: 'Logs_20140328.', errorName: 'CloudWatchLogs', camelCaseApi: true },
};

/** Step Functions members that are JSON text: an object given for them is sent as its text. */
const JSON_TEXT_MEMBERS = new Set(['Input', 'Output']);

/**
 * `arn:aws:states:::aws-sdk:<service>:<action>` (and `.waitForTaskToken`): the action is called
 * on the local endpoint's own dispatch, so every operation the endpoint serves is reachable and
 * stays in step with it. Parameters and the result are in PascalCase even for camelCase APIs
 * (Step Functions); errors are `<Service>.<Code>Exception`. `aws-sdk:lambda:invoke` invokes the
 * function as the SDK would: a function error is not a Task failure but `FunctionError` in the
 * result.
 */
export function awsSdk(
  { scope, stateName, resource }: IntegrationTask,
  sdkService: string,
  action: string,
): ServiceIntegration {
  const operation = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  return {
    call:
      sdkService === 'lambda'
        ? (parameters) => invokeLambda(scope, stateName, resource, parameters)
        : (parameters) => callSdkService(scope, stateName, resource, sdkService, operation, parameters),
    toTaskError: serviceTaskError(`${SDK_SERVICES[sdkService]?.errorName ?? 'Lambda'}.SdkClientException`),
  };
}

async function callSdkService(
  scope: TaskScope,
  stateName: string,
  resource: string,
  sdkService: string,
  operation: string,
  parameters: JsonValue,
): Promise<JsonValue> {
  const service = SDK_SERVICES[sdkService];
  if (!service) throw new TaskFailedError('States.Runtime', `the local cloud does not serve '${sdkService}'`);
  const errors: ServiceErrorStyle = {
    accessDenied: (message) =>
      new TaskFailedError(
        `${service.errorName}.AccessDeniedException`,
        `${message} (Service: ${service.errorName}, Status Code: 400)`,
      ),
    failed: (answer) => sdkServiceError(service.errorName, answer),
  };
  const request = parametersObject(stateName, resource, parameters);
  const body = service.camelCaseApi ? camelCaseRequest(request) : request;
  const response = await callServiceAsRole(scope, stateName, `${service.targetPrefix}${operation}`, body, errors);
  return (service.camelCaseApi ? pascalCaseKeys(response) : response) as JsonValue;
}

async function invokeLambda(
  scope: TaskScope,
  stateName: string,
  resource: string,
  parameters: JsonValue,
): Promise<JsonValue> {
  const request = parametersObject(stateName, resource, parameters);
  if (typeof request.FunctionName !== 'string') {
    throw new TaskFailedError(
      'Lambda.ValidationException',
      "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null",
    );
  }
  const denial = scope.services.authorize?.(scope.roleArn, {
    action: 'lambda:InvokeFunction',
    resource: request.FunctionName,
  });
  if (denial) throw new TaskFailedError('Lambda.AccessDeniedException', denial.message);
  const payload =
    typeof request.Payload === 'string' ? (JSON.parse(request.Payload) as unknown) : (request.Payload ?? {});
  try {
    const result = await scope.integrations.invokeFunction(request.FunctionName, payload, {
      executionArn: scope.executionArn,
      stateMachineArn: scope.stateMachineArn,
      stateName,
      invocationType: 'RequestResponse',
      ...(scope.correlationId !== undefined ? { correlationId: scope.correlationId } : {}),
    });
    return { ExecutedVersion: '$LATEST', Payload: JSON.stringify(result ?? null), StatusCode: 200 };
  } catch (error) {
    if (error instanceof FunctionError) {
      return {
        ExecutedVersion: '$LATEST',
        FunctionError: 'Unhandled',
        Payload: JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, trace: error.trace }),
        StatusCode: 200,
      };
    }
    const code = (error as { code?: unknown }).code;
    throw new TaskFailedError(
      `Lambda.${typeof code === 'string' && code !== '' ? code : 'LambdaException'}`,
      (error as Error).message,
    );
  }
}

function camelCaseRequest(request: Record<string, JsonValue>): Record<string, unknown> {
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    const camel = `${key.charAt(0).toLowerCase()}${key.slice(1)}`;
    converted[camel] =
      JSON_TEXT_MEMBERS.has(key) && typeof value !== 'string' ? JSON.stringify(value) : camelCaseKeys(value);
  }
  return converted;
}

function camelCaseKeys(value: unknown): unknown {
  return mapKeys(value, (key) => `${key.charAt(0).toLowerCase()}${key.slice(1)}`);
}

function pascalCaseKeys(value: unknown): unknown {
  return mapKeys(value, (key) => `${key.charAt(0).toUpperCase()}${key.slice(1)}`);
}

function mapKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), mapKeys(item, rename)]));
}
