import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../endpoint/aws-json';
import { dispatchJsonOperation } from '../../endpoint/dispatch-json-operation';
import type { LogStore } from '../log-store';
import { LOG_EVENT_OPERATIONS } from './log-event-operations';
import { LOG_GROUP_OPERATIONS } from './log-group-operations';
import { LOGS_PARAMETER_ERRORS, type LogsOperation } from './logs-operation';

/** The `X-Amz-Target` prefix of CloudWatch Logs' JSON 1.1 protocol. */
export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

const OPERATIONS: Readonly<Record<string, LogsOperation>> = { ...LOG_GROUP_OPERATIONS, ...LOG_EVENT_OPERATIONS };

const LOGS_API = { targetPrefix: LOGS_TARGET_PREFIX, operations: OPERATIONS, parameterErrors: LOGS_PARAMETER_ERRORS };

/**
 * CloudWatch Logs' JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.<Operation>`) over a
 * `LogStore`: what `aws logs ...` and the SDK's `CloudWatchLogsClient` call.
 */
export class LogsJsonApi implements AwsJsonService {
  constructor(private readonly store: LogStore) {}

  handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    return dispatchJsonOperation(request, LOGS_API, this.store);
  }
}
