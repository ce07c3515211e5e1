import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../endpoint/aws-json';
import { AwsServiceError, InternalFailureError, UnknownOperationError } from '../../endpoint/aws-service-error';
import { parseJsonObject } from '../../endpoint/json-body';
import { RequestParams } from '../../endpoint/request-params';
import type { LogStore } from '../log-store';
import { LOG_EVENT_OPERATIONS } from './log-event-operations';
import { LOG_GROUP_OPERATIONS } from './log-group-operations';
import { LOGS_PARAMETER_ERRORS, type LogsOperation } from './logs-operation';

/** The `X-Amz-Target` prefix of CloudWatch Logs' JSON 1.1 protocol. */
export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

const OPERATIONS: Readonly<Record<string, LogsOperation>> = { ...LOG_GROUP_OPERATIONS, ...LOG_EVENT_OPERATIONS };

/**
 * CloudWatch Logs' JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`) over a
 * `LogStore`: what `aws logs ...` and the SDK's `CloudWatchLogsClient` call.
 */
export class LogsJsonApi implements AwsJsonService {
  constructor(private readonly store: LogStore) {}

  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    try {
      const operationName = request.target.startsWith(LOGS_TARGET_PREFIX)
        ? request.target.slice(LOGS_TARGET_PREFIX.length)
        : '';
      const operation = Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
      if (!operation) {
        throw new UnknownOperationError(request.target);
      }
      const params = new RequestParams(parseJsonObject(request.body), LOGS_PARAMETER_ERRORS);
      const output = await operation(params, this.store);
      return { statusCode: 200, body: JSON.stringify(output) };
    } catch (error) {
      const serviceError =
        error instanceof AwsServiceError
          ? error
          : new InternalFailureError(`internal error: ${(error as Error).message}`);
      return serviceError.toResponse();
    }
  }
}
