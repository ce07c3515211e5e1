import type { AwsJsonRequest, AwsJsonResponse, AwsJsonService } from '../../endpoint/aws-json';
import { AwsServiceError, InternalFailureError, UnknownOperationError } from '../../endpoint/aws-service-error';
import { parseJsonObject } from '../../endpoint/json-body';
import { RequestParams } from '../../endpoint/request-params';
import type { LocalSqs } from '../local-sqs';
import { BATCH_OPERATIONS } from './batch-operations';
import { MESSAGE_OPERATIONS } from './message-operations';
import { MOVE_TASK_OPERATIONS } from './move-task-operations';
import { QUEUE_OPERATIONS } from './queue-operations';
import { SQS_PARAMETER_ERRORS, type SqsOperation } from './sqs-operation';

/** The `X-Amz-Target` prefix of SQS's JSON 1.0 protocol. */
export const SQS_TARGET_PREFIX = 'AmazonSQS.';

const OPERATIONS: Readonly<Record<string, SqsOperation>> = {
  ...QUEUE_OPERATIONS,
  ...MESSAGE_OPERATIONS,
  ...BATCH_OPERATIONS,
  ...MOVE_TASK_OPERATIONS,
};

/**
 * SQS's JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`), as SDK v3 and the aws CLI v1
 * (botocore ≥ 1.31) speak it, over a `LocalSqs`.
 */
export class SqsJsonApi implements AwsJsonService {
  constructor(private readonly sqs: LocalSqs) {}

  async handle(request: AwsJsonRequest): Promise<AwsJsonResponse> {
    try {
      const operationName = request.target.startsWith(SQS_TARGET_PREFIX)
        ? request.target.slice(SQS_TARGET_PREFIX.length)
        : '';
      const operation = Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
      if (!operation) {
        throw new UnknownOperationError(request.target);
      }
      const params = new RequestParams(parseJsonObject(request.body), SQS_PARAMETER_ERRORS);
      const output = await operation(params, { sqs: this.sqs, caller: request.caller, signal: request.signal });
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
