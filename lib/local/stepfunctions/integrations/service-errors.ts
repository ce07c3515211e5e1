import { randomUUID } from 'node:crypto';
import { TaskFailedError } from '../task-errors';
import type { ServiceErrorStyle } from './service-call';
import type { ServiceAnswer } from './task-services';

/** How an optimized integration's service names its errors, as the Java SDK v1 does. */
export interface OptimizedService {
  /** The prefix of error names (`DynamoDB`, `SQS`). */
  readonly prefix: string;
  /** The service in the cause (`AmazonDynamoDBv2`, `AmazonSQS`). */
  readonly serviceName: string;
  /** The SDK's catch-all exception (`SQS.AmazonSQSException`): a refused call and anything unexpected fail with it. */
  readonly catchAll: string;
  /** The HTTP status and error code of the service's answer to a call IAM refuses. */
  readonly accessDenied: { readonly statusCode: number; readonly errorCode: string };
}

/** The Java SDK v1's words for a service error, the cause of an optimized integration's failure. */
export function javaSdkCause(
  message: string,
  serviceName: string,
  statusCode: number,
  errorCode: string,
  requestId?: string,
): string {
  const request = requestId === undefined ? '' : ` Request ID: ${requestId};`;
  return `${message} (Service: ${serviceName}; Status Code: ${statusCode}; Error Code: ${errorCode};${request} Proxy: null)`;
}

/** How `service` fails a Task: a refused call as its catch-all exception, an error answer by its code. */
export function optimizedServiceErrors(service: OptimizedService): ServiceErrorStyle {
  const { statusCode, errorCode } = service.accessDenied;
  return {
    accessDenied: (message) =>
      new TaskFailedError(service.catchAll, javaSdkCause(message, service.serviceName, statusCode, errorCode)),
    failed: (answer) => optimizedServiceError(service.prefix, service.serviceName, answer),
  };
}

/** The error code and message of an endpoint's error answer (`__type` may carry a namespace). */
export function errorOfAnswer(answer: ServiceAnswer): { readonly code: string; readonly message: string } {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    parsed = JSON.parse(answer.body) as typeof parsed;
  } catch {
    // An answer that is not JSON keeps the generic code below.
  }
  const type = typeof parsed.__type === 'string' ? parsed.__type : 'InternalFailure';
  const code = type.includes('#') ? (type.split('#').pop() ?? type) : type;
  const message = typeof parsed.message === 'string' ? parsed.message : String(parsed.Message ?? '');
  return { code, message };
}

/** `QueueDoesNotExist` → `QueueDoesNotExistException`: Step Functions always names the exception. */
export function withExceptionSuffix(code: string): string {
  return code.endsWith('Exception') ? code : `${code}Exception`;
}

/**
 * The Task error of an optimized integration's service error, as AWS reports it: the error is
 * `<Prefix>.<Code>Exception` (`DynamoDB.ConditionalCheckFailedException`) and the cause is the
 * Java SDK's message, `<message> (Service: <service>; Status Code: <n>; Error Code: <code>;
 * Request ID: <id>; Proxy: null)`.
 */
export function optimizedServiceError(prefix: string, serviceName: string, answer: ServiceAnswer): TaskFailedError {
  const { code, message } = errorOfAnswer(answer);
  return new TaskFailedError(
    `${prefix}.${withExceptionSuffix(code)}`,
    javaSdkCause(message, serviceName, answer.statusCode, code, randomUUID()),
  );
}

/**
 * The Task error of an `aws-sdk:` integration's service error: `<Service>.<Code>Exception` in
 * PascalCase (`Sqs.QueueDoesNotExistException`, `Sfn.ExecutionDoesNotExistException`), the cause
 * as the SDK v2 words it.
 */
export function sdkServiceError(serviceName: string, answer: ServiceAnswer): TaskFailedError {
  const { code, message } = errorOfAnswer(answer);
  return new TaskFailedError(
    `${serviceName}.${withExceptionSuffix(code)}`,
    `${message} (Service: ${serviceName}, Status Code: ${answer.statusCode}, Request ID: ${randomUUID()})`,
  );
}

/** The metadata the optimized integrations add to every response. */
export function sdkMetadata(statusCode = 200): Record<string, unknown> {
  const headers = { 'Content-Type': 'application/x-amz-json-1.0' };
  return {
    SdkHttpMetadata: { AllHttpHeaders: headers, HttpHeaders: headers, HttpStatusCode: statusCode },
    SdkResponseMetadata: { RequestId: randomUUID() },
  };
}
